"""Fingerprints of a form's values, so that saving an object unchanged can be recognised without asking the API."""

import hashlib
import json
from decimal import Decimal

from django.core.exceptions import ValidationError


def values_fingerprint(fields: dict, values: dict) -> str:
    """Return a digest of `values` as `fields` read them: equal for "12.5" and "12.50", 3 and "3", CRLF and LF."""
    comparable = {}
    for name, field in fields.items():
        try:
            value = field.to_python(values.get(name))
        except ValidationError:
            return ""  # a value the form cannot read matches nothing, so the save goes ahead and is judged there
        comparable[name] = _comparable(value)
    return hashlib.sha256(json.dumps(comparable, sort_keys=True).encode()).hexdigest()


def _comparable(value) -> str:
    """Return one spelling of a value: decimals without trailing zeros, browsers' CRLF line ends as LF."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).replace("\r\n", "\n")
