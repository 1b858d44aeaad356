"""Hypothesis strategies derived from botocore's ``ses`` and ``sesv2`` input shapes.

:func:`operation_params` walks an operation's input shape (structures, lists, maps,
strings with their patterns, enums and lengths, blobs, timestamps, numbers) and draws
parameters a boto3 client can serialize with its parameter validation off: the types
are right, every constraint may be broken. Strings mix plausible values (addresses the
fuzzed simulator verified, names that exist, template data) with hostile text: control
characters, CR/LF, 8-bit and other non-ASCII text, very long strings, and lone
surrogates where the wire can carry them (JSON bodies; a form body or a URL cannot).

:func:`mime_messages` draws raw MIME bytes, well and badly formed, for raw sends and
SMTP (``http_strategies`` draws raw HTTP requests for the standalone server).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from typing import Any

import botocore.session
from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape
from hypothesis import strategies as st

VERIFIED_DOMAIN = "example.com"
SENDER = f"sender@{VERIFIED_DOMAIN}"
CONFIGURATION_SET = "fuzz-set"
TEMPLATE = "fuzz-template"
EVENT_DESTINATION = "fuzz-destination"
TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:fuzz-topic"

# -- text ------------------------------------------------------------------------------------

_CONTROL = "".join(chr(c) for c in range(32)) + "\x7f"
_TRICKY = [
    "",
    " ",
    "\r",
    "\n",
    "\r\n",
    "\x00",
    "\x01",
    "\x0b",
    "\t",
    "a\r\nBcc: evil@example.org",
    "a\rBcc: evil@example.org",
    "a\nX-Injected: 1",
    "café",
    "caf\xe9",
    "日本語",
    "\u202eevil",
    "\ufeffbom",
    "\ufffe",
    "😀",
    "=?utf-8?b?w6k=?=",
    "=?bogus?q?x?=",
    "<script>alert(1)</script>",
    "]]><x>",
    "&amp;&#1;&#x0;",
    "{{name}}",
    "{{#if x}}y{{/if}}",
    "{{#each}}",
    "{{",
    "%ED%A0%80",
    "%",
    "a" * 300,
]


def _chars(*, surrogates: bool) -> st.SearchStrategy[str]:
    categories = ["L", "M", "N", "P", "S", "Z", "Cc", "Cf"] + (["Cs"] if surrogates else [])
    return st.one_of(
        st.sampled_from(_CONTROL),
        st.characters(min_codepoint=0x80, max_codepoint=0xFF),
        st.characters(categories=categories),  # type: ignore[arg-type]
    )


def hostile_text(*, surrogates: bool = False, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text no SES parameter should take as given, and text that breaks naive encoders."""
    tricky = [t for t in _TRICKY if surrogates or not _has_surrogate(t)]
    return st.one_of(
        st.sampled_from(tricky),
        st.text(_chars(surrogates=surrogates), max_size=max_size),
        st.builds(
            "".join,
            st.lists(st.sampled_from(tricky) | st.text(max_size=5), min_size=2, max_size=4),
        ),
        st.integers(1000, 20_000).map(lambda n: "x" * n),
        *([st.just("lone \ud800 and \udce9")] if surrogates else []),
    )


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def mostly(
    usual: st.SearchStrategy[Any], rare: st.SearchStrategy[Any], odds: int = 6
) -> st.SearchStrategy[Any]:
    """``usual`` about ``odds`` times as often as ``rare`` (and ``usual`` when shrinking)."""
    return st.integers(0, odds).flatmap(lambda pick: rare if pick == odds else usual)


def addresses() -> st.SearchStrategy[str]:
    """Addresses SES accepts, refuses, and that the simulator routes."""
    good = st.sampled_from(
        [
            SENDER,
            f"Sender Name <{SENDER}>",
            f'"Quoted, Name" <{SENDER}>',
            "success@simulator.amazonses.com",
            "bounce@simulator.amazonses.com",
            "complaint+label@simulator.amazonses.com",
            "ooto@simulator.amazonses.com",
            "suppressionlist@simulator.amazonses.com",
            "someone@elsewhere.example",
            f"=?utf-8?b?w6k=?= <{SENDER}>",
        ]
    )
    bad = st.sampled_from(
        [
            "no-at-sign",
            "a@",
            "@b.example",
            "a b@example.com",
            "a@exa mple.com",
            f"Name\r\nBcc: evil@example.org <{SENDER}>",
            f'"Name\rBcc: evil@example.org" <{SENDER}>',
            "ünïcode@example.com",
            "a@ünïcode.example",
            "<>",
            "a@b@c",
            "x" * 330 + "@example.com",
        ]
    )
    glued = st.builds(
        lambda local, tail: f"{local}@{tail}", st.text(max_size=8), st.text(max_size=8)
    )
    return mostly(good, bad | glued)


