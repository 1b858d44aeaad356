"""SES event publishing over SNS HTTPS delivery, in FastAPI.

A configuration set's SNS event destination publishes one record per event (``eventType``
"Delivery", "Bounce", "Complaint", ...), with the SNS Subject "Amazon SES Email Event
Notification". The endpoint verifies each message's signature (the Subject is signed too),
confirms the subscription, and keeps the events. Blocking work (the certificate download,
the confirmation GET) runs in the thread pool, off the event loop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Annotated, Any

import requests
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

import sns_verify


@dataclass(frozen=True)
class EmailEvent:
    type: str  # the record's eventType
    message_id: str  # mail.messageId: what the send call returned
    recipients: tuple[str, ...]
    detail: str  # "Permanent/General", the feedback type, the SMTP response, or ""


@dataclass
class EventStore:
    events: list[EmailEvent] = field(default_factory=list)

    def add(self, record: dict[str, Any]) -> None:
        kind = record["eventType"]
        if kind == "Bounce":
            bounce = record["bounce"]
            recipients = [r["emailAddress"] for r in bounce["bouncedRecipients"]]
            detail = f"{bounce['bounceType']}/{bounce['bounceSubType']}"
        elif kind == "Complaint":
            complaint = record["complaint"]
            recipients = [r["emailAddress"] for r in complaint["complainedRecipients"]]
            detail = complaint.get("complaintFeedbackType", "")
        elif kind == "Delivery":
            recipients = record["delivery"]["recipients"]
            detail = record["delivery"]["smtpResponse"]
        else:  # Send, Reject, DeliveryDelay, Open, Click, ...: the message's recipients
            recipients = record["mail"]["destination"]
            detail = ""
        self.events.append(EmailEvent(kind, record["mail"]["messageId"], tuple(recipients), detail))


store = EventStore()


def get_store() -> EventStore:
    """The store the endpoint writes to (tests override this dependency)."""
    return store


app = FastAPI()


def confirm(subscribe_url: str) -> None:
    requests.get(subscribe_url, timeout=10).raise_for_status()


@app.post("/sns/ses-events", status_code=204)
async def ses_events(
    request: Request, events: Annotated[EventStore, Depends(get_store)]
) -> Response:
    body = await request.body()  # SNS posts JSON as text/plain
    try:
        message = await run_in_threadpool(sns_verify.load, body)
    except sns_verify.InvalidSnsMessage as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    if message["Type"] == "SubscriptionConfirmation":
        await run_in_threadpool(confirm, message["SubscribeURL"])
    elif message["Type"] == "Notification":
        try:
            record = json.loads(message["Message"])
        except ValueError:  # "Successfully validated SNS topic for Amazon SES event publishing."
            return Response(status_code=204)
        if isinstance(record, dict) and "eventType" in record:
            events.add(record)
    return Response(status_code=204)
