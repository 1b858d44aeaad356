"""Raw HTTP requests for the standalone server: methods, paths, headers, bodies (v1 form
bodies, v2 JSON bodies of any JSON type, bytes) and right and wrong Content-Length values."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from hypothesis import strategies as st
from ses_strategies import CONFIGURATION_SET, SENDER, TEMPLATE, operation_names

# -- HTTP ------------------------------------------------------------------------------------

_PATHS = [
    "/",
    "/v2/email/outbound-emails",
    "/v2/email/templates",
    "/v2/email/templates/" + TEMPLATE,
    "/v2/email/configuration-sets",
    "/v2/email/configuration-sets/" + CONFIGURATION_SET,
    "/v2/email/suppression/addresses",
    "/v2/email/suppression/addresses/a%40b.example",
    "/v2/email/identities",
    "/v2/email/account",
    "/v2/",
    "/v2/email/templates/%ED%A0%80",
    "/_sessim/",
    "/_sessim/outbox",
    "/_sessim/events?message_id=x&recipient=%FF",
    "/_sessim/smtp",
    "/_sessim/nope",
    "/SimpleNotificationService-0.pem",
    "/?Action=GetSendQuota",
    "/?Action=SendEmail&Source=%FF",
    "//double//slash",
    "/%",
]
_V1_ACTIONS = [
    "SendEmail",
    "SendRawEmail",
    "ListTemplates",
    "CreateTemplate",
    "GetSendQuota",
    "Nope",
    "",
]


@st.composite
def form_bodies(draw: st.DrawFn) -> bytes:
    """A v1 Query body: an Action and random keys, some well-formed, some not."""
    pairs = [("Action", draw(st.sampled_from(_V1_ACTIONS + operation_names("ses"))))]
    keys = st.sampled_from(
        [
            "Source",
            "Destination.ToAddresses.member.1",
            "Message.Subject.Data",
            "Message.Body.Text.Data",
            "Message.Subject.Charset",
            "RawMessage.Data",
            "Tags.member.1.Name",
            "Tags.member.1.Value",
            "Template.TemplateName",
            "Template.SubjectPart",
            "MaxItems",
            "ConfigurationSetName",
            "Destinations.member.1",
            "Destinations.member.x",
            "Tags.member",
            "..",
        ]
    ) | st.text(max_size=10)
    values = st.sampled_from(
        [
            SENDER,
            "success@simulator.amazonses.com",
            "!!!notbase64",
            "AAEC",
            "-1",
            "abc",
            "%ED%A0%80",
            "%FF",
            "a+b",
        ]
    ) | st.text(max_size=10)
    for _ in range(draw(st.integers(0, 8))):
        pairs.append((draw(keys), draw(values)))
    encoded = "&".join(f"{_quote(k)}={_quote(v)}" for k, v in pairs)
    if draw(st.booleans()):
        encoded = encoded.replace("%25ED%25A0%2580", "%ED%A0%80")  # raw percent escapes
    return encoded.encode("utf-8", "surrogatepass")


def _quote(text: str) -> str:
    return quote_plus(text.encode("utf-8", "surrogatepass"))


def _json_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=8,
    )


@st.composite
def json_bodies(draw: st.DrawFn) -> bytes:
    """A v2 body: known member names holding values of any JSON type, or not JSON at all."""
    members = st.sampled_from(
        [
            "FromEmailAddress",
            "Destination",
            "Content",
            "EmailTags",
            "TemplateName",
            "TemplateContent",
            "ConfigurationSetName",
            "EmailAddress",
            "Reason",
            "SuppressedReasons",
        ]
    )
    shaped = st.fixed_dictionaries(
        {},
        optional={
            "FromEmailAddress": st.just(SENDER),
            "Destination": st.just({"ToAddresses": ["success@simulator.amazonses.com"]}),
            "Content": st.sampled_from(
                [
                    {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}},
                    {"Raw": {"Data": "!!!"}},
                    {
                        "Raw": {
                            "Data": base64.b64encode(b"From: sender@example.com\r\n\r\nx").decode()
                        }
                    },
                    "not an object",
                    [],
                    {"Simple": "x"},
                    {"Template": {"TemplateName": TEMPLATE, "TemplateData": "{"}},
                ]
            ),
        },
    )
    value = draw(shaped | st.dictionaries(members, _json_values(), max_size=4) | _json_values())
    text = json.dumps(value)
    return draw(
        st.sampled_from(
            [text.encode(), text.encode()[: len(text) // 2], b"\xff\xfe", b"", b'{"a": "\\ud800"}']
        )
    )


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes
    content_length: str | None  # None: computed from the body
    close_early: bool  # announce more body than sent, then shut the writing side

    def encode(self) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", "Host: 127.0.0.1"]
        lines += [f"{name}: {value}" for name, value in self.headers]
        length = str(len(self.body)) if self.content_length is None else self.content_length
        if length != "omit":
            lines.append(f"Content-Length: {length}")
        lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + self.body


@st.composite
def http_requests(draw: st.DrawFn) -> HttpRequest:
    method = draw(st.sampled_from(["GET", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD"]))
    path = draw(
        st.sampled_from(_PATHS)
        | st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=20).map(
            lambda p: "/" + p
        )
    )
    content_type = st.sampled_from(
        [
            "application/x-www-form-urlencoded; charset=utf-8",
            "application/json",
            "text/plain",
            "x/y; charset=bogus",
        ]
    )
    headers = [("Content-Type", draw(content_type))]
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(["X-Amz-Target", "Authorization", "X-Amz-Date", "X-Custom"]))
        headers.append(
            (
                name,
                draw(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)),
            )
        )
    body = draw(form_bodies() | json_bodies() | st.binary(max_size=40))
    # the right length (None), one that is no number, none at all, a shorter one, or a
    # longer one (then the client stops writing: no server can wait for it forever)
    how = draw(st.sampled_from(["right", "right", "right", "bad", "omit", "short", "long"]))
    length: str | None = None
    if how == "bad":
        length = draw(st.sampled_from(["abc", "-5", "1.5", "0x10", "", "1 2"]))
    elif how == "omit":
        length = "omit"
    elif how == "short":
        length = str(draw(st.integers(0, len(body))))
    elif how == "long":
        length = str(len(body) + draw(st.integers(1, 100)))
    return HttpRequest(method, path, headers, body, length, how == "long")