def template_data() -> st.SearchStrategy[str]:
    values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=6,
    )
    objects = st.dictionaries(
        st.sampled_from(["name", "items", "x", ""]) | st.text(max_size=5), values, max_size=4
    )
    return st.one_of(
        objects.map(json.dumps),
        st.sampled_from(
            ["{}", "[]", "null", "1", '"s"', "{", '{"a":NaN}', "", '{"name": "a\\r\\nBcc: e@x"}']
        ),
    )


def template_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(
            [
                "Hello {{name}}",
                "{{#if x}}yes{{else}}no{{/if}}",
                "{{#each items}}{{this}}{{/each}}",
                "{{> missing}}",
                "{{#with a}}{{b}}{{/with}}",
                "{{name}",
                "{{#if}}",
                "plain text",
            ]
        ),
        hostile_text(),
    )


def charsets() -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            "UTF-8",
            "utf-8",
            "ISO-8859-1",
            "us-ascii",
            "Shift_JIS",
            "utf-16",
            "utf-7",
            "bogus",
            "",
            " ",
            "UTF-8\r\nX: y",
        ]
    ) | hostile_text(max_size=10)


def names(existing: str) -> st.SearchStrategy[str]:
    others = st.sampled_from(["other-name", "a", "A_b-9"]) | hostile_text()
    return mostly(st.just(existing), others, odds=2)


# -- MIME ------------------------------------------------------------------------------------

_HEADER_NAMES = [
    b"X-Custom",
    b"From",
    b"To",
    b"Cc",
    b"Bcc",
    b"Reply-To",
    b"Subject",
    b"Date",
    b"Message-ID",
    b"MIME-Version",
    b"Content-Type",
    b"Content-Transfer-Encoding",
    b"Content-Disposition",
    b"X-SES-CONFIGURATION-SET",
    b"X-SES-MESSAGE-TAGS",
    b"From ",
    b"",
    b"Bad Name",
    b"\xff\xfe",
]
_HEADER_VALUES = [
    SENDER.encode(),
    b"success@simulator.amazonses.com",
    b"bounce@simulator.amazonses.com, someone@elsewhere.example",
    b"Caf\xc3\xa9 <sender@example.com>",
    b"caf\xe9",
    b"caf\xc3\xa9",
    b"=?utf-8?q?caf=C3=A9?=",
    b"=?x-unknown?q?a?=",
    CONFIGURATION_SET.encode(),
    b"campaign=c1, other=x",
    b"text/plain; charset=bogus",
    b"text/plain; charset=iso-8859-1",
    b"text/html",
    b'multipart/mixed; boundary="b1"',
    b"multipart/alternative; boundary=b1",
    b"multipart/mixed",
    b"base64",
    b"quoted-printable",
    b"8bit",
    b'attachment; filename="f\xe9.txt"',
    b"",
    b"\x00\x01",
    b"a\rb",
    b"folded\r\n value",
    b"x" * 2000,
]
_BODIES = [
    b"plain body\r\n",
    b"caf\xe9 8-bit body\r\n",
    b"=C3=A9 =\r\nsoft break =ZZ\r\n",
    b"w6k=\r\n",
    b"!!!not base64!!!\r\n",
    b"--b1\r\nContent-Type: text/plain\r\n\r\npart one\r\n"
    b"--b1\r\nContent-Type: text/html\r\n\r\n<p>two</p>\r\n--b1--\r\n",
    b"--b1\r\nContent-Type: multipart/alternative; boundary=b2\r\n\r\n--b2\r\n\r\nx\r\n--b1--\r\n",
    b"--b1\r\nContent-Disposition: attachment; filename=a.bin\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b1--\r\n",
    b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\r\n",
    b"",
    b".\r\n..\r\n",
]


