"""The form renderer: the input and select widgets every form shows are written out in Python, the rest through
TEMPLATES (jinja2/django/forms/ and Django's own widget templates).

A widget rendered through a template costs a template lookup, a context copy and an include per widget; on the
items page the filter form's five fields cost more than its twenty table rows (see docs/performance.md). The HTML
is exactly what Django's templates write.
"""

from django.forms.renderers import TemplatesSetting
from markupsafe import escape

# Django's widget templates that are nothing but `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input checkbox color date datetime email file hidden number password search tel text time url".split()
    )
)
SELECT_TEMPLATE = "django/forms/widgets/select.html"


class WidgetRenderer(TemplatesSetting):
    """TemplatesSetting, with `<input>` and `<select>` widgets written without a template."""

    def render(self, template_name, context, request=None):
        """Return the widget's HTML; any other template (radios, textarea, forms) goes through TEMPLATES."""
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        if template_name == SELECT_TEMPLATE:
            return select_html(context["widget"])
        return super().render(template_name, context, request)


def attrs_html(attrs: dict) -> str:
    """Return ` name="value"` for each attribute, a bare ` name` for True and nothing for False, as attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return "".join(parts)


def input_html(widget: dict) -> str:
    """Return `<input>` as django/forms/widgets/input.html writes it."""
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{attrs_html(widget["attrs"])}>'
    )


def select_html(widget: dict) -> str:
    """Return `<select>` with its options (and optgroups) as jinja2/django/forms/widgets/select.html wrote it."""
    parts = [f'<select name="{escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        parts.extend(option_html(option["value"], option["label"], option["selected"]) for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def option_html(value, label, selected: bool) -> str:
    """Return one `<option>` line as django/forms/widgets/select_option.html writes it."""
    return f'\n  <option value="{escape(value)}"{" selected" if selected else ""}>{escape(label)}</option>'
