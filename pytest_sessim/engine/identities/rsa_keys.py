"""The size of an RSA private key given in base64 DER (PKCS#1 or PKCS#8), read with the
standard library only: BYODKIM takes keys of 1024 to 2048 bits."""

from __future__ import annotations

import base64
import binascii

_SEQUENCE, _INTEGER, _OCTET_STRING = 0x30, 0x02, 0x04


class InvalidKey(ValueError):
    """Not a DER-encoded RSA private key."""


def _element(data: bytes, at: int) -> tuple[int, bytes, int]:
    """(tag, content, next position) of the DER element at ``at``."""
    if at + 2 > len(data):
        raise InvalidKey("truncated")
    tag, length = data[at], data[at + 1]
    at += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or at + count > len(data):
            raise InvalidKey("bad length")
        length = int.from_bytes(data[at : at + count], "big")
        at += count
    if at + length > len(data):
        raise InvalidKey("truncated")
    return tag, data[at : at + length], at + length


def _children(content: bytes) -> list[tuple[int, bytes]]:
    found: list[tuple[int, bytes]] = []
    at = 0
    while at < len(content):
        tag, inner, at = _element(content, at)
        found.append((tag, inner))
    return found


def _pkcs1_modulus_bits(content: bytes) -> int:
    parts = _children(content)
    if len(parts) < 3 or any(tag != _INTEGER for tag, _ in parts[:3]):
        raise InvalidKey("not an RSA private key")
    return int.from_bytes(parts[1][1], "big").bit_length()


def rsa_key_bits(text: str) -> int:
    """The modulus size of a base64 DER RSA private key; InvalidKey if it is none."""
    try:
        der = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidKey("not base64") from None
    tag, content, end = _element(der, 0)
    if tag != _SEQUENCE or end != len(der):
        raise InvalidKey("not a DER sequence")
    parts = _children(content)
    if len(parts) == 3 and parts[1][0] == _SEQUENCE and parts[2][0] == _OCTET_STRING:
        inner_tag, inner, _ = _element(parts[2][1], 0)  # PKCS#8 wraps a PKCS#1 key
        if inner_tag != _SEQUENCE:
            raise InvalidKey("not an RSA private key")
        return _pkcs1_modulus_bits(inner)
    return _pkcs1_modulus_bits(content)
