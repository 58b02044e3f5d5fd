"""Fill in deploy/'s templates: `{{ name }}` placeholders in the nginx site and the environment files."""

import re
from pathlib import Path

PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


def render(template: Path, values: dict) -> str:
    """Return the template with every placeholder replaced; a placeholder without a value is an error."""
    text = template.read_text()
    missing = sorted({name for name in PLACEHOLDER.findall(text) if name not in values})
    if missing:
        raise KeyError(f"{template.name} needs values for: {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def environment(template: Path, values: dict) -> dict:
    """Return the variables of a rendered `NAME=value` file (comments and blank lines skipped)."""
    variables = {}
    for line in render(template, values).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            variables[name.strip()] = value.strip()
    return variables
