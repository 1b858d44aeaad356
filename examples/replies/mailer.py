"""The shop's order mail: replies go to an address that names the order."""

from __future__ import annotations

from typing import Any


def reply_address(order: str, domain: str) -> str:
    return f"reply+{order}@{domain}"


def send_order_update(ses: Any, *, order: str, to: str, shop: str, replies: str) -> str:
    reply: dict[str, str] = ses.send_email(
        Source=f"Shop <orders@{shop}>",
        Destination={"ToAddresses": [to]},
        ReplyToAddresses=[reply_address(order, replies)],
        ReturnPath=reply_address(order, replies),
        Message={
            "Subject": {"Data": f"Order {order} has shipped"},
            "Body": {"Text": {"Data": "It is on its way. Reply to this mail with any question."}},
        },
    )
    return reply["MessageId"]
