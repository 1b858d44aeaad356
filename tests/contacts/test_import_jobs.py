"""Import jobs: contacts and suppressed addresses from files in moto's S3."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import ClientError

from pytest_sessim import SesSim

pytestmark = pytest.mark.sessim(verified=["example.com"])

TOPICS = [
    {"TopicName": "Sports", "DisplayName": "Sports", "DefaultSubscriptionStatus": "OPT_IN"},
    {"TopicName": "Cycling", "DisplayName": "Cycling", "DefaultSubscriptionStatus": "OPT_OUT"},
]
CONTACTS_CSV = (
    b"emailAddress,unsubscribeAll,attributesData,topicPreferences.Sports,topicPreferences.Cycling\n"
    b'example1@amazon.com,false,"{""Name"": ""John""}",OPT_IN,OPT_OUT\n'
    b"example2@amazon.com,true,,OPT_OUT,OPT_OUT\n"
    b"not-an-address,false,,OPT_IN,\n"
)
CONTACTS_JSON = b"""{
     "emailAddress": "example1@amazon.com",
     "unsubscribeAll": false,
     "attributesData": "{\\"Name\\":\\"John\\"}",
     "topicPreferences": [{"topicName": "Sports", "subscriptionStatus": "OPT_IN"}]
}
{"emailAddress": "example2@amazon.com", "topicPreferences": [{"topicName": "Golf",
 "subscriptionStatus": "OPT_IN"}]}
