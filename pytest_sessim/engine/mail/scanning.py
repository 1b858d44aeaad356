"""Content scanning: SES rejects (after accepting) any message carrying a virus.

The EICAR test string is the documented way to trigger it; it is looked for in
every part after its transfer encoding is undone.
"""

from __future__ import annotations

from .mime import MessageContent

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
REJECT_REASON = "Bad content"


def carries_virus(content: MessageContent | None) -> bool:
    if content is None:
        return False
    marker = EICAR.decode("ascii")
    for text in (content.text, content.html):
        if text is not None and marker in text:
            return True
    return any(EICAR in attachment.content for attachment in content.attachments)
