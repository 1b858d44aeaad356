"""SES v1 on the wire: the AWS Query protocol, driven by the botocore service model.

Requests are form-encoded ``Action=...&Name.Member=...`` pairs (``query_decode``);
responses are XML documents wrapped in ``<{Op}Response><{Op}Result>`` (``query_encode``).
Every shape is turned into a small decode or encode plan the first time it is needed, and
the plans are cached per model.
"""

from __future__ import annotations

from .query_decode import decode_query
from .query_encode import SES_XML_NAMESPACE, encode_query_error, encode_query_result

__all__ = [
    "SES_XML_NAMESPACE",
    "decode_query",
    "encode_query_error",
    "encode_query_result",
]
