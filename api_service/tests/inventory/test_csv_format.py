"""The CSV format's formula-cell guard: what a spreadsheet would run is made text, and the import undoes it exactly."""

import pytest

from inventory.csv_format import neutralise, restore

TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("first", TRIGGERS)
def test_a_cell_starting_with_a_formula_character_gets_a_quote(first):
    assert neutralise(f"{first}1+1") == f"'{first}1+1"


@pytest.mark.parametrize("value", ["Claw hammer", "12.50", "", "'quoted text", "a=b", " =spaced"])
def test_other_cells_are_left_as_they_are(value):
    assert neutralise(value) == value


@pytest.mark.parametrize(
    "value", ["=cmd", "'=cmd", "''=cmd", "'", "''", "'plain", "-", "@", "+-=", "'\t", "plain", "", "x'=y"]
)
def test_restore_gives_back_exactly_what_neutralise_was_given(value):
    assert restore(neutralise(value)) == value


def test_a_quote_a_user_typed_before_a_formula_is_taken_off():
    assert restore("'=SUM(A1)") == "=SUM(A1)"
