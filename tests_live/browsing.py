"""A scripted visitor of the web client: follows redirects, fills in CSRF tokens, reads messages."""

import html
import re
import secrets

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


class Visitor:
    """Use the web client over HTTP the way a browser would, without JavaScript."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.http = requests.Session()
        # As a browser does: a GET sent on a kept-alive connection that the server closed at that moment (gunicorn
        # drops idle ones after 2 s) is sent once more on a new one. POSTs are never resent.
        retry_gets = Retry(total=1, connect=1, read=1, status=0, allowed_methods={"GET", "HEAD"}, raise_on_status=False)
        self.http.mount("http://", HTTPAdapter(max_retries=retry_gets))
        self.page: requests.Response | None = None

    def get(self, path: str) -> requests.Response:
        """Open a page."""
        self.page = self.http.get(self.base_url + path, timeout=15)
        return self.page

    def submit(self, path: str, data: dict, *, form_path: str | None = None) -> requests.Response:
        """Open the form page, then post `data` with its CSRF token, as a browser submits a form."""
        token = self.csrf_token(self.get(form_path or path).text)
        self.page = self.http.post(
            self.base_url + path,
            data={"csrfmiddlewaretoken": token, **data},
            timeout=15,
            headers={"Referer": self.base_url + (form_path or path)},
        )
        return self.page

    @staticmethod
    def csrf_token(page: str) -> str:
        """Return the CSRF token of the first form on a page."""
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    @property
    def path(self) -> str:
        """Return the path of the page the visitor ended on."""
        return self.page.url.removeprefix(self.base_url)

    @property
    def text(self) -> str:
        """Return the page's HTML with entities decoded."""
        return html.unescape(self.page.text)

    def messages(self) -> list[str]:
        """Return the flash messages on the current page."""
        return [html.unescape(m) for m in re.findall(r'<p class="message-text">([^<]+)</p>', self.page.text)]

    def field_errors(self) -> list[str]:
        """Return every field error on the current page."""
        return [html.unescape(e) for e in re.findall(r"<li>([^<]+)</li>", self.page.text.split("<main")[1])]

    def register(self, username: str | None = None, password: str = "Sup3r-secret-pw") -> str:
        """Create an account (logged in afterwards) and return its username."""
        username = username or f"user-{secrets.token_hex(4)}"
        self.submit(
            "/register/",
            {"username": username, "email": f"{username}@example.com", "password1": password, "password2": password},
        )
        assert self.path == "/items/", self.messages() + self.field_errors()
        return username

    def log_in(self, username: str, password: str = "Sup3r-secret-pw", *, remember: bool = False) -> None:
        """Log in through the login form, landing on the items page."""
        data = {"username": username, "password": password, **({"remember": "on"} if remember else {})}
        self.submit("/login/", data)

    def created_id(self) -> int:
        """Return the id in the detail URL the last form redirected to."""
        return int(self.path.rstrip("/").split("/")[-1])