@st.composite
def mime_messages(draw: st.DrawFn) -> bytes:
    """Raw MIME: a header block (often with From), a separator, a body; all of it may be
    malformed: 8-bit header bytes, bare CR or LF, lines without a colon, broken parts."""
    lines: list[bytes] = []
    if draw(st.integers(0, 4)) != 4:  # the simplest message has a From
        lines.append(
            b"From: " + draw(st.sampled_from([SENDER.encode(), b"Name <sender@example.com>", b"x"]))
        )
    if draw(st.integers(0, 3)) != 3:
        lines.append(b"To: success@simulator.amazonses.com")
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(_HEADER_NAMES) | st.binary(max_size=8))
        value = draw(st.sampled_from(_HEADER_VALUES) | st.binary(max_size=20))
        lines.append(name + draw(st.sampled_from([b": ", b":", b" : ", b""])) + value)
    newline = draw(st.sampled_from([b"\r\n", b"\n", b"\r"]))
    body = draw(st.sampled_from(_BODIES) | st.binary(max_size=60))
    separator = draw(st.sampled_from([newline, newline, b""]))
    return newline.join(lines) + newline + separator + body


# -- shapes ----------------------------------------------------------------------------------

# hints by shape name: what a plausible value of this shape looks like
_ADDRESS_SHAPES = {"Address", "EmailAddress", "FromAddress", "Identity", "Domain"}
_TEMPLATE_DATA_SHAPES = {"TemplateData", "EmailTemplateData"}
_TEMPLATE_TEXT_SHAPES = {
    "SubjectPart",
    "TextPart",
    "HtmlPart",
    "EmailTemplateSubject",
    "EmailTemplateText",
    "EmailTemplateHtml",
    "MessageData",
}
_NAME_HINTS = {
    "ConfigurationSetName": CONFIGURATION_SET,
    "TemplateName": TEMPLATE,
    "EmailTemplateName": TEMPLATE,
    "EventDestinationName": EVENT_DESTINATION,
    "MessageTagName": "campaign",
    "MessageTagValue": "c1",
}


@dataclass(frozen=True)
class _Where:
    protocol: str  # "query" or "rest-json"
    in_body: bool  # carried in a JSON body (where lone surrogates survive the wire)

    @property
    def surrogates(self) -> bool:
        return self.protocol == "rest-json" and self.in_body


@cache
def service_model(service: str) -> ServiceModel:
    return botocore.session.get_session().get_service_model(service)


def operation_names(service: str) -> list[str]:
    return sorted(service_model(service).operation_names)


def operation_params(service: str, operation: str) -> st.SearchStrategy[dict[str, Any]]:
    """Parameters for ``operation`` as a boto3 call takes them (validation off)."""
    return _operation_params(service, operation)


@cache
def _operation_params(service: str, operation: str) -> st.SearchStrategy[dict[str, Any]]:
    model = service_model(service)
    shape = model.operation_model(operation).input_shape
    if shape is None:
        return st.just({})
    where = _Where(model.metadata["protocol"], in_body=True)
    # members that pick the endpoint (EndpointId): botocore refuses bad ones itself
    endpoint = {member for _, member in _context_params(model, operation)}
    params = _structure(shape, where, depth=0, top=True)
    return params.map(lambda drawn: {k: v for k, v in drawn.items() if k not in endpoint})


def _context_params(model: ServiceModel, operation: str) -> list[tuple[str, str]]:
    op = model.operation_model(operation)
    return [(param.name, param.member_name) for param in op.context_parameters]


