"""Choices handed to Django's choice fields ready-made, so each form does not check them again, and the select
that writes them."""

import functools

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe
from markupsafe import escape

from common.widget_renderer import attrs_html, option_html


class ReadyChoices(BaseChoiceIterator):
    """Flat (value, label) pairs that Django's choice normalisation passes through as they are.

    Given a plain list, Django re-checks every pair twice per form (for the field and for its widget); for a
    user's fifty categories on every items page that cost more than writing the options out.
    """

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)


class ReadySelect(forms.Select):
    """A `<select>` of ReadyChoices, with the HTML of Django's select template, its options written once per process.

    A user's categories are the same on every items page until one changes; building a dict per option and writing
    each out took more than the rest of the items filter (docs/performance.md).
    """

    def render(self, name, value, attrs=None, renderer=None):
        """Return the select: its own attributes, then the options for these choices with `value` selected."""
        attrs = attrs_html(self.build_attrs(self.attrs, attrs))
        options = options_html(tuple(self.choices), tuple(self.format_value(value)))
        return mark_safe(f'<select name="{escape(name)}"{attrs}>{options}\n</select>')


@functools.lru_cache(maxsize=256)
def options_html(pairs: tuple, selected: tuple[str, ...]) -> str:
    """Return the `<option>` lines of flat (value, label) pairs, the first whose value is in `selected` selected."""
    lines, chosen = [], False
    for value, label in pairs:
        value = "" if value is None else value
        mark = not chosen and str(value) in selected
        chosen = chosen or mark
        lines.append(option_html(value, label, mark))
    return "".join(lines)
