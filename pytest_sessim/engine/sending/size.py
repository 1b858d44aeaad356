"""Message size: 10 MB through SES v1, 40 MB through SESv2 and SMTP, MIME included."""

from __future__ import annotations

from ..errors import invalid_parameter
from ..mail.mime import MessageContent

V1_MAX_MESSAGE_BYTES = 10 * 1024 * 1024
V2_MAX_MESSAGE_BYTES = 40 * 1024 * 1024


def check_message_size(size: int, api: str) -> None:
    limit = V1_MAX_MESSAGE_BYTES if api == "ses" else V2_MAX_MESSAGE_BYTES
    if size > limit:
        raise invalid_parameter(f"Message length is more than {limit} bytes long: '{size}'.")


def check_simple_size(content: MessageContent, api: str) -> None:
    """Simple sends are measured on their MIME only when they could be near the limit."""
    rough = sum(len(part or "") for part in (content.text, content.html))
    rough += sum(len(attachment.content) * 4 // 3 for attachment in content.attachments)
    if rough > V1_MAX_MESSAGE_BYTES // 2:
        check_message_size(len(content.raw()), api)
