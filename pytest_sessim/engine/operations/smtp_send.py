"""A message submitted over SES's SMTP interface.

SES treats it as a raw send (same checks, same events) with three differences the
door cannot express through SendRawEmail's parameters: the size limit is the SMTP
one (40 MB, not the v1 API's 10 MB), the caller is the SMTP credentials' IAM user,
and the envelope (MAIL FROM, RCPT TO) is given. The door prepends SES's own
``Received`` header to the data before it gets here.

What SES puts in the ``ses:operation`` auto-tag for SMTP submissions is not
documented in the sources we have; this keeps ``SendRawEmail``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..mail.mime import parse_raw
from ..sending.pipeline import Submission, accept
from .registry import operation

if TYPE_CHECKING:
    from ..service import Engine

API = "smtp"
OPERATION = "SendRawEmail"


@operation(API, OPERATION)
def send_smtp_email(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Params: ``RawMessage.Data`` (bytes), ``Source`` (MAIL FROM), ``Destinations``
    (RCPT TO) and ``CallerIdentity``; the result holds ``MessageId``."""
    data: bytes = params.get("RawMessage", {}).get("Data", b"")
    sent = accept(
        engine,
        Submission(
            api=API,
            operation=OPERATION,
            source=params.get("Source") or None,
            to=list(params.get("Destinations", ())),
            cc=[],
            bcc=[],
            content=parse_raw(data),
            raw=True,
            size=len(data),
            caller_identity=params.get("CallerIdentity"),
        ),
    )
    return {"MessageId": sent.message_id}
