"""A stand-in SMTP server that a test can read, for worker processes it starts.

Each message takes SLOW_MAIL_SECONDS to go through, like a slow SMTP conversation, then is
"accepted": written at once (write, then rename) as one file under SLOW_MAIL_DIR/delivered.
Before the conversation a marker under SLOW_MAIL_DIR/started names the message and the
process, so the test knows which sends are in flight. Messages are told apart by Message-ID.
"""

import os
import re
import time
import uuid
from collections import Counter
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


def key(message_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]", "_", message_id)


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, messages):
        root = Path(os.environ["SLOW_MAIL_DIR"])
        seconds = float(os.environ.get("SLOW_MAIL_SECONDS", "1"))
        for message in messages:
            name = f"{key(message.extra_headers['Message-ID'])}.{uuid.uuid4().hex}"
            (root / "started" / f"{name}.{os.getpid()}").touch()
            time.sleep(seconds)
            partial = root / "delivered" / f".{name}.partial"
            partial.write_bytes(message.message().as_bytes())
            partial.rename(root / "delivered" / f"{name}.eml")
        return len(messages)


def deliveries(root: Path) -> Counter:
    """How many times each message (by key) was accepted."""
    return Counter(p.name.rsplit(".", 2)[0] for p in (root / "delivered").glob("*.eml"))


def in_flight(root: Path) -> dict[str, int]:
    """Sends started and not accepted: key → PID of the process sending it."""
    done = {p.name.rsplit(".", 2)[1] for p in (root / "delivered").glob("*.eml")}
    flying = {}
    for marker in (root / "started").iterdir():
        message, attempt, pid = marker.name.rsplit(".", 2)
        if attempt not in done:
            flying[message] = int(pid)
    return flying


def prepare(root: Path) -> Path:
    for sub in ("started", "delivered"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    return root
