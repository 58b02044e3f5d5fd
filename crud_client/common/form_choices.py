"""Choices handed to Django's choice fields ready-made, so each form does not check them again."""

from django.utils.choices import BaseChoiceIterator


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