def _structure(
    shape: StructureShape, where: _Where, depth: int, top: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    if shape.is_document_type:
        return st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2)
    if depth > _MAX_DEPTH:
        return st.just({})
    members: dict[str, st.SearchStrategy[Any]] = {}
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        if top and location in ("uri", "querystring", "header"):
            member_where = _Where(where.protocol, in_body=False)
        else:
            member_where = where
        members[name] = _shape(member, member_where, depth + 1)
    required = set(shape.required_members)
    # botocore cannot build a URL without its labels: those are always drawn
    labels = {
        name
        for name, member in shape.members.items()
        if top and member.serialization.get("location") == "uri"
    }

    optional = [name for name in members if name not in required and name not in labels]
    # about one and a half optional members per structure, at least one when none is required
    odds = max(2, round(len(optional) / 1.5))

    @st.composite
    def structures(draw: st.DrawFn) -> dict[str, Any]:
        # mostly well-formed, so that requests get past validation to what lies behind it
        careless = draw(st.integers(0, 7)) == 7  # then required members may be missing
        drawn: dict[str, Any] = {}
        for name, strategy in members.items():
            if name in labels:
                wanted = True
            elif name in required:
                wanted = not careless or draw(st.booleans())
            else:
                wanted = draw(st.integers(0, odds - 1)) == 0
            if wanted:
                drawn[name] = draw(strategy)
        if not drawn and optional and not careless:
            name = draw(st.sampled_from(optional))
            drawn[name] = draw(members[name])
        return drawn

    return structures()


_MAX_DEPTH = 7


def _shape(shape: Shape, where: _Where, depth: int) -> st.SearchStrategy[Any]:
    if isinstance(shape, StructureShape):
        return st.deferred(lambda: _structure(shape, where, depth))
    if isinstance(shape, ListShape):
        limit = shape.metadata.get("max")
        item = _shape(shape.member, where, depth + 1)
        return st.lists(item, max_size=min(4, limit + 1) if limit is not None else 4)
    if isinstance(shape, MapShape):
        key = _shape(shape.key, where, depth + 1)
        return st.dictionaries(key, _shape(shape.value, where, depth + 1), max_size=3)
    return _scalar(shape, where)


def _scalar(shape: Shape, where: _Where) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    meta = shape.metadata
    if kind == "string":
        return _string(shape, where)
    if kind == "blob":
        if shape.name == "RawMessageData":
            return mime_messages()
        return st.binary(max_size=40)
    if kind == "boolean":
        return st.booleans()
    if kind in ("integer", "long"):
        low, high = meta.get("min"), meta.get("max")
        edges = [v for v in (low, high) if v is not None]
        around = [e + d for e in edges for d in (-1, 0, 1)]
        return st.sampled_from([0, -1, 1, 2**31, -(2**63), 10**20, *around]) | st.integers(
            -1000, 100_000
        )
    if kind in ("float", "double"):
        return st.floats(
            allow_nan=where.protocol == "query", allow_infinity=True
        ) | st.sampled_from([0.0, -1.0, 1e20, 1e-9])
    if kind == "timestamp":
        return st.datetimes(
            min_value=datetime(1970, 1, 2),
            max_value=datetime(9000, 1, 1),
            timezones=st.just(timezone.utc),
        )
    return st.nothing()


def _string(shape: Shape, where: _Where) -> st.SearchStrategy[str]:
    meta = shape.metadata
    name = shape.name
    hostile = hostile_text(surrogates=where.surrogates)
    options: list[st.SearchStrategy[str]] = []
    if name in _ADDRESS_SHAPES:
        options.append(addresses())
    if name in ("Identity", "Domain"):
        options.append(st.just(VERIFIED_DOMAIN))
    if name in _TEMPLATE_DATA_SHAPES:
        options += [template_data(), template_data()]
    if name in _TEMPLATE_TEXT_SHAPES:
        options.append(template_text())
    if name == "Charset":
        options.append(charsets())
    if name in _NAME_HINTS:
        options += [names(_NAME_HINTS[name])]
    if name == "AmazonResourceName":
        options.append(
            st.sampled_from(
                [TOPIC_ARN, f"arn:aws:ses:us-east-1:123456789012:identity/{VERIFIED_DOMAIN}"]
            )
        )
    enum = shape.enum
    if enum:
        options += [st.sampled_from(list(enum))] * 3
    pattern = meta.get("pattern")
    if pattern and _usable_pattern(pattern):
        options.append(st.from_regex(pattern, fullmatch=True).filter(lambda s: len(s) < 200))
    if not options:
        options.append(
            st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=12)
        )
    return mostly(st.one_of(*options), hostile)


def _usable_pattern(pattern: str) -> bool:
    """Java's regular expressions mostly read the same in Python (``\\uXXXX`` included)."""
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True
