"""An identity's life: created Pending; an address verified by the link SES mails to it,
a domain when the test says its DNS records are found; Failed if 24 hours (address) or
72 hours (domain) pass first; deleted with everything it holds.

With the ``auto_verify`` option, identities created through the API are verified at
once, with no verification mail, as moto does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from ..account.identities import (
    DOMAIN,
    FAILED,
    MAIL_FROM_STATUSES,
    PENDING,
    SUCCESS,
    VERIFICATION_STATUSES,
    Identity,
    kind_of,
)
from ..account.verification import VerificationLink
from ..limits import MAX_IDENTITIES, check_room
from ..mail.mime import Body, build_simple
from ..receiving.inbound import offer
from ..receiving.outgoing import record_ses_mail
from . import verification_mail
from .dkim import records_found, start_easy_dkim
from .tokens import access_key_id, link_signature, verification_token

if TYPE_CHECKING:
    from ..account.state import Account
    from ..service import Engine

EMAIL_WINDOW = timedelta(hours=24)
DOMAIN_WINDOW = timedelta(hours=72)


def new_seed(engine: Engine) -> str:
    """The one seeded draw an identity's tokens and links derive from."""
    return engine.ids.uuid().replace("-", "")[:32]


def _new_identity(name: str, now: datetime, seed: str, status: str) -> Identity:
    kind = kind_of(name)
    token = verification_token(seed) if kind == DOMAIN else None
    return Identity(
        name=name,
        kind=kind,
        created=now,
        verification_status=status,
        verification_token=token,
        seed=seed,
    )


def create(engine: Engine, name: str) -> tuple[Identity, bool]:
    """The identity ``name`` in the request's Region, made Pending if new; and whether
    it was made."""
    identities = engine.account.identities
    found = identities.get(name.lower())
    if found is not None:
        return found, False
    check_room(identities, MAX_IDENTITIES, "identities")
    identity = _new_identity(name, engine.clock.now(), new_seed(engine), PENDING)
    identities[name.lower()] = identity
    return identity, True


def verify_now(engine: Engine, account: Account, name: str) -> Identity:
    """``sessim.verify``: verified as if its mail were answered or its DNS records found
    (a new domain gets Easy DKIM, verified too)."""
    now = engine.clock.now()
    seed = new_seed(engine)
    identity = account.identities.get(name.lower())
    if identity is None:
        identity = account.identities[name.lower()] = _new_identity(name, now, seed, SUCCESS)
        if identity.kind == DOMAIN:
            start_easy_dkim(identity, now)
    confirm(identity, now)
    return identity


def confirm(identity: Identity, now: datetime) -> None:
    """Verification succeeded: the identity, its DKIM and a pending MAIL FROM domain."""
    identity.verification_status = SUCCESS
    identity.last_success = now
    identity.verification_started = None
    records_found(identity)
    if identity.mail_from is not None and identity.mail_from.status == PENDING:
        identity.mail_from.status = SUCCESS


def request_email_verification(
    engine: Engine, identity: Identity, operation: str, api: str
) -> None:
    """Start verifying an address: SES mails it a link (a verified address is left be)."""
    now = engine.clock.now()
    if engine.settings.auto_verify:
        confirm(identity, now)
        return
    if identity.verified:
        return
    _restart(engine, identity, EMAIL_WINDOW)
    send_verification_mail(engine, identity, operation, api)


def await_link(engine: Engine, identity: Identity) -> None:
    """The address is Pending until a link mailed to it is followed (24 hours)."""
    _restart(engine, identity, EMAIL_WINDOW)


def request_domain_verification(engine: Engine, identity: Identity) -> None:
    """Start verifying a domain: Pending until the test says its records are found."""
    if engine.settings.auto_verify:
        confirm(identity, engine.clock.now())
    elif not identity.verified:
        _restart(engine, identity, DOMAIN_WINDOW)


def dkim_started(engine: Engine, identity: Identity) -> None:
    """DKIM was (re)configured: Pending until found, Failed after 72 hours."""
    if engine.settings.auto_verify:
        confirm(identity, engine.clock.now())
        return
    account = engine.account
    generation = identity.dkim_generations
    engine.clock.schedule(
        engine.clock.now() + DOMAIN_WINDOW, partial(_expire_dkim, account, identity, generation)
    )


def _restart(engine: Engine, identity: Identity, window: timedelta) -> None:
    now = engine.clock.now()
    identity.verification_status = PENDING
    identity.verification_started = now
    engine.clock.schedule(now + window, partial(_expire, engine.account, identity, now))


def _current(account: Account, identity: Identity) -> bool:
    return account.identities.get(identity.name.lower()) is identity


def _expire(account: Account, identity: Identity, started: datetime) -> None:
    if _current(account, identity) and identity.verification_started == started:
        if identity.verification_status == PENDING:
            identity.verification_status = FAILED
        if identity.dkim.status == PENDING:
            identity.dkim.status = FAILED


