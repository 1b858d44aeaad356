"""Sending authorization: a sender that names an identity of another account (by its
ARN) may send only as that identity's policies allow the caller's account.

The simulator keeps one account: the identity the ARN names is the one of that name in
the simulator's state (verified, with its policies attached, as the owner would have
it), and the caller is the simulator's account (``account_id``), as IAM user
``mail.callerIdentity``. An ARN of the caller's own account needs no policy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ..arns import parse_arn
from ..errors import ErrorKind, SesError
from ..identities.policies import SendContext, allows
from ..mail.addresses import Mailbox

if TYPE_CHECKING:
    from .submission import Submission
    from .verification import Sender, SendingIdentity


def caller_arn(account_id: str, caller_identity: str) -> str:
    if caller_identity == "root":
        return f"arn:aws:iam::{account_id}:root"
    return f"arn:aws:iam::{account_id}:user/{caller_identity}"


def action_of(submission: Submission) -> str:
    """The IAM action a send is: SendRawEmail for raw content and SMTP."""
    if submission.raw:
        return "ses:SendRawEmail"
    if submission.operation == "SendBulkEmail":
        return "ses:SendBulkEmail"
    if submission.template is not None and submission.api == "sesv2":
        return "ses:SendTemplatedEmail"
    return f"ses:{submission.operation}"


def _display_name(mailbox: Mailbox) -> str:
    name = mailbox.display.rpartition("<")[0].strip() if "<" in mailbox.display else ""
    return name.strip('"')


def check_authorized(
    submission: Submission,
    identities: Sequence[tuple[Sender, SendingIdentity]],
    *,
    account_id: str,
    caller_identity: str,
    header_from: Sequence[Mailbox],
    recipients: Sequence[Mailbox],
    source_ip: str,
    now: datetime,
) -> None:
    """Each sender sending as another account's identity needs its policies' leave."""
    others = [
        (sender, sending)
        for sender, sending in identities
        if (arn := parse_arn(sender.arn or "")) is not None and arn.account != account_id
    ]
    if not others:  # the caller's own identities: the usual send, and no policy to read
        return
    caller = caller_arn(account_id, caller_identity)
    feedback = submission.return_path or submission.source or ""
    keys = {
        "ses:fromaddress": [box.address for box in header_from],
        "ses:fromdisplayname": [_display_name(box) for box in header_from],
        "ses:recipients": [box.address for box in recipients],
        "ses:feedbackaddress": [feedback.rpartition("<")[2].rstrip(">").strip()],
        "ses:apiversion": ["2" if submission.api == "sesv2" else "1"],
        "aws:currenttime": [now.strftime("%Y-%m-%dT%H:%M:%SZ")],
        "aws:epochtime": [str(int(now.timestamp()))],
        "aws:securetransport": ["true"],
        "aws:sourceip": [source_ip],
    }
    action = action_of(submission)
    for sender, sending in others:
        context = SendContext(account_id, caller, action, sender.arn or "", keys)
        if not allows(sending.identity.policies.values(), context):
            raise SesError(
                ErrorKind.ACCESS_DENIED,
                f"User `{caller}' is not authorized to perform `{action}' on resource "
                f"`{sender.arn}'",
            )
