"""The SNS endpoint SES bounce notifications are delivered to (``/sns/bounces/``)."""

from __future__ import annotations

import json
import logging
from typing import Any

import requests
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import sns_verify

from .models import Bounce

logger = logging.getLogger(__name__)


@csrf_exempt  # SNS cannot send a CSRF token; the signature authenticates it
@require_POST
def sns_bounces(request: HttpRequest) -> HttpResponse:
    try:
        message = sns_verify.load(request.body)
    except sns_verify.InvalidSnsMessage as error:
        logger.warning("refused an SNS message: %s", error)
        return HttpResponseBadRequest("invalid SNS message")
    if message["Type"] == "SubscriptionConfirmation":
        requests.get(message["SubscribeURL"], timeout=10).raise_for_status()
    elif message["Type"] == "Notification":
        notification = json.loads(message["Message"])
        if notification.get("notificationType") == "Bounce":
            record_bounce(notification)
    return HttpResponse(status=204)


@transaction.atomic
def record_bounce(notification: dict[str, Any]) -> None:
    bounce = notification["bounce"]
    for recipient in bounce["bouncedRecipients"]:
        Bounce.objects.get_or_create(  # SNS may deliver a message twice
            feedback_id=f"{bounce['feedbackId']}/{recipient['emailAddress']}",
            defaults={
                "address": recipient["emailAddress"],
                "bounce_type": bounce["bounceType"],
                "bounce_subtype": bounce["bounceSubType"],
                "message_id": notification["mail"]["messageId"],
                "diagnostic": recipient.get("diagnosticCode", ""),
                "bounced_at": parse_datetime(bounce["timestamp"]),
            },
        )