def _expire_dkim(account: Account, identity: Identity, generation: int) -> None:
    current = _current(account, identity) and identity.dkim_generations == generation
    if current and identity.dkim.status == PENDING:
        identity.dkim.status = FAILED


# the verification mail and its link --------------------------------------------------
def new_link(engine: Engine, identity: Identity) -> tuple[str, str]:
    """(token, URL) of a fresh verification link for an address."""
    account = engine.account
    identity.links_sent += 1
    token = link_signature(identity.seed, identity.links_sent)
    url = verification_mail.link_url(
        region=account.region,
        account_id=account.account_id,
        address=identity.name,
        at=engine.clock.now(),
        key_id=access_key_id(identity.seed),
        signature=token,
    )
    return token, url


def remember_link(
    engine: Engine,
    identity: Identity,
    token: str,
    url: str,
    message_id: str,
    redirects: tuple[str, str] | None = None,
) -> None:
    now = engine.clock.now()
    engine.account.verification.links[token] = VerificationLink(
        token=token,
        url=url,
        identity=identity.name.lower(),
        sent=now,
        expires=now + EMAIL_WINDOW,
        message_id=message_id,
        success_url=redirects[0] if redirects else None,
        failure_url=redirects[1] if redirects else None,
    )


def send_verification_mail(engine: Engine, identity: Identity, operation: str, api: str) -> None:
    region = engine.account.region
    token, url = new_link(engine, identity)
    content = build_simple(
        from_=verification_mail.SENDER,
        to=[identity.name],
        cc=[],
        reply_to=[],
        subject=Body(verification_mail.subject(region)),
        text=Body(verification_mail.body(region, url)),
        html=None,
        extra_headers=[],
        attachments=[],
        boundary=engine.boundary,
    )
    sent = record_ses_mail(
        engine,
        content=content,
        source=content.header("From") or "",
        destinations=[identity.name],
        operation=operation,
        region=region,
        api=api,
    )
    remember_link(engine, identity, token, url, sent.message_id)
    # like all mail SES sends by itself, it may arrive at the account's own receiving
    offer(engine, raw=content.raw(), recipients=[identity.name], region=region, at=sent.timestamp)


@dataclass(frozen=True)
class LinkOutcome:
    """What a GET of a verification link did: verified or not, and where it redirects."""

    verified: bool
    redirect: str | None = None


def follow_link(engine: Engine, region: str, token: str) -> LinkOutcome | None:
    """A GET of a link SES mailed; None if no such link was mailed in ``region``."""
    account = engine.account_in(region)
    link = account.verification.links.get(token)
    if link is None:
        return None
    now = engine.clock.now()
    identity = account.identities.get(link.identity)
    if identity is None or now > link.expires:
        return LinkOutcome(False, link.failure_url)
    confirm(identity, now)
    return LinkOutcome(True, link.success_url)


# what tests control ----------------------------------------------------------------------
def verify_pending(engine: Engine, region: str) -> list[str]:
    """Verify everything waiting: addresses, domains, DKIM and MAIL FROM records."""
    account = engine.account_in(region)
    now = engine.clock.now()
    done: list[str] = []
    for identity in account.identities.values():
        waiting = PENDING in (identity.verification_status, identity.dkim.status) or (
            identity.mail_from is not None and identity.mail_from.status == PENDING
        )
        if waiting:
            confirm(identity, now)
            done.append(identity.name)
    return done


def _known(account: Account, name: str) -> Identity:
    identity = account.identities.get(name.lower())
    if identity is None:
        raise LookupError(f"no identity {name!r} in {account.region}")
    return identity


def _status(status: str, allowed: tuple[str, ...]) -> str:
    if status not in allowed:
        raise ValueError(f"status must be one of {', '.join(allowed)}, not {status!r}")
    return status


def set_verification_status(engine: Engine, region: str, name: str, status: str) -> None:
    identity = _known(engine.account_in(region), name)
    if _status(status, VERIFICATION_STATUSES) == SUCCESS:
        confirm(identity, engine.clock.now())
    else:
        identity.verification_status = status


def set_dkim_status(engine: Engine, region: str, name: str, status: str) -> None:
    identity = _known(engine.account_in(region), name)
    if not identity.dkim.configured:
        raise ValueError(f"{name!r} has no DKIM set up")
    if _status(status, VERIFICATION_STATUSES) == SUCCESS:
        records_found(identity)
    else:
        identity.dkim.status = status


def set_mail_from_status(engine: Engine, region: str, name: str, status: str) -> None:
    identity = _known(engine.account_in(region), name)
    if identity.mail_from is None:
        raise ValueError(f"{name!r} has no custom MAIL FROM domain")
    identity.mail_from.status = _status(status, MAIL_FROM_STATUSES)


def delete(engine: Engine, identity: Identity) -> None:
    """The identity goes, with its tags, policies, settings and verification links."""
    account = engine.account
    del account.identities[identity.name.lower()]
    account.tags.forget(account.arn(f"identity/{identity.name}"))
    account.verification.forget_links_of(identity.name)
