"""The form renderer writes inputs and selects in Python, with exactly the HTML the widget templates write."""

from django import forms
from django.forms.renderers import TemplatesSetting

from common.widget_renderer import WidgetRenderer

TEMPLATES = TemplatesSetting()
PYTHON = WidgetRenderer()


def both(widget: forms.Widget, value, attrs=None) -> tuple[str, str]:
    """Return the widget's HTML through the templates and through the Python renderer."""
    attrs = {"id": "id_f", **(attrs or {})}
    return widget.render("f", value, attrs, TEMPLATES), widget.render("f", value, attrs, PYTHON)


def test_text_input_matches_the_template_with_escaped_value_and_attributes():
    through_templates, in_python = both(forms.TextInput(attrs={"placeholder": 'a "b"'}), "<x> & y", {"required": True})
    assert in_python == through_templates
    assert 'value="&lt;x&gt; &amp; y"' in in_python and " required" in in_python


def test_input_without_a_value_has_no_value_attribute():
    through_templates, in_python = both(forms.NumberInput(), None, {"disabled": False})
    assert in_python == through_templates == '<input type="number" name="f" id="id_f">'


def test_checkbox_matches_the_template_when_ticked():
    through_templates, in_python = both(forms.CheckboxInput(), True)
    assert in_python == through_templates
    assert " checked" in in_python


def test_select_with_optgroups_matches_the_template():
    choices = [("", "Any"), ("1", 'A & "B"'), ("Group", [("2", "<c>"), ("3", "D")])]
    through_templates, in_python = both(forms.Select(choices=choices), "2")
    assert in_python == through_templates
    assert '<option value="2" selected>&lt;c&gt;</option>' in in_python
    assert '<optgroup label="Group">' in in_python


def test_other_widgets_still_render_through_templates():
    widget = forms.Textarea()
    assert widget.render("f", "hi", {"id": "id_f"}, PYTHON) == widget.render("f", "hi", {"id": "id_f"}, TEMPLATES)
