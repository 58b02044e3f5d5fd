"""The Jinja2 filters pages show values with: money, numbers, dates and the stock badge.

Each takes the API's JSON value as it comes (a decimal string, an integer, an ISO 8601 string, or None) and
returns what a person reads; a value it cannot read is shown as it is rather than failing the page.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from markupsafe import Markup, escape

EMPTY = "—"
# English, as every page is, whatever the server's locale (strftime's %b follows it).
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CENTS = Decimal("0.01")


def money(value) -> str:
    """Return an amount with thousands separators and two decimals, after `CLIENT_CURRENCY`: "£1,234.50"."""
    if value is None or value == "":
        return EMPTY
    try:
        amount = Decimal(str(value)).quantize(CENTS)
    except (InvalidOperation, ValueError):
        return str(value)
    symbol = settings.CLIENT_CURRENCY
    # A code such as "EUR" needs a space before the digits; a symbol such as "£" does not.
    prefix = f"{symbol}\u00a0" if symbol[-1:].isalpha() else symbol
    sign = "-" if amount < 0 else ""
    return f"{sign}{prefix}{abs(amount):,.2f}"


def number(value) -> str:
    """Return a whole number with thousands separators: "12,345"."""
    if value is None or value == "":
        return EMPTY
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


def when(value, *, relative: bool = False, now: datetime | None = None) -> Markup | str:
    """Return a `<time>` reading "28 Nov 2026, 14:02", with the exact ISO time in its `title`.

    With `relative`, today's and yesterday's times read "today, 14:02" and "yesterday, 09:10".
    Times are shown in the client's TIME_ZONE (`CLIENT_TIME_ZONE`).
    """
    return _time_shown(value, lambda local: _date_and_clock(local, relative=relative, now=now))


def day(value) -> Markup | str:
    """Return a `<time>` reading "28 Dec 2026" in the client's TIME_ZONE, with the exact ISO time in its `title`."""
    return _time_shown(value, _date_text)


def _time_shown(value, text_of) -> Markup | str:
    """Return the `<time>` of the API's time with `text_of(local time)` as its text; a dash or the value if none."""
    if not value:
        return EMPTY
    read = _read(value)
    if read is None:
        return str(value)
    local, iso = read
    return _time_tag(iso, text_of(local))


def _date_and_clock(local: datetime, *, relative: bool, now: datetime | None) -> str:
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if relative:
        today = (now or timezone.now()).astimezone(local.tzinfo).date()
        if local.date() == today:
            return f"today, {clock}"
        if local.date() == today - timedelta(days=1):
            return f"yesterday, {clock}"
    return f"{_date_text(local)}, {clock}"


def _read(value) -> tuple[datetime, str] | None:
    """Return the API's time in the client's TIME_ZONE and its exact ISO form, or None if it is not a time."""
    moment = value if isinstance(value, datetime) else _parse(str(value))
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    # The zone of TIME_ZONE itself: the client activates no zone per request, and asking Django for the current
    # one (a context-local lookup) took a third of a table row's dates.
    local = moment.astimezone(timezone.get_default_timezone())
    return local, value if isinstance(value, str) else moment.isoformat()


def _date_text(local: datetime) -> str:
    # By hand: strftime took a third of a table row's dates, and its %b follows the server's locale.
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def _time_tag(iso: str, text: str) -> Markup:
    # An f-string over escaped parts: Markup.format() took most of a table row's rendering time.
    iso = escape(iso)
    return Markup(f'<time datetime="{iso}" title="{iso}">{escape(text)}</time>')


def _parse(text: str) -> datetime | None:
    """Read an ISO 8601 time; the API's own form ("…T12:49:09.258120Z") takes the fast path."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return parse_datetime(text)


def stock_badge(item: dict) -> Markup:
    """Return the item's stock as a badge: "Out of stock", "Low stock" (at or below its reorder level) or "In stock".

    Items gain a `reorder_level` with issue 14; until an item has one above zero, it is either out of stock or in.
    """
    quantity = item.get("quantity")
    if quantity is None:
        return Markup("")
    level = item.get("reorder_level") or 0
    if quantity <= 0:
        return BADGES["out"]
    if quantity <= level:
        return BADGES["low"]
    return BADGES["in"]


BADGES = {
    "out": Markup('<span class="badge badge-danger">Out of stock</span>'),
    "low": Markup('<span class="badge badge-warning">Low stock</span>'),
    "in": Markup('<span class="badge badge-quiet">In stock</span>'),
}


FILTERS = {"money": money, "number": number, "when": when, "day": day, "stock_badge": stock_badge}
