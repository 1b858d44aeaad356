"""Verify the signature of an Amazon SNS message, as AWS documents it.

Every webhook recipe (Django, Flask, FastAPI) and the Lambda handler use this one
function. It accepts SignatureVersion "1" (SHA1withRSA) and "2" (SHA256withRSA), the
HTTP/SQS spelling ``SigningCertURL`` and the Lambda spelling ``SigningCertUrl``, and it
only trusts certificates served by SNS itself (https, an ``sns.<region>.amazonaws.com``
host, a ``.pem`` path).
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

# The keys that are signed, in the order AWS signs them; absent keys are skipped.
NOTIFICATION_KEYS = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
CONFIRMATION_KEYS = (
    "Message",
    "MessageId",
    "SubscribeURL",
    "Timestamp",
    "Token",
    "TopicArn",
    "Type",
)
CERT_HOST = re.compile(r"^sns\.[a-zA-Z0-9\-]{3,}\.amazonaws\.com(\.cn)?$")
DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {"1": hashes.SHA1, "2": hashes.SHA256}


class InvalidSnsMessage(Exception):
    """The message is not a genuine SNS message: reject it (HTTP 400/403)."""


def load(body: str | bytes) -> dict[str, Any]:
    """Parse the body of an SNS HTTP(S) POST and verify its signature."""
    try:
        message = json.loads(body)
    except ValueError as error:
        raise InvalidSnsMessage("the body is not JSON") from error
    if not isinstance(message, dict):
        raise InvalidSnsMessage("the body is not a JSON object")
    verify(message)
    return message


def string_to_sign(message: Mapping[str, Any]) -> bytes:
    """``"<Key>\\n<Value>\\n"`` for each signed key present, in AWS's order."""
    kind = message.get("Type")
    keys: tuple[str, ...]
    if kind == "Notification":
        keys = NOTIFICATION_KEYS
    elif kind in ("SubscriptionConfirmation", "UnsubscribeConfirmation"):
        keys = CONFIRMATION_KEYS
    else:
        raise InvalidSnsMessage(f"unknown message type {kind!r}")
    # Lambda events say "Subject": null when there is none; it is not signed then.
    return "".join(
        f"{key}\n{message[key]}\n" for key in keys if message.get(key) is not None
    ).encode()


def verify(message: Mapping[str, Any]) -> None:
    """Raise InvalidSnsMessage unless ``message`` carries a valid SNS signature."""
    digest = DIGESTS.get(str(message.get("SignatureVersion")))
    if digest is None:
        raise InvalidSnsMessage(f"unsupported SignatureVersion {message.get('SignatureVersion')!r}")
    url = message.get("SigningCertURL") or message.get("SigningCertUrl") or ""
    try:
        signature = base64.b64decode(message.get("Signature", ""), validate=True)
    except (binascii.Error, TypeError) as error:
        raise InvalidSnsMessage("the signature is not base64") from error
    public_key = signing_key(url)
    try:
        public_key.verify(signature, string_to_sign(message), padding.PKCS1v15(), digest())
    except InvalidSignature as error:
        raise InvalidSnsMessage("the signature does not match") from error


@functools.lru_cache(maxsize=8)
def signing_key(url: str) -> rsa.RSAPublicKey:
    """The public key of the certificate at ``url``, fetched once per URL."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not CERT_HOST.match(parts.hostname or ""):
        raise InvalidSnsMessage(f"the certificate is not served by SNS: {url!r}")
    if not parts.path.endswith(".pem"):
        raise InvalidSnsMessage(f"the certificate URL is not a .pem file: {url!r}")
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    key = x509.load_pem_x509_certificate(response.content).public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise InvalidSnsMessage("the certificate does not hold an RSA key")
    return key
