"""The shared trie of event handlers behaves as botocore's own, copies included: same
handlers for every event, and a change to one copy is never seen by another."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

import boto3
from botocore.hooks import HierarchicalEmitter

from pytest_sessim import SesSim
from pytest_sessim.doors import event_trie
from pytest_sessim.doors.event_trie import shared_emitter

EVENTS = [
    "before-send",
    "before-send.ses",
    "before-send.ses.SendEmail",
    "before-send.sesv2.SendEmail",
    "before-call.ses.SendEmail",
    "before-call.*.SendEmail",
    "needs-retry",
    "creating-client-class.s3",
]
HANDLERS: list[Callable[..., None]] = [
    (lambda number: lambda **kwargs: None)(number) for number in range(12)
]


def handlers(emitter: HierarchicalEmitter, event: str) -> list[Any]:
    return list(emitter._handlers.prefix_search(event))  # type: ignore[attr-defined]


def same(left: HierarchicalEmitter, right: HierarchicalEmitter) -> bool:
    return all(handlers(left, event) == handlers(right, event) for event in EVENTS)


def change(emitter: HierarchicalEmitter, rng: random.Random, unique: bool) -> str:
    """One random change; the name of the error it raised, if any (botocore raises for
    some unregistrations, and both emitters must raise alike)."""
    event, handler = rng.choice(EVENTS), rng.choice(HANDLERS)
    how = rng.randrange(4)
    try:
        if how == 3:
            emitter.unregister(event, handler)
        else:
            register = (emitter.register, emitter.register_first, emitter.register_last)[how]
            register(event, handler, unique_id=f"id-{rng.randrange(4)}" if unique else None)
    except (ValueError, AttributeError) as error:
        return type(error).__name__
    return ""


def test_botocores_trie_layout_is_the_one_relied_on() -> None:
    assert event_trie._usable()
    assert isinstance(shared_emitter()._handlers, event_trie.SharedTrie)  # type: ignore[attr-defined]


def test_changes_and_copies_match_botocores_own_emitter() -> None:
    for seed in range(30):
        rng = random.Random(seed)
        plain, shared = HierarchicalEmitter(), shared_emitter()
        pairs = [(plain, shared)]
        for _ in range(60):
            ours, theirs = rng.choice(pairs)
            if rng.random() < 0.2:
                pairs.append((copy.copy(ours), copy.copy(theirs)))
                continue
            state = rng.getstate()
            raised = change(ours, rng, unique=seed % 2 == 0)
            rng.setstate(state)
            assert change(theirs, rng, unique=seed % 2 == 0) == raised
        assert all(same(ours, theirs) for ours, theirs in pairs), seed


def test_a_change_to_a_copy_is_never_seen_by_another() -> None:
    original = shared_emitter()
    original.register("before-send.ses", HANDLERS[0])
    first = copy.copy(original)
    second = copy.copy(first)
    first.register("before-send.ses", HANDLERS[1])
    second.unregister("before-send.ses", HANDLERS[0])
    original.register_first("before-send.ses.SendEmail", HANDLERS[2])
    assert handlers(original, "before-send.ses.SendEmail") == [HANDLERS[2], HANDLERS[0]]
    assert handlers(first, "before-send.ses.SendEmail") == [HANDLERS[0], HANDLERS[1]]
    assert handlers(second, "before-send.ses.SendEmail") == []


def test_handlers_registered_in_a_test_stay_where_they_were_registered() -> None:
    seen: list[str] = []
    event = "sessim-probe.ses.SendEmail"
    with SesSim():
        before = boto3.client("ses", region_name="us-east-1")
        boto3.DEFAULT_SESSION.events.register(  # type: ignore[union-attr]
            "sessim-probe.ses", lambda **kwargs: seen.append("session")
        )
        after = boto3.client("ses", region_name="us-east-1")
        after.meta.events.register("sessim-probe.ses", lambda **kwargs: seen.append("client"))
        sibling = boto3.client("ses", region_name="us-east-1")
        for client in (before, after, sibling):
            client.meta.events.emit(event)
    # the client made before the session handler sees none; the later ones see it
    assert seen == ["session", "client", "session"]
    seen.clear()
    with SesSim():
        boto3.client("ses", region_name="us-east-1").meta.events.emit(event)
        boto3.Session().client("sesv2").meta.events.emit(event)
    assert seen == []
