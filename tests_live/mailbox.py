"""Read the mail the live API wrote with Django's file backend (API_EMAIL_FILE_PATH): reset links, for instance."""

import email
import email.policy
import re
import time
from email.message import EmailMessage
from pathlib import Path

# Django's file backend writes each message followed by a line of 79 dashes, one file per connection.
_SEPARATOR = b"\n" + b"-" * 79 + b"\n"
RESET_LINK = re.compile(r"https?://\S+/password-reset/(?P<uid>[A-Za-z0-9_-]+)/(?P<token>[A-Za-z0-9-]+)/")


class Mailbox:
    """The mail the API sent, read from its mail directory; the API sends after answering, so reads wait a little."""

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def messages(self) -> list[EmailMessage]:
        """Return every message so far, oldest first."""
        found = []
        for path in sorted(self.directory.glob("*.log"), key=lambda p: (p.stat().st_mtime_ns, p.name)):
            for raw in path.read_bytes().split(_SEPARATOR):
                if raw.strip():
                    found.append(email.message_from_bytes(raw, policy=email.policy.default))
        return found

    def messages_to(self, address: str) -> list[EmailMessage]:
        """Return the messages sent to `address`, oldest first."""
        return [message for message in self.messages() if address in message["To"]]

    def wait_for(self, address: str, *, count: int = 1, timeout: float = 10.0) -> EmailMessage:
        """Return the `count`-th message to `address`, waiting for it to arrive (at most `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while True:
            received = self.messages_to(address)
            if len(received) >= count:
                return received[count - 1]
            if time.monotonic() > deadline:
                raise AssertionError(f"no mail #{count} to {address} within {timeout} s ({len(received)} arrived)")
            time.sleep(0.05)

    @staticmethod
    def text(message: EmailMessage) -> str:
        """Return a message's plain-text body, decoded."""
        return message.get_body(preferencelist=("plain",)).get_content()

    def reset_link(self, address: str, *, count: int = 1) -> dict:
        """Return the reset link in the `count`-th mail to `address`: `{"url", "path", "uid", "token"}`."""
        match = RESET_LINK.search(self.text(self.wait_for(address, count=count)))
        assert match, f"no reset link in the mail to {address}"
        path = "/password-reset/" + match["uid"] + "/" + match["token"] + "/"
        return {"url": match[0], "path": path, "uid": match["uid"], "token": match["token"]}
