"""What the server holds: its settings, the running simulator and SMTP door, and the
JSON views of the record that the read endpoints serve."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..doors.smtp import SmtpServer
from ..engine.mail.addresses import parse_mailbox
from ..engine.records import SentMessage, SesEvent
from ..simulator import SesSim

SETTING_KEYS = ("region", "verified", "sandbox", "seed", "account_id", "now", "auto_verify")


@dataclass
class ServerSettings:
    region: str = "us-east-1"
    verified: list[str] = field(default_factory=list)
    sandbox: bool = False
    auto_verify: bool = False
    seed: int = 0
    account_id: str | None = None
    now: datetime | None = None
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_plaintext_auth: bool = False

    @classmethod
    def from_file(cls, path: str | Path) -> ServerSettings:
        """Settings from a JSON object with any of: region, verified, sandbox, auto_verify,
        seed, account_id, now (ISO 8601: pins the clock), smtp_username, smtp_password,
        smtp_plaintext_auth."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a JSON object")
        smtp_keys = {"smtp_username", "smtp_password", "smtp_plaintext_auth"}
        unknown = sorted(set(data) - {*SETTING_KEYS, *smtp_keys})
        if unknown:
            raise ValueError(f"{path}: unknown setting(s): {', '.join(unknown)}")
        if isinstance(data.get("now"), str):
            data["now"] = datetime.fromisoformat(data["now"].replace("Z", "+00:00"))
        if isinstance(data.get("verified"), str):
            data["verified"] = [data["verified"]]
        return cls(**data)


class ServerState:
    """The simulator the server answers with (replaced whole on reset)."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.lock = threading.RLock()
        self.sim = self._new_sim()
        self.smtp: SmtpServer | None = None
        self.generation = 0  # one more at each reset
        self._wall_mark = time.monotonic()

    # the clock ------------------------------------------------------------------------
    @property
    def clock_pinned(self) -> bool:
        """Started at a given ``now``: the clock moves only through ``advance_clock``."""
        return self.settings.now is not None

    def tick(self) -> None:
        """Unless pinned, the simulator's clock follows wall time: move it by the time
        that passed since the last tick, running what fell due (retries, delays)."""
        if self.clock_pinned:
            return
        with self.lock, self.sim.engine.lock:
            mark = time.monotonic()
            elapsed, self._wall_mark = mark - self._wall_mark, mark
            if elapsed > 0:
                self.sim.clock.advance(elapsed)

    def advance_clock(self, seconds: float) -> datetime:
        with self.lock, self.sim.engine.lock:
            return self.sim.clock.advance(seconds)

    def _new_sim(self) -> SesSim:
        s = self.settings
        return SesSim(
            region=s.region,
            seed=s.seed,
            now=s.now,
            verified=s.verified,
            sandbox=s.sandbox,
            auto_verify=s.auto_verify,
            account_id=s.account_id,
        ).start()

    def start_smtp(self, host: str, port: int) -> SmtpServer:
        self.smtp = SmtpServer(
            self.sim,
            host=host,
            port=port,
            username=self.settings.smtp_username,
            password=self.settings.smtp_password,
            plaintext_auth=self.settings.smtp_plaintext_auth,
            before_submit=self.tick,
        ).start()
        return self.smtp

    def reset(self) -> None:
        """Forget everything: a fresh simulated account with the same settings."""
        with self.lock:
            self.sim.stop()
            self.sim = self._new_sim()
            self._wall_mark = time.monotonic()
            self.generation += 1
            if self.smtp is not None:
                self.smtp.bind(self.sim)

    def verify(self, identities: list[str]) -> list[str]:
        """Verify the identities named, or (none named) everything pending."""
        with self.lock:
            if identities:
                self.sim.verify(*identities)
                return identities
            return self.sim.verify_pending()

    def close(self) -> None:
        with self.lock:
            if self.smtp is not None:
                self.smtp.stop()
            self.sim.stop()

    # read views ---------------------------------------------------------------------
    def version(self) -> str:
        """Changes whenever what the HTML page shows changes (the page polls it)."""
        sim = self.sim
        counts = (len(sim.outbox), len(sim.events), len(sim.notifications))
        return ":".join(map(str, (self.generation, *counts, len(sim.feedback_emails))))

    def outbox(self, message_id: str | None = None, recipient: str | None = None) -> list[Any]:
        return [
            message_json(message)
            for message in list(self.sim.outbox)
            if _wanted(message.message_id, message.destinations, message_id, recipient)
        ]

    def events(self, message_id: str | None = None, recipient: str | None = None) -> list[Any]:
        return [
            event_json(event)
            for event in list(self.sim.events)
            if _wanted(event.message_id, event.recipients, message_id, recipient)
        ]


def _address(text: str) -> str:
    try:
        return parse_mailbox(text).address.lower()
    except Exception:
        return text.strip().lower()


def _wanted(
    found_id: str, addresses: list[str], message_id: str | None, recipient: str | None
) -> bool:
    if message_id is not None and found_id != message_id:
        return False
    return recipient is None or _address(recipient) in {_address(a) for a in addresses}


def message_json(message: SentMessage) -> dict[str, Any]:
    return {
        "messageId": message.message_id,
        "operation": message.operation,
        "api": message.api,
        "timestamp": message.timestamp.isoformat(),
        "source": message.source,
        "from": message.from_,
        "to": message.to,
        "cc": message.cc,
        "bcc": message.bcc,
        "destinations": message.destinations,
        "replyTo": message.reply_to,
        "returnPath": message.return_path,
        "subject": message.subject,
        "text": message.text,
        "html": message.html,
        "headers": [{"name": name, "value": value} for name, value in message.headers],
        "tags": message.tags,
        "configurationSet": message.configuration_set,
        "template": message.template,
        "templateData": message.template_data,
        "attachments": [
            {
                "filename": item.filename,
                "contentType": item.content_type,
                "size": len(item.content),
                "contentId": item.content_id,
            }
            for item in message.attachments
        ],
    }


def event_json(event: SesEvent) -> dict[str, Any]:
    return {
        "type": event.type,
        "messageId": event.message_id,
        "recipients": event.recipients,
        "timestamp": event.timestamp.isoformat(),
        "record": event.record,
        "notification": event.notification,
    }
