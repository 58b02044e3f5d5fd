"""Name a session's device in words, such as "Chrome on Linux", from the browser's User-Agent."""

import functools

from ua_parser import parse

UNKNOWN = "Unknown device"


@functools.lru_cache(maxsize=512)
def describe_device(user_agent: str | None) -> str:
    """Return "<browser> on <system>", or whichever of the two is known, or "Unknown device"."""
    if not user_agent:
        return UNKNOWN
    result = parse(user_agent)
    browser = result.user_agent.family if result.user_agent else None
    system = result.os.family if result.os else None
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or UNKNOWN
