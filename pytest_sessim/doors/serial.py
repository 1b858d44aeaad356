"""One lock per engine: the engine is not thread-safe, and some doors run on threads.

The SMTP door answers on aiosmtpd's event-loop thread and the standalone server on
one thread per request, while the test (or the application) may call boto3 on the
main thread at the same moment. Every door enters the engine through
:func:`engine_lock`, so one request at a time changes the account, its clock and its
record. The lock is re-entrant: a sink that calls back into SES on the same thread
(say a mounted webhook app that sends mail) does not deadlock.

Handing the work to the main thread instead was ruled out: the main thread is
usually blocked in the very ``smtplib`` call that is waiting for the reply.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

_guard = threading.Lock()
_locks: weakref.WeakKeyDictionary[Any, threading.RLock] = weakref.WeakKeyDictionary()


def engine_lock(engine: Any) -> threading.RLock:
    """The lock that serialises every door's use of ``engine``."""
    found = _locks.get(engine)
    if found is None:
        with _guard:
            found = _locks.get(engine)
            if found is None:
                found = _locks[engine] = threading.RLock()
    return found
