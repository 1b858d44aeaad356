"""SNS message signing: one RSA key and self-signed certificate per process, the
certificate's URL, and the string to sign that SNS documents.

The key is derived from a fixed seed, so the certificate, its URL and every
signature repeat byte for byte from run to run (RSA PKCS#1 v1.5 signatures are
deterministic). It is made lazily, on the first signature, and then cached.
"""

from __future__ import annotations

import base64
import random
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

_KEY_SEED = "pytest-sessim SNS signing key, version 1"
_KEY_BITS = 2048
_EXPONENT = 65537
_MR_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)

#: keys of a Notification that are signed, in signing order (Subject only if present)
NOTIFICATION_KEYS = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
#: keys of a SubscriptionConfirmation / UnsubscribeConfirmation that are signed
CONFIRMATION_KEYS = (
    "Message",
    "MessageId",
    "SubscribeURL",
    "Timestamp",
    "Token",
    "TopicArn",
    "Type",
)
#: the certificate host pattern AWS's own message validators accept
CERT_HOST_PATTERN = re.compile(r"^sns\.[a-zA-Z0-9\-]{3,}\.amazonaws\.com(\.cn)?$")
CERT_PATH_PATTERN = re.compile(r"^/SimpleNotificationService-([0-9a-f]{32})\.pem$")


@dataclass(frozen=True)
class SigningMaterial:
    key: rsa.RSAPrivateKey
    certificate_pem: bytes
    cert_id: str


_lock = threading.Lock()
_material: SigningMaterial | None = None


def material() -> SigningMaterial:
    """The process's signing key and certificate (made on first use)."""
    global _material
    if _material is None:
        with _lock:
            if _material is None:
                _material = _make_material()
    return _material


def sns_domain(region: str) -> str:
    return "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"


def sns_host(region: str) -> str:
    return f"sns.{region}.{sns_domain(region)}"


def cert_url(region: str) -> str:
    return f"https://{sns_host(region)}/SimpleNotificationService-{material().cert_id}.pem"


def pem_for(host: str, path: str) -> bytes | None:
    """The certificate, if ``host``/``path`` name this process's certificate URL."""
    found = CERT_PATH_PATTERN.match(path)
    if found is None or CERT_HOST_PATTERN.match(host) is None:
        return None
    current = _material
    if current is None or found.group(1) != current.cert_id:
        return None
    return current.certificate_pem


def string_to_sign(envelope: Mapping[str, str]) -> str:
    """``"<Key>\\n<Value>\\n"`` for each signed key present, in SNS's fixed order."""
    keys = NOTIFICATION_KEYS if envelope.get("Type") == "Notification" else CONFIRMATION_KEYS
    return "".join(f"{key}\n{envelope[key]}\n" for key in keys if key in envelope)


def sign(envelope: Mapping[str, str], version: str = "1") -> str:
    """Base64 RSA signature: SHA1withRSA for version "1", SHA256withRSA for "2"."""
    algorithm: hashes.HashAlgorithm = hashes.SHA256() if version == "2" else hashes.SHA1()
    signature = material().key.sign(
        string_to_sign(envelope).encode("utf-8"), padding.PKCS1v15(), algorithm
    )
    return base64.b64encode(signature).decode("ascii")


# key and certificate ---------------------------------------------------------------
def _small_primes(limit: int) -> list[int]:
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b"\0\0"
    for number in range(2, int(limit**0.5) + 1):
        if sieve[number]:
            sieve[number * number :: number] = bytearray(
                len(range(number * number, limit + 1, number))
            )
    return [number for number in range(3, limit + 1) if sieve[number]]


def _probably_prime(candidate: int) -> bool:
    """Miller-Rabin with fixed bases (plenty for random candidates of this size)."""
    odd, twos = candidate - 1, 0
    while odd % 2 == 0:
        odd //= 2
        twos += 1
    for base in _MR_BASES:
        value = pow(base, odd, candidate)
        if value in (1, candidate - 1):
            continue
        for _ in range(twos - 1):
            value = pow(value, 2, candidate)
            if value == candidate - 1:
                break
        else:
            return False
    return True


def _prime(bits: int, rng: random.Random, small: list[int], window: int = 8192) -> int:
    """A prime of exactly ``bits`` bits: sieve a window of odd numbers, then test."""
    while True:
        start = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        composite = bytearray(window)  # index i stands for start + 2*i
        for small_prime in small:
            first = (-(start % small_prime) * ((small_prime + 1) // 2)) % small_prime
            composite[first::small_prime] = b"\1" * len(range(first, window, small_prime))
        for index in range(window):
            candidate = start + 2 * index
            if composite[index] or (candidate - 1) % _EXPONENT == 0:
                continue
            if _probably_prime(candidate):
                return candidate


def _make_key() -> rsa.RSAPrivateKey:
    rng = random.Random(_KEY_SEED)
    small = _small_primes(20_000)
    half = _KEY_BITS // 2
    while True:
        p, q = _prime(half, rng, small), _prime(half, rng, small)
        if p != q and (p * q).bit_length() == _KEY_BITS:
            break
    p, q = max(p, q), min(p, q)
    d = pow(_EXPONENT, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(
        p=p,
        q=q,
        d=d,
        dmp1=rsa.rsa_crt_dmp1(d, p),
        dmq1=rsa.rsa_crt_dmq1(d, q),
        iqmp=rsa.rsa_crt_iqmp(p, q),
        public_numbers=rsa.RSAPublicNumbers(_EXPONENT, p * q),
    )
    return numbers.private_key()


def _make_material() -> SigningMaterial:
    key = _make_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Washington"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, "Seattle"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Amazon.com, Inc."),
            x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com"),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(0x5E5517)
        .not_valid_before(datetime(2000, 1, 1, tzinfo=timezone.utc))
        .not_valid_after(datetime(2099, 12, 31, 23, 59, 59, tzinfo=timezone.utc))
        .sign(key, hashes.SHA256())
    )
    cert_id = certificate.fingerprint(hashes.SHA256()).hex()[:32]
    return SigningMaterial(
        key=key,
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM),
        cert_id=cert_id,
    )
