"""The search figure: `?search=` over the bench user's items against the plain list, both p50 on one connection."""

from urllib.parse import quote

from bench import wrk
from bench.figures import Figure, Settings, _latency
from bench.stack import BENCH_USER, api_shell

SEARCH_RATIO = 3.0


def q1_search(api, token: str, settings: Settings) -> Figure:
    """p50 of a search for one item as a person types it (a word and part of its number) over the list's p50."""
    # The name of the bench user's item in the middle of its ids, e.g. "Brass chisel 512345": search "chisel 2345".
    name = api_shell(
        api,
        "import json; from inventory.models import Item; "
        f"ids = Item.objects.filter(owner__username={BENCH_USER!r}).order_by('pk'); "
        "print(json.dumps({'name': ids[ids.count() // 2].name}))",
    )["name"]
    *words, number = name.split()
    terms = f"{words[-1]} {number[-4:]}"
    auth = (("Authorization", f"Token {token}"),)
    plain = wrk.Load(f"{api.url}/api/v1/items/?page_size=20", auth)
    search = wrk.Load(f"{api.url}/api/v1/items/?page_size=20&search={quote(terms)}", auth)
    return _latency("Q1", f"Search ({terms!r}) vs the plain list, p50", SEARCH_RATIO, plain, search, settings, "search")
