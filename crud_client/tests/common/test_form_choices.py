"""Ready-made choices: Django's choice fields and widgets take them as they are and behave as with a list."""

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.choices import normalize_choices

from common.form_choices import ReadyChoices, ReadySelect


def test_normalisation_passes_them_through_untouched():
    choices = ReadyChoices([(1, "Tools")])
    assert normalize_choices(choices) is choices


def test_a_field_accepts_a_listed_value_and_refuses_others():
    field = forms.TypedChoiceField(coerce=int, choices=ReadyChoices([("", "All"), (1, "Tools")]), required=False)
    assert field.clean("1") == 1
    with pytest.raises(forms.ValidationError):
        field.clean("2")


def test_a_select_renders_every_option_and_marks_the_chosen_one():
    html = forms.Select(choices=ReadyChoices([("", "All"), (1, "Tools"), (2, "Paint")])).render("category", 2)
    assert '<option value="">All</option>' in html and '<option value="1">Tools</option>' in html
    assert '<option value="2" selected>Paint</option>' in html


def test_they_can_be_iterated_more_than_once():
    choices = ReadyChoices(iter([(1, "Tools")]))
    assert list(choices) == list(choices) == [(1, "Tools")] and len(choices) == 1


def test_the_ready_select_writes_what_djangos_select_template_writes():
    choices = ReadyChoices([("", "All"), (1, 'A & "B"'), (2, "<c>"), (None, "Nothing")])
    attrs = {"id": "id_category", "required": True, "aria-invalid": "true", "disabled": False}
    for value in (None, "", 2, "2", [2]):
        ready = ReadySelect(choices=choices).render("category", value, attrs, TemplatesSetting())
        assert ready == forms.Select(choices=choices).render("category", value, attrs, TemplatesSetting())


def test_the_ready_select_marks_only_the_first_option_with_the_chosen_value():
    html = ReadySelect(choices=ReadyChoices([(1, "Tools"), ("1", "Tools again")])).render("category", 1)
    assert html.count(" selected") == 1 and '<option value="1" selected>Tools</option>' in html
