from __future__ import annotations

from django.db import models


class Bounce(models.Model):
    """One bounced recipient, as SES reported it."""

    address = models.EmailField()
    bounce_type = models.CharField(max_length=20)  # Permanent, Transient, Undetermined
    bounce_subtype = models.CharField(max_length=40)  # General, NoEmail, MailboxFull, ...
    message_id = models.CharField(max_length=80)  # mail.messageId: what send_email returned
    feedback_id = models.CharField(max_length=120, unique=True)
    diagnostic = models.TextField(blank=True)
    bounced_at = models.DateTimeField()

    @classmethod
    def is_suppressed(cls, address: str) -> bool:
        """Never mail an address again after a permanent bounce."""
        return cls.objects.filter(address__iexact=address, bounce_type="Permanent").exists()
