"""A Django email backend that sends through Amazon SES (SESv2) with boto3.

Each message goes out as a raw MIME message, built by Django, so attachments, alternatives,
Cc, Bcc, Reply-To and custom headers all work. Configure it with::

    EMAIL_BACKEND = "django_app.mail.SesEmailBackend"
    AWS_SES_REGION = "eu-west-1"                  # optional: boto3's default otherwise
    AWS_SES_CONFIGURATION_SET = "transactional"   # optional
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.dispatch import Signal

# Sent after every accepted message, with ``message`` and SES's ``message_id`` (which is
# ``mail.messageId`` in the bounce, complaint and delivery notifications that follow).
ses_message_sent = Signal()


class SesEmailBackend(BaseEmailBackend):
    def __init__(
        self,
        fail_silently: bool = False,
        *,
        region_name: str | None = None,
        configuration_set: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.region_name = region_name or getattr(settings, "AWS_SES_REGION", None)
        self.configuration_set = configuration_set or getattr(
            settings, "AWS_SES_CONFIGURATION_SET", None
        )
        self.client: Any = None

    def open(self) -> bool:
        if self.client is not None:
            return False
        self.client = boto3.client("sesv2", region_name=self.region_name)
        return True

    def close(self) -> None:
        self.client = None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        opened = self.open()
        try:
            return sum(1 for message in email_messages if self._send(message))
        finally:
            if opened:
                self.close()

    def _send(self, message: EmailMessage) -> bool:
        recipients = message.recipients()  # To, Cc and Bcc
        if not recipients:
            return False
        request: dict[str, Any] = {
            "Destination": {"ToAddresses": recipients},
            "Content": {"Raw": {"Data": message.message().as_bytes(linesep="\r\n")}},
        }
        if self.configuration_set:
            request["ConfigurationSetName"] = self.configuration_set
        try:
            response = self.client.send_email(**request)
        except (BotoCoreError, ClientError):
            if not self.fail_silently:
                raise
            return False
        ses_message_sent.send(type(self), message=message, message_id=response["MessageId"])
        return True
