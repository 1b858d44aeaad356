"""Writing into moto's SQS queues.

moto's own ``send_message`` reads every queue attribute on each call, and some of
those attributes scan every message in the queue: a queue that fills up during a
test makes each delivery slower. Standard queues get the message appended directly
(as ``send_message`` would, without the scan); FIFO queues and oversized bodies go
through ``send_message`` for its deduplication and validation.
"""

from __future__ import annotations

from typing import Any

_MAXIMUM_BODY = 262_144


def enqueue(account: str, region: str, name: str, body: str, group_id: str | None = None) -> None:
    from moto.sqs.models import Message, sqs_backends

    backend = sqs_backends[account][region]
    queue = backend.get_queue(name)
    if queue.fifo_queue or len(body.encode("utf-8")) > _MAXIMUM_BODY:
        backend.send_message(name, body, group_id=group_id, validate_group_id=False)
        return
    message: Any = Message(_message_id(), body)
    message.mark_sent(delay_seconds=int(getattr(queue, "delay_seconds", 0) or 0))
    queue.add_message(message)


def _message_id() -> str:
    from moto.moto_api._internal import mock_random

    return str(mock_random.uuid4())
