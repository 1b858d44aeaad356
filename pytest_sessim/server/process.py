"""The standalone server in a subprocess, for tests of services that run outside the
test process (the ``sessim_server`` fixture)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO, Any


class ServerStartError(RuntimeError):
    """The server process exited or stayed silent instead of printing its address."""


class ServerProcess:
    """``python -m pytest_sessim serve`` in a child process.

    ``url`` is an ``endpoint_url`` for any SDK; ``smtp_host``/``smtp_port`` and
    ``smtp_username``/``smtp_password`` reach its SMTP interface; ``outbox()``,
    ``events()`` and ``reset()`` use its read endpoints.
    """

    def __init__(
        self,
        *,
        verified: list[str] | tuple[str, ...] = (),
        auto_verify: bool = False,
        region: str | None = None,
        config: str | Path | None = None,
        extra_args: list[str] | tuple[str, ...] = (),
        log_dir: str | Path | None = None,
        startup_timeout: float = 30.0,
    ) -> None:
        self.args = [sys.executable, "-m", "pytest_sessim", "serve", "--port", "0"]
        self.args += ["--smtp-port", "0"]
        if verified:
            self.args += ["--verified", *verified]
        if auto_verify:
            self.args.append("--auto-verify")
        if region:
            self.args += ["--region", region]
        if config is not None:
            self.args += ["--config", str(config)]
        self.args += list(extra_args)
        self.log_dir = Path(log_dir) if log_dir is not None else None
        self.startup_timeout = startup_timeout
        self.url = ""
        self.smtp_host = ""
        self.smtp_port = 0
        self.smtp: dict[str, Any] = {}
        self._process: subprocess.Popen[str] | None = None
        self.returncode: int | None = None  # the exit status, once stopped
        self._log: IO[str] | None = None

    # lifecycle -----------------------------------------------------------------------
    def start(self) -> ServerProcess:
        if self._process is not None:
            return self
        if self.log_dir is not None:
            self._log = open(self.log_dir / "server.log", "w", encoding="utf-8")  # noqa: SIM115
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self._process = subprocess.Popen(
            self.args,
            stdout=subprocess.PIPE,
            stderr=self._log if self._log is not None else subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self._read_addresses()
        self.smtp = self._get("/_sessim/smtp") or {}
        return self

    def _read_addresses(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        deadline = time.monotonic() + self.startup_timeout
        wanted = 1 if "--no-smtp" in self.args else 2  # "listening on", "smtp on"
        while wanted and time.monotonic() < deadline:
            line = self._process.stdout.readline()
            if not line:
                self.stop()
                raise ServerStartError(f"the server exited early: {self.args}")
            line = line.strip()
            if line.startswith("listening on "):
                self.url = line.removeprefix("listening on ")
                wanted -= 1
            elif line.startswith("smtp on "):
                host, _, port = line.removeprefix("smtp on ").rpartition(":")
                self.smtp_host, self.smtp_port = host, int(port)
                wanted -= 1
        if wanted:
            self.stop()
            raise ServerStartError(f"the server did not report its address: {self.args}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Ask the server to stop (SIGTERM, or ``sig``) and wait for it."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process is not None:
            self.returncode = process.returncode
            if process.stdout is not None:
                process.stdout.close()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    # read endpoints ------------------------------------------------------------------
    @property
    def smtp_username(self) -> str:
        return str(self.smtp.get("username", ""))

    @property
    def smtp_password(self) -> str:
        return str(self.smtp.get("password", ""))

    @property
    def ca_file(self) -> str:
        return str(self.smtp.get("ca_file", ""))

    def _get(self, path: str, method: str = "GET", body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        with urllib.request.urlopen(request, timeout=10) as reply:
            return json.loads(reply.read() or b"null")

    def outbox(self, message_id: str | None = None, recipient: str | None = None) -> Any:
        """The messages the server accepted (JSON), optionally filtered."""
        return self._get("/_sessim/outbox" + _query(message_id, recipient))

    def events(self, message_id: str | None = None, recipient: str | None = None) -> Any:
        """The events the server produced (JSON), optionally filtered."""
        return self._get("/_sessim/events" + _query(message_id, recipient))

    def verify(self, *identities: str) -> list[str]:
        """Verify identities (as if their verification succeeded), or, with none named,
        everything pending; returns what was verified."""
        from urllib.parse import urlencode

        query = "?" + urlencode([("identity", name) for name in identities]) if identities else ""
        verified: list[str] = self._get("/_sessim/verify" + query, method="POST")["verified"]
        return verified

    def clock(self) -> Any:
        """``{"now": ISO 8601, "pinned": bool}``: the server's clock."""
        return self._get("/_sessim/clock")

    def advance_clock(self, seconds: float) -> Any:
        """Move the server's clock forward, running what falls due; returns ``clock()``."""
        return self._get("/_sessim/clock", method="POST", body={"advance": seconds})

    def reset(self) -> None:
        """Forget everything sent: a fresh account with the same settings."""
        self._get("/_sessim/reset", method="POST")

    def __repr__(self) -> str:
        return f"<ServerProcess {self.url or 'not started'} smtp={self.smtp_port}>"


def _query(message_id: str | None, recipient: str | None) -> str:
    from urllib.parse import urlencode

    pairs = {"message_id": message_id, "recipient": recipient}
    given = {key: value for key, value in pairs.items() if value is not None}
    return "?" + urlencode(given) if given else ""
