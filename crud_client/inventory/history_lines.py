"""An item's history entries as the sentences pages show: "ada changed price from 12.50 to 13.00 (web)"."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from common.page_filters import money, number

FIELD_LABELS = {"sku": "SKU", "reorder_level": "reorder level"}
# A change made in the API's admin is staff's, not the owner's: the line says so next to the staff username.
SOURCES = {"web": "web", "api": "API", "bulk": "bulk action", "import": "import", "admin": "staff, in the admin"}
VERBS = {"created": "created", "updated": "changed", "deleted": "deleted", "restored": "restored"}
LONGEST_VALUE = 40  # a 5,000-character description would drown the line it sits in


@dataclass(frozen=True)
class HistoryLine:
    """One change, in words: who did what (to which item), which fields moved, and through what."""

    when: str
    who: str
    verb: str
    changes: str
    source: str
    item_id: int | None
    item_name: str

    @classmethod
    def from_entry(cls, entry: dict) -> "HistoryLine":
        """Read an API history entry ({when, user, action, source, changes, item})."""
        item = entry.get("item") or {}
        return cls(
            when=entry.get("when", ""),
            who=entry.get("user") or "Someone",
            verb=VERBS.get(entry.get("action"), entry.get("action", "changed")),
            changes=" and ".join(_change(change) for change in entry.get("changes") or []),
            source=SOURCES.get(entry.get("source"), entry.get("source", "")),
            item_id=item.get("id"),
            item_name=item.get("name", ""),
        )


def history_lines(entries: list[dict]) -> list[HistoryLine]:
    """Return the sentences of a page of history entries."""
    return [HistoryLine.from_entry(entry) for entry in entries]


# Money and counts read as they do everywhere else in the client ("£1,234.50", "12,000").
FORMATS = {"price": money, "quantity": number, "reorder_level": number}


def _change(change: dict) -> str:
    field = change.get("field")
    label = FIELD_LABELS.get(field, str(field or "").replace("_", " "))
    show = FORMATS.get(field, _value)

    def shown(value) -> str:
        return "—" if value is None or value == "" else show(value)

    return f"{label} from {shown(change.get('old'))} to {shown(change.get('new'))}"


def _value(value) -> str:
    """Show numbers as they are, text in quotes (cut short), and no value as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value}"
    text = str(value)
    try:
        Decimal(text)
    except (InvalidOperation, ValueError):
        short = text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"
        return f"‘{short}’"
    return text
