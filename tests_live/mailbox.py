"""Read the mail the live API wrote with Django's file backend (`API_EMAIL_FILE_PATH`) as a person reads an inbox."""

import email
import re
import time
from email import policy
from pathlib import Path

RESET_LINK = re.compile(r"https?://\S+/password-reset/[^/\s]+/[^/\s]+/")


class Mailbox:
    """The messages in one folder, each file holding one or more messages separated by a line of dashes."""

    def __init__(self, folder: Path):
        self.folder = folder

    def messages_to(self, address: str) -> list[email.message.EmailMessage]:
        """Return every message sent to `address`, oldest first."""
        found = []
        for path in sorted(self.folder.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for raw in path.read_text().split("\n" + "-" * 79 + "\n"):
                if raw.strip():
                    message = email.message_from_string(raw.strip(), policy=policy.default)
                    if address in (message["To"] or ""):
                        found.append(message)
        return found

    def reset_link_for(self, address: str, *, previous: int = 0, wait: float = 10) -> str:
        """Return the reset link in the newest mail to `address`, waiting until there are more than `previous`."""
        deadline = time.monotonic() + wait
        while True:
            messages = self.messages_to(address)
            if len(messages) > previous:
                body = messages[-1].get_body(preferencelist=("plain",)).get_content()
                return RESET_LINK.search(body).group(0)
            if time.monotonic() > deadline:
                raise AssertionError(f"No new mail to {address} in {self.folder}")
            time.sleep(0.1)
