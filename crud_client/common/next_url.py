"""Where to go back to after an action posted from another page (`next`), never to another site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, default: str, *, under: str = "/") -> str:
    """Return the posted `next` if it is a path on this site below `under`, else `default`."""
    raw = request.POST.get("next", "")
    if raw.startswith(under) and url_has_allowed_host_and_scheme(raw, allowed_hosts={request.get_host()}):
        return raw
    return default
