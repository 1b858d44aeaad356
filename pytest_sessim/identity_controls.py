"""What a test controls about identities beyond ``SesSim.verify``: the verification mails
SES sent and their links, verifying whatever waits, and the statuses SES would find in
DNS (verification, DKIM, custom MAIL FROM)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .assertions import SesAssertionError
from .engine.identities import lifecycle

if TYPE_CHECKING:
    from .engine.records import SentMessage
    from .engine.service import Engine

# the operations whose mail verifies an address
VERIFICATION_OPERATIONS = (
    "VerifyEmailIdentity",
    "VerifyEmailAddress",
    "CreateEmailIdentity",
    "SendCustomVerificationEmail",
)


class IdentityControls:
    """Mixed into ``SesSim``."""

    engine: Engine

    def _region_name(self, region: str | None) -> str:
        return region or self.engine.settings.region

    @property
    def verification_emails(self) -> list[SentMessage]:
        """The verification mails sent (SES's own and custom ones), in order; each has
        ``operation`` set to the API operation that asked for it."""
        return [m for m in self.engine.outbox if m.operation in VERIFICATION_OPERATIONS]

    def verification_link(self, address: str, *, region: str | None = None) -> str:
        """The latest verification link mailed to ``address``; a GET of it (through
        ``requests`` or ``urllib``) verifies the address while it is valid (24 hours)."""
        __tracebackhide__ = True
        account = self.engine.account_in(self._region_name(region))
        links = [
            link for link in account.verification.links.values() if link.identity == address.lower()
        ]
        if not links:
            raise SesAssertionError(f"No verification mail was sent to {address!r}.")
        return max(links, key=lambda link: link.sent).url

    def verify_pending(self, *, region: str | None = None) -> list[str]:
        """Verify everything that waits (addresses whose link was not followed, domains,
        DKIM and MAIL FROM records not yet found), as if it had succeeded; returns the
        identities verified."""
        with self.engine.lock:
            return lifecycle.verify_pending(self.engine, self._region_name(region))

    def set_verification_status(
        self, identity: str, status: str, *, region: str | None = None
    ) -> None:
        """Set an identity's verification status: Pending, Success, Failed,
        TemporaryFailure or NotStarted."""
        with self.engine.lock:
            lifecycle.set_verification_status(
                self.engine, self._region_name(region), identity, status
            )

    def set_dkim_status(self, identity: str, status: str, *, region: str | None = None) -> None:
        """Set the DKIM status SES found for an identity with DKIM set up (Success also
        verifies a domain)."""
        with self.engine.lock:
            lifecycle.set_dkim_status(self.engine, self._region_name(region), identity, status)

    def set_mail_from_status(
        self, identity: str, status: str, *, region: str | None = None
    ) -> None:
        """Set the status of an identity's custom MAIL FROM domain: Pending, Success,
        Failed or TemporaryFailure (anything but Success refuses sends whose behaviour on
        MX failure is RejectMessage)."""
        with self.engine.lock:
            lifecycle.set_mail_from_status(self.engine, self._region_name(region), identity, status)
