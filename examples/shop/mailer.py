"""The shop's outgoing mail, sent with boto3 as in production."""

from __future__ import annotations

import json
from email.message import EmailMessage
from html import escape

import boto3

from . import feedback
from .models import Customer, Order

SENDER = "orders@shop.example.com"
NEWSLETTER_TEMPLATE = "newsletter"

# Made once, when the module is imported, long before any test runs.
ses = boto3.client("ses", region_name="us-east-1")
sesv2 = boto3.Session().client("sesv2", region_name="us-east-1")


def send_order_confirmation(order: Order) -> str | None:
    """Mail the order summary; returns SES's MessageId, or None if the address is suppressed."""
    to = order.customer.email
    if feedback.store.is_suppressed(to):
        return None
    lines = [f"{item.quantity} x {item.name}" for item in order.items]
    total = f"Total: ${order.total_cents / 100:.2f}"
    response = ses.send_email(
        Source=SENDER,
        Destination={"ToAddresses": [to]},
        Message={
            "Subject": {"Data": f"Your order #{order.id}"},
            "Body": {
                "Text": {"Data": "\n".join([f"Hi {order.customer.name},", *lines, total])},
                "Html": {
                    "Data": f"<p>Hi {escape(order.customer.name)},</p><ul>"
                    + "".join(f"<li>{escape(line)}</li>" for line in lines)
                    + f"</ul><p>{total}</p>"
                },
            },
        },
        Tags=[
            {"Name": "category", "Value": "order-confirmation"},
            {"Name": "order", "Value": order.id},
        ],
    )
    message_id: str = response["MessageId"]
    feedback.store.awaiting_delivery[message_id] = order
    return message_id


def send_password_reset(email: str, token: str) -> None:
    if feedback.store.is_suppressed(email):
        return
    link = f"https://shop.example.com/reset?token={token}"
    sesv2.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": [email]},
        Content={
            "Simple": {
                "Subject": {"Data": "Reset your password"},
                "Body": {"Text": {"Data": f"Follow this link to choose a new password: {link}"}},
            }
        },
    )


def install_templates() -> None:
    """Create the stored templates the shop sends from (run once per account)."""
    sesv2.create_email_template(
        TemplateName=NEWSLETTER_TEMPLATE,
        TemplateContent={
            "Subject": "Shop news #{{issue}}",
            "Text": "Hi {{name}}, here is issue {{issue}} of our newsletter.",
            "Html": "<p>Hi {{name}}, here is issue {{issue}} of our newsletter.</p>",
        },
    )


def send_newsletter(recipients: list[Customer], issue: int) -> list[dict[str, str]]:
    """One bulk call for every subscriber who is not suppressed; returns SES's entry results."""
    wanted = [c for c in recipients if not feedback.store.is_suppressed(c.email)]
    if not wanted:
        return []
    response = sesv2.send_bulk_email(
        FromEmailAddress=SENDER,
        DefaultContent={
            "Template": {
                "TemplateName": NEWSLETTER_TEMPLATE,
                "TemplateData": json.dumps({"name": "reader", "issue": issue}),
            }
        },
        BulkEmailEntries=[
            {
                "Destination": {"ToAddresses": [customer.email]},
                # An entry's data replaces the default data as a whole: it is not merged.
                "ReplacementEmailContent": {
                    "ReplacementTemplate": {
                        "ReplacementTemplateData": json.dumps(
                            {"name": customer.name, "issue": issue}
                        )
                    }
                },
            }
            for customer in wanted
        ],
        DefaultEmailTags=[{"Name": "category", "Value": "newsletter"}],
    )
    results: list[dict[str, str]] = response["BulkEmailEntryResults"]
    return results


def send_invoice(order: Order, pdf_bytes: bytes) -> str | None:
    """Mail the invoice as a PDF attachment (a raw MIME message)."""
    to = order.customer.email
    if feedback.store.is_suppressed(to):
        return None
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = to
    message["Subject"] = f"Invoice for order #{order.id}"
    message.set_content(f"Hi {order.customer.name}, your invoice is attached.")
    message.add_attachment(
        pdf_bytes, maintype="application", subtype="pdf", filename=f"invoice-{order.id}.pdf"
    )
    response = ses.send_raw_email(
        Source=SENDER, Destinations=[to], RawMessage={"Data": message.as_bytes()}
    )
    message_id: str = response["MessageId"]
    return message_id
