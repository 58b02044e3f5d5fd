"""History entries read as sentences: who, what changed from what to what, and through what."""

from inventory.history_lines import HistoryLine
from tests.inventory.conftest import HISTORY_ENTRY as ENTRY


def test_an_update_names_the_field_and_both_values():
    line = HistoryLine.from_entry(ENTRY)
    assert (line.who, line.verb, line.changes, line.source) == ("ada", "changed", "price from 12.50 to 13.00", "web")
    assert (line.item_id, line.item_name) == (5, "Claw hammer")


def test_several_fields_are_joined_with_and():
    changes = [{"field": "quantity", "old": 3, "new": 4}, {"field": "reorder_level", "old": 0, "new": 2}]
    line = HistoryLine.from_entry({**ENTRY, "changes": changes})
    assert line.changes == "quantity from 3 to 4 and reorder level from 0 to 2"


def test_text_is_quoted_cut_short_and_an_empty_value_is_a_dash():
    changes = [{"field": "description", "old": "", "new": "x" * 100}, {"field": "sku", "old": "H-1", "new": None}]
    line = HistoryLine.from_entry({**ENTRY, "changes": changes})
    assert line.changes == f"description from — to ‘{'x' * 39}…’ and SKU from ‘H-1’ to —"


def test_a_change_with_no_user_is_someones_and_sources_read_as_words():
    line = HistoryLine.from_entry({**ENTRY, "user": None, "action": "restored", "source": "bulk", "changes": []})
    assert (line.who, line.verb, line.changes, line.source) == ("Someone", "restored", "", "bulk action")


def test_a_change_made_in_the_admin_says_staff_made_it():
    line = HistoryLine.from_entry({**ENTRY, "user": "boss", "source": "admin"})
    assert (line.who, line.verb, line.source) == ("boss", "changed", "staff, in the admin")


def test_money_and_counts_read_as_they_do_on_every_other_page(settings):
    settings.CLIENT_CURRENCY = "£"
    changes = [{"field": "price", "old": "3751.50", "new": "99.00"}, {"field": "quantity", "old": 12000, "new": 0}]
    line = HistoryLine.from_entry({**ENTRY, "changes": changes})
    assert line.changes == "price from £3,751.50 to £99.00 and quantity from 12,000 to 0"