"""


@pytest.fixture
def bucket(sessim: SesSim) -> Any:
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="imports")
    return s3


def import_job(
    sesv2: Any, destination: dict[str, Any], key: str, data_format: str
) -> dict[str, Any]:
    job_id = sesv2.create_import_job(
        ImportDestination=destination,
        ImportDataSource={"S3Url": f"s3://imports/{key}", "DataFormat": data_format},
    )["JobId"]
    job: dict[str, Any] = sesv2.get_import_job(JobId=job_id)
    return job


def to_list(action: str = "PUT") -> dict[str, Any]:
    return {
        "ContactListDestination": {"ContactListName": "news", "ContactListImportAction": action}
    }


def to_suppression(action: str = "PUT") -> dict[str, Any]:
    return {"SuppressionListDestination": {"SuppressionListImportAction": action}}


def test_contacts_from_csv(sessim: SesSim, sesv2: Any, bucket: Any) -> None:
    sesv2.create_contact_list(ContactListName="news", Topics=TOPICS)
    bucket.put_object(Bucket="imports", Key="contacts.csv", Body=CONTACTS_CSV)
    job = import_job(sesv2, to_list(), "contacts.csv", "CSV")
    assert (job["JobStatus"], job["ProcessedRecordsCount"], job["FailedRecordsCount"]) == (
        "COMPLETED",
        3,
        1,
    )
    assert job["CreatedTimestamp"] == job["CompletedTimestamp"]
    failed = requests.get(job["FailureInfo"]["FailedRecordsS3Url"], timeout=5).text
    assert json.loads(failed)["failureReason"] == "EmailAddress <not-an-address> is invalid"
    first = sesv2.get_contact(ContactListName="news", EmailAddress="example1@amazon.com")
    assert first["TopicPreferences"] == [
        {"TopicName": "Sports", "SubscriptionStatus": "OPT_IN"},
        {"TopicName": "Cycling", "SubscriptionStatus": "OPT_OUT"},
    ]
    assert first["AttributesData"] == '{"Name": "John"}'
    second = sesv2.get_contact(ContactListName="news", EmailAddress="example2@amazon.com")
    assert second["UnsubscribeAll"] is True
    bucket.put_object(Bucket="imports", Key="gone.csv", Body=b"emailAddress\nexample2@amazon.com\n")
    assert import_job(sesv2, to_list("DELETE"), "gone.csv", "CSV")["FailedRecordsCount"] == 0
    listed = sesv2.list_contacts(ContactListName="news")["Contacts"]
    assert [c["EmailAddress"] for c in listed] == ["example1@amazon.com"]


def test_contacts_from_json(sessim: SesSim, sesv2: Any, bucket: Any) -> None:
    sesv2.create_contact_list(ContactListName="news", Topics=TOPICS)
    bucket.put_object(Bucket="imports", Key="contacts.json", Body=CONTACTS_JSON)
    job = import_job(sesv2, to_list(), "contacts.json", "JSON")
    assert (job["ProcessedRecordsCount"], job["FailedRecordsCount"]) == (2, 1)
    failed = requests.get(job["FailureInfo"]["FailedRecordsS3Url"], timeout=5).json()
    assert failed["failureReason"] == "List: news doesn't contain Topic: Golf"
    found = sesv2.get_contact(ContactListName="news", EmailAddress="example1@amazon.com")
    assert found["AttributesData"] == '{"Name":"John"}'


def test_suppressed_addresses(sessim: SesSim, sesv2: Any, bucket: Any) -> None:
    bucket.put_object(
        Bucket="imports", Key="s.csv", Body=b"a@example.org,BOUNCE\nb@example.org,COMPLAINT\n"
    )
    bucket.put_object(
        Bucket="imports",
        Key="s.json",
        Body=b'{"emailAddress":"c@example.org","reason":"BOUNCE"}\n'
        b'{"emailAddress":"d@example.org","reason":"SPAM"}\n',
    )
    assert import_job(sesv2, to_suppression(), "s.csv", "CSV")["FailedRecordsCount"] == 0
    assert import_job(sesv2, to_suppression(), "s.json", "JSON")["FailedRecordsCount"] == 1
    assert sessim.suppressed == {
        "a@example.org": "BOUNCE",
        "b@example.org": "COMPLAINT",
        "c@example.org": "BOUNCE",
    }
    bucket.put_object(Bucket="imports", Key="d.csv", Body=b"a@example.org\nc@example.org\n")
    import_job(sesv2, to_suppression("DELETE"), "d.csv", "CSV")
    assert sessim.suppressed == {"b@example.org": "COMPLAINT"}
    summaries = sesv2.list_import_jobs(ImportDestinationType="SUPPRESSION_LIST")["ImportJobs"]
    assert [s["ProcessedRecordsCount"] for s in summaries] == [2, 2, 2]
    assert sesv2.list_import_jobs(ImportDestinationType="CONTACT_LIST")["ImportJobs"] == []


def test_a_missing_file_fails_the_job(sessim: SesSim, sesv2: Any, bucket: Any) -> None:
    job = import_job(sesv2, to_suppression(), "missing.csv", "CSV")
    assert job["JobStatus"] == "FAILED"
    assert job["FailureInfo"] == {
        "ErrorMessage": "Failed to read the data source: s3://imports/missing.csv"
    }
    bucket.put_object(Bucket="imports", Key="broken.json", Body=b"{not json")
    job = import_job(sesv2, to_suppression(), "broken.json", "JSON")
    assert job["JobStatus"] == "FAILED"
    assert job["FailureInfo"]["ErrorMessage"].startswith("The data source is not valid JSON")


def refusal(call: Any) -> str:
    with pytest.raises(ClientError) as caught:
        call()
    assert caught.value.response["Error"]["Code"] == "BadRequestException"
    message: str = caught.value.response["Error"]["Message"]
    return message


def test_import_checks(sessim: SesSim, sesv2: Any) -> None:
    source = {"S3Url": "s3://imports/x.csv", "DataFormat": "CSV"}
    assert (
        refusal(
            lambda: sesv2.create_import_job(ImportDestination=to_list(), ImportDataSource=source)
        )
        == "List with name: news doesn't exist."
    )
    assert refusal(
        lambda: sesv2.create_import_job(
            ImportDestination={**to_list(), **to_suppression()}, ImportDataSource=source
        )
    ) == (
        "ImportDestination must contain exactly one of SuppressionListDestination or "
        "ContactListDestination."
    )
    assert refusal(
        lambda: sesv2.create_import_job(
            ImportDestination=to_suppression(),
            ImportDataSource={"S3Url": "https://imports/x.csv", "DataFormat": "CSV"},
        )
    ).startswith("1 validation error detected: Value at 'importDataSource.s3Url'")
    sessim.set_sandbox(True)
    assert "sandbox" in refusal(
        lambda: sesv2.create_import_job(ImportDestination=to_suppression(), ImportDataSource=source)
    )
    with pytest.raises(ClientError) as missing:
        sesv2.get_import_job(JobId="nope")
    assert missing.value.response["Error"]["Message"] == "Import job with id: nope doesn't exist."


def test_topic_preferences_that_are_not_a_list_of_objects_fail_their_record(
    sessim: SesSim, sesv2: Any, bucket: Any
) -> None:
    sesv2.create_contact_list(ContactListName="news", Topics=TOPICS)
    lines = [
        {"emailAddress": "a@example.com", "topicPreferences": "Sports"},
        {"emailAddress": "b@example.com", "topicPreferences": 5},
        {"emailAddress": "c@example.com", "topicPreferences": ["Sports"]},
        {"emailAddress": "d@example.com"},
    ]
    body = "\n".join(json.dumps(line) for line in lines)
    bucket.put_object(Bucket="imports", Key="odd.json", Body=body)
    job = import_job(sesv2, to_list(), "odd.json", "JSON")
    assert job["JobStatus"] == "COMPLETED"
    assert (job["ProcessedRecordsCount"], job["FailedRecordsCount"]) == (4, 3)
