"""The dashboard's bar chart of stock value by category, laid out on the server for an inline SVG."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_BARS = 8  # more would make the chart a list; the rest are summed into one bar
ROW_HEIGHT = 48  # a label line above a 16 px bar, with room between rows
LONGEST_LABEL = 28  # SVG text does not wrap; a longer name is cut so it cannot run into the value on a phone
UNCATEGORISED = "No category"


@dataclass(frozen=True)
class Bar:
    """One category's row: its name, figures, and the bar's length as a percentage of the largest value."""

    label: str
    value: Decimal
    items: int
    units: int
    percent: float
    y: int


@dataclass(frozen=True)
class ValueChart:
    """The chart's rows and its height in pixels (its width follows the page)."""

    bars: list[Bar]
    height: int

    def description(self) -> str:
        """Say what the chart shows, for its SVG <desc>."""
        return "; ".join(f"{bar.label}: {bar.value:,.2f} ({bar.items:,} items)" for bar in self.bars) + "."


def value_chart(by_category: list[dict]) -> ValueChart:
    """Lay out the API's `by_category` rows (highest value first), the ones past MAX_BARS summed as "Other"."""
    rows = [
        (_label(row.get("name")), _decimal(row.get("value")), row.get("items", 0), row.get("units", 0))
        for row in by_category
    ]
    if len(rows) > MAX_BARS:
        rest = rows[MAX_BARS - 1 :]
        other = (
            f"{len(rest)} other categories",
            sum((value for _, value, _, _ in rest), Decimal(0)),
            sum(items for _, _, items, _ in rest),
            sum(units for _, _, _, units in rest),
        )
        rows = [*rows[: MAX_BARS - 1], other]
    largest = max((value for _, value, _, _ in rows), default=Decimal(0))
    bars = [
        Bar(label, value, items, units, _percent(value, largest), index * ROW_HEIGHT)
        for index, (label, value, items, units) in enumerate(rows)
    ]
    return ValueChart(bars, len(bars) * ROW_HEIGHT)


def _label(name) -> str:
    name = name or UNCATEGORISED
    return name if len(name) <= LONGEST_LABEL else name[: LONGEST_LABEL - 1] + "…"


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def _percent(value: Decimal, largest: Decimal) -> float:
    """Return the bar's length; a value above zero always shows a sliver, so it is not mistaken for none."""
    if largest <= 0 or value <= 0:
        return 0.0
    return max(round(float(value / largest) * 100, 2), 0.5)
