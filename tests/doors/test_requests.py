"""Raw HTTPS to the SES endpoint through ``requests``: same answers as boto3 gets."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com"])

ENDPOINT = "https://email.us-east-1.amazonaws.com/"
NS = {"ses": "http://ses.amazonaws.com/doc/2010-12-01/"}
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
SEND = {
    "Action": "SendEmail",
    "Version": "2010-12-01",
    "Source": "sender@example.com",
    "Destination.ToAddresses.member.1": "bounce@simulator.amazonses.com",
    "Message.Subject.Data": "Hi",
    "Message.Body.Text.Data": "Hello",
}


def signed(url: str, body: str, headers: dict[str, str]) -> dict[str, str]:
    """The headers botocore's SigV4 signer adds (X-Amz-Date, Authorization)."""
    request = AWSRequest(method="POST", url=url, data=body, headers=headers)
    SigV4Auth(Credentials("AKIDEXAMPLE", "secret"), "ses", "us-east-1").add_auth(request)
    return dict(request.headers.items())


def test_query_post_is_answered_like_boto3(sessim: SesSim) -> None:
    reply = requests.post(ENDPOINT, data=SEND, timeout=5)
    assert reply.status_code == 200
    root = ET.fromstring(reply.content)
    assert root.tag == "{http://ses.amazonaws.com/doc/2010-12-01/}SendEmailResponse"
    message_id = root.findtext("ses:SendEmailResult/ses:MessageId", namespaces=NS)
    assert message_id == sessim.outbox[0].message_id
    sessim.assert_bounced("bounce@simulator.amazonses.com")


def test_signed_query_post(sessim: SesSim) -> None:
    body = urlencode(SEND)
    headers = signed(ENDPOINT, body, dict(FORM))
    assert headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
    reply = requests.post(ENDPOINT, data=body, headers=headers, timeout=5)
    assert reply.status_code == 200
    assert sessim.outbox[0].subject == "Hi"


def test_query_error_document(sessim: SesSim) -> None:
    reply = requests.post(ENDPOINT, data={**SEND, "Source": "x@unverified.test"}, timeout=5)
    assert reply.status_code == 400
    root = ET.fromstring(reply.content)
    assert root.findtext("ses:Error/ses:Code", namespaces=NS) == "MessageRejected"
    assert root.findtext("ses:Error/ses:Message", namespaces=NS).startswith(
        "Email address is not verified."
    )


def test_v2_rest_path(sessim: SesSim) -> None:
    body = {
        "FromEmailAddress": "sender@example.com",
        "Destination": {"ToAddresses": ["success@simulator.amazonses.com"]},
        "Content": {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
    }
    reply = requests.post(ENDPOINT + "v2/email/outbound-emails", json=body, timeout=5)
    assert reply.status_code == 200
    assert reply.json() == {"MessageId": sessim.outbox[0].message_id}
    sessim.assert_delivered("success@simulator.amazonses.com")


def test_v2_error_header(sessim: SesSim) -> None:
    reply = requests.get(ENDPOINT + "v2/email/templates/missing", timeout=5)
    assert reply.status_code == 404
    assert reply.headers["x-amzn-ErrorType"].startswith("NotFoundException")
    assert "does not exist" in json.loads(reply.content)["message"]


@pytest.mark.sessim(moto=False)
def test_without_moto(sessim: SesSim) -> None:
    reply = requests.post(ENDPOINT, data=SEND, timeout=5)
    assert reply.status_code == 200
    assert len(sessim.outbox) == 1


def test_entries_leave_moto_when_the_simulator_stops() -> None:
    from moto.core.models import responses_mock

    from pytest_sessim.doors.requests_door import INTERCEPTED_URLS

    def ours() -> int:
        return sum(1 for entry in responses_mock.registered() if entry.url is INTERCEPTED_URLS)

    with SesSim(verified=["example.com"]) as sim:
        assert ours() == 0  # moto is not started for SES alone
        assert sim.ensure_moto()
        assert ours() == 5
        requests.post(ENDPOINT, data=SEND, timeout=5)
        assert len(sim.outbox) == 1
        with SesSim(verified=["example.com"]) as inner:
            requests.post(ENDPOINT, data=SEND, timeout=5)
            assert len(inner.outbox) == 1
        assert ours() == 5
    assert ours() == 0


LATE_IMPORT = f"""
import sys
from pytest_sessim import SesSim

with SesSim(verified=["example.com"]) as sim:
    assert "requests" not in sys.modules and "responses" not in sys.modules
    import requests  # first imported during the test

    reply = requests.post({ENDPOINT!r}, data={SEND!r}, timeout=5)
    assert reply.status_code == 200, reply.text
    assert len(sim.outbox) == 1
print("ok")
"""


def test_requests_imported_during_a_test_is_answered_too() -> None:
    """Until requests is imported, nothing of it is imported or patched."""
    done = subprocess.run(
        [sys.executable, "-c", LATE_IMPORT], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "ok", done.stderr


def test_ses_fips_endpoints_are_answered_through_requests_too(sessim: SesSim) -> None:
    reply = requests.post(
        "https://email-fips.us-east-1.amazonaws.com/",
        data={"Action": "ListIdentities", "Version": "2010-12-01"},
        timeout=5,
    )
    assert reply.status_code == 200
    assert "<ListIdentitiesResponse" in reply.text


def test_other_aws_endpoints_through_requests_go_to_moto_never_to_aws() -> None:
    with SesSim() as sim:  # nothing has started moto yet
        reply = requests.post(
            "https://sqs.us-east-1.amazonaws.com/",
            data={"Action": "ListQueues", "Version": "2012-11-05"},
            timeout=5,
        )
        assert reply.status_code == 200
        assert "<ListQueuesResponse" in reply.text
        s3 = sim.client("s3")
        s3.create_bucket(Bucket="presigned")
        s3.put_object(Bucket="presigned", Key="k", Body=b"hello")
        url = s3.generate_presigned_url("get_object", Params={"Bucket": "presigned", "Key": "k"})
        assert requests.get(url, timeout=5).content == b"hello"


def test_without_moto_other_aws_endpoints_are_not_sent() -> None:
    from pytest_sessim.doors.requests_door import NOT_SENT

    with SesSim(moto=False):
        reply = requests.get("https://s3.amazonaws.com/bucket/key", timeout=5)
    assert (reply.status_code, reply.text) == (403, NOT_SENT)
