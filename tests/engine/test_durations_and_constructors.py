"""One duration parser for every duration parameter; outcome constructors check their
arguments when called, not when a send later uses them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pytest_sessim.engine.clock import Clock
from pytest_sessim.engine.durations import duration
from pytest_sessim.engine.outcomes.catalog import clicked, complaint, delayed, opened, soft_bounce
from pytest_sessim.engine.outcomes.scripts import Delay, Outcome


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (timedelta(minutes=5), timedelta(minutes=5)),
        (7200, timedelta(hours=2)),
        (1.5, timedelta(seconds=1.5)),
        ("2h", timedelta(hours=2)),
        ("30m", timedelta(minutes=30)),
        ("90s", timedelta(seconds=90)),
        ("1d", timedelta(days=1)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("1.5h", timedelta(hours=1, minutes=30)),
        (" 10 M ", timedelta(minutes=10)),
        ("250ms", timedelta(milliseconds=250)),
        ("45", timedelta(seconds=45)),
        (0, timedelta(0)),
    ],
)
def test_a_duration_is_a_timedelta_seconds_or_text(given: object, expected: timedelta) -> None:
    assert duration(given, "after") == expected


@pytest.mark.parametrize(
    ("given", "error", "text"),
    [
        (
            "abc",
            ValueError,
            "after takes text such as '2h', '30m', '90s', '1d' or '1h30m', not 'abc'",
        ),
        (
            "2x",
            ValueError,
            "after takes text such as '2h', '30m', '90s', '1d' or '1h30m', not '2x'",
        ),
        (-5, ValueError, "after must not be negative, not -5"),
        (
            timedelta(seconds=-1),
            ValueError,
            "after must not be negative, not datetime.timedelta(days=-1, seconds=86399)",
        ),
        (float("nan"), ValueError, "after must be a finite duration, not nan"),
        (
            None,
            TypeError,
            "after takes a timedelta, seconds or text such as '2h', '30m' or '1h30m', not None",
        ),
        (
            True,
            TypeError,
            "after takes a timedelta, seconds or text such as '2h', '30m' or '1h30m', not True",
        ),
        (1e300, ValueError, "after is too long: 1e+300"),
    ],
)
def test_anything_else_is_refused_with_the_parameter_named(
    given: object, error: type[Exception], text: str
) -> None:
    with pytest.raises(error) as raised:
        duration(given, "after")
    assert str(raised.value) == text


def test_soft_bounce_takes_seconds_and_text_alike() -> None:
    for retry_for in (7200, "2h", timedelta(hours=2)):
        step = soft_bounce("MailboxFull", retry_for=retry_for).steps[0]
        assert isinstance(step, Delay)
        assert step.retry_for == timedelta(hours=2)
        assert step.expires_after == timedelta(hours=2)


def test_every_duration_parameter_reads_the_same() -> None:
    script = delayed("General", after="30m", expires_after=3600)
    assert isinstance(script.steps[0], Delay)
    assert (script.steps[0].retry_for, script.steps[0].expires_after) == (
        timedelta(minutes=30),
        timedelta(hours=1),
    )
    assert opened(after="10m").steps[0].after == timedelta(minutes=10)  # type: ignore[union-attr]
    assert clicked("https://x.example/", after=5).steps[0].after == timedelta(seconds=5)  # type: ignore[union-attr]
    clock = Clock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert clock.advance("1h30m") == datetime(2026, 1, 1, 1, 30, tzinfo=timezone.utc)
    assert clock.advance(30) == datetime(2026, 1, 1, 1, 30, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("build", "error", "text"),
    [
        (
            lambda: soft_bounce("MailboxFull", retry_for="soon"),
            ValueError,
            "retry_for takes text such as '2h', '30m', '90s', '1d' or '1h30m', not 'soon'",
        ),
        (
            lambda: soft_bounce("Full"),
            ValueError,
            "unknown soft bounce subtype 'Full'; SES documents General, MailboxFull, "
            "MessageTooLarge, ContentRejected, AttachmentRejected",
        ),
        (
            lambda: delayed(then=Outcome.BOUNCE),  # type: ignore[arg-type]
            TypeError,
            "then must be a script such as delivered() or None, not <Outcome.BOUNCE: 'bounce'>",
        ),
        (
            lambda: complaint(user_agent=""),
            TypeError,
            "user_agent must be a non-empty string, not ''",
        ),
        (
            lambda: opened(ip_address="not an ip"),
            ValueError,
            "ip_address must be an IPv4 or IPv6 address, not 'not an ip'",
        ),
        (lambda: clicked(""), TypeError, "link must be a non-empty string, not ''"),
        (
            lambda: clicked("https://x.example/", link_tags={"a": "b"}),  # type: ignore[dict-item]
            TypeError,
            "link_tags must map names to lists of strings, not {'a': 'b'}",
        ),
    ],
)
def test_constructors_check_their_arguments_when_called(
    build: object, error: type[Exception], text: str
) -> None:
    with pytest.raises(error) as raised:
        build()  # type: ignore[operator]
    assert str(raised.value) == text


def test_the_clock_still_only_moves_forward() -> None:
    clock = Clock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    with pytest.raises(ValueError, match="only moves forward, not by -5"):
        clock.advance(-5)
