"""SES refuses mail from identities the account has not verified, with its exact error."""

import pytest

from shop import mailer


@pytest.mark.sessim(verified=[])  # an account with no verified identities
def test_unverified_sender_is_rejected(sessim, monkeypatch, order_for):
    monkeypatch.setattr(mailer, "SENDER", "someone@unverified.example")

    with pytest.raises(mailer.ses.exceptions.MessageRejected) as excinfo:
        mailer.send_order_confirmation(order_for("ada@example.org"))

    assert excinfo.value.response["Error"]["Message"] == (
        "Email address is not verified. The following identities failed the check "
        "in region US-EAST-1: someone@unverified.example"
    )
    sessim.assert_nothing_sent()
