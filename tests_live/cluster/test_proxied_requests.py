"""Through nginx: the end user's address reaches the API, forged entries do not, static files come from nginx."""

import json
import re

import requests
from requests.adapters import HTTPAdapter

from tests_live.browsing import Visitor

SESSION_ADDRESSES = """
import json
from accounts.models import TokenSession
print(json.dumps(sorted(TokenSession.objects.filter(token__user__username={!r}).values_list("ip", flat=True))))
"""


def session_addresses(cluster, username: str) -> list[str]:
    """The addresses the API recorded for the user's sessions (tokens)."""
    return json.loads(cluster.apis[0].shell(SESSION_ADDRESSES.format(username)))


class FromAddress(HTTPAdapter):
    """Connect from a given local address (any 127.x.y.z reaches loopback on Linux)."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        """Bind every connection to the address."""
        super().init_poolmanager(*args, **kwargs, source_address=(self.address, 0))


def test_the_api_records_the_browsers_address_not_a_forged_one(cluster):
    visitor = Visitor(cluster.client_url)
    visitor.http.mount("http://", FromAddress("127.0.0.2"))
    visitor.http.headers["X-Forwarded-For"] = "203.0.113.9"
    username = visitor.register()
    assert session_addresses(cluster, username) == ["127.0.0.2"]


def test_a_direct_api_caller_is_known_by_the_address_nginx_saw(cluster):
    visitor = Visitor(cluster.client_url)
    username = visitor.register()
    with requests.Session() as http:
        http.mount("http://", FromAddress("127.0.0.3"))
        credentials = {"username": username, "password": "Sup3r-secret-pw"}
        answer = http.post(
            f"{cluster.api_url}/api/v1/auth/login/",
            json=credentials,
            headers={"X-Forwarded-For": "203.0.113.9"},
            timeout=30,
        )
    assert answer.status_code == 200
    assert session_addresses(cluster, username) == ["127.0.0.1", "127.0.0.3"]


def test_static_files_are_served_by_nginx_with_a_year_of_caching(cluster):
    page = requests.get(f"{cluster.client_url}/login/", timeout=10).text
    stylesheet = re.search(r'href="(/static/css/stockroom\.[0-9a-f]+\.css)"', page).group(1)
    answer = requests.get(cluster.client_url + stylesheet, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "max-age=31536000, public, immutable"
