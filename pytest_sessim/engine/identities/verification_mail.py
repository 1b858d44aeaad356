"""The mail SES sends to verify an email address, and the link in it.

Subject, sender and wording are SES's own (``no-reply-aws@amazon.com``, "Amazon Web
Services \u2013 Email Address Verification Request in region US East (N. Virginia)"); the
link has the shape of SES's (``https://email-verification.<region>.amazonaws.com/?
Context=<account>&...&Operation=ConfirmVerification&Namespace=Bacon&X-Amz-Signature=...``).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

NO_REPLY = "no-reply-aws@amazon.com"
SENDER = f"Amazon Web Services <{NO_REPLY}>"
LINK_HOST = "email-verification.{region}.amazonaws.com"

REGION_NAMES = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)",
    "af-south-1": "Africa (Cape Town)",
    "ap-south-1": "Asia Pacific (Mumbai)",
    "ap-south-2": "Asia Pacific (Hyderabad)",
    "ap-northeast-1": "Asia Pacific (Tokyo)",
    "ap-northeast-2": "Asia Pacific (Seoul)",
    "ap-northeast-3": "Asia Pacific (Osaka)",
    "ap-southeast-1": "Asia Pacific (Singapore)",
    "ap-southeast-2": "Asia Pacific (Sydney)",
    "ap-southeast-3": "Asia Pacific (Jakarta)",
    "ap-southeast-5": "Asia Pacific (Malaysia)",
    "ca-central-1": "Canada (Central)",
    "ca-west-1": "Canada West (Calgary)",
    "eu-central-1": "Europe (Frankfurt)",
    "eu-central-2": "Europe (Zurich)",
    "eu-west-1": "Europe (Ireland)",
    "eu-west-2": "Europe (London)",
    "eu-west-3": "Europe (Paris)",
    "eu-north-1": "Europe (Stockholm)",
    "eu-south-1": "Europe (Milan)",
    "il-central-1": "Israel (Tel Aviv)",
    "me-south-1": "Middle East (Bahrain)",
    "me-central-1": "Middle East (UAE)",
    "sa-east-1": "South America (São Paulo)",
    "us-gov-east-1": "AWS GovCloud (US-East)",
    "us-gov-west-1": "AWS GovCloud (US-West)",
}

SUBJECT = "Amazon Web Services \u2013 Email Address Verification Request in region {region_name}"

BODY = """Dear Amazon Web Services Customer,

We have received a request to authorize this email address for use with Amazon SES \
and Amazon Pinpoint in region {region_name}. If you requested this verification, please \
go to the following URL to confirm that you are authorized to use this email address:

{url}

Your request will not be processed unless you confirm the address using this URL. This \
link expires 24 hours after your original verification request.

If you did NOT request to verify this email address, do not click on the link. Please \
note that many times, the situation isn't a phishing attempt, but either a \
misunderstanding of how to use our service, or someone setting up email-sending \
capabilities on your behalf as part of a legitimate service, but without having fully \
communicated the procedure first. If you are still concerned, please forward this \
notification to aws-email-domain-verification@amazon.com and let us know in the forward \
that you did not request the verification.

To learn more about sending email from Amazon Web Services, please refer to the Amazon \
SES Developer Guide at http://docs.aws.amazon.com/ses/latest/DeveloperGuide/Welcome.html \
and Amazon Pinpoint Developer Guide at \
http://docs.aws.amazon.com/pinpoint/latest/userguide/welcome.html.

Sincerely,

The Amazon Web Services Team.
"""

# what a browser shows after following a link (SES's page, in short)
CONFIRMED_PAGE = (
    "<html><head><title>Email Address Verification Request</title></head><body>"
    "<h1>Congratulations!</h1><p>You have successfully verified an email address. You "
    "can now start sending email from this address.</p></body></html>"
)
FAILED_PAGE = (
    "<html><head><title>Email Address Verification Request</title></head><body>"
    "<h1>Verification failed</h1><p>The link you followed is invalid or has expired. "
    "Restart the verification process to verify this email address.</p></body></html>"
)


def region_name(region: str) -> str:
    return REGION_NAMES.get(region, region)


def link_url(
    *, region: str, account_id: str, address: str, at: datetime, key_id: str, signature: str
) -> str:
    stamp = at.strftime("%Y%m%dT%H%M%SZ")
    credential = quote(f"{key_id}/{stamp[:8]}/{region}/ses/aws4_request", safe="")
    return (
        f"https://{LINK_HOST.format(region=region)}/?Context={account_id}"
        f"&X-Amz-Date={stamp}&Identity.IdentityName={quote(address, safe='')}"
        "&X-Amz-Algorithm=AWS4-HMAC-SHA256&Identity.IdentityType=EmailAddress"
        f"&X-Amz-SignedHeaders=host&X-Amz-Credential={credential}"
        f"&Operation=ConfirmVerification&Namespace=Bacon&X-Amz-Signature={signature}"
    )


def subject(region: str) -> str:
    return SUBJECT.format(region_name=region_name(region))


def body(region: str, url: str) -> str:
    return BODY.format(region_name=region_name(region), url=url)


def custom_html(content: str, url: str) -> str:
    """A custom verification mail: the template's content, then the link."""
    return f'{content}\n<p><a href="{url}">{url}</a></p>\n'
