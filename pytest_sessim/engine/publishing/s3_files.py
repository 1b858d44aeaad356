"""Where SES puts the files it writes for an account (export files, failed import
records), and the pre-signed URLs it hands out for them.

SES writes them to a bucket it manages: here a bucket per Region in a separate
"SES" account, so the account's own ``ListBuckets`` does not show it, while its
pre-signed URL (AWS Signature Version 4, signed with the simulator's own keys, valid
for five minutes) downloads the file through moto's S3 with ``requests`` or boto3.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timezone
from urllib.parse import quote

from .deliveries import S3Object

SES_ACCOUNT_ID = "999999999999"
_ACCESS_KEY = "AKIASESSIMULATOREXPT"
_SECRET_KEY = "sessim/ses-managed/export-files/not-a-secret"
EXPIRES_SECONDS = 300


def bucket_for(region: str) -> str:
    return f"ses-managed-files-{region}"


def file_for(region: str, key: str, body: bytes, content_type: str) -> S3Object:
    return S3Object(bucket_for(region), key, body, content_type, SES_ACCOUNT_ID, region)


def _sign(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def presigned_url(bucket: str, key: str, region: str, at: datetime) -> str:
    """A SigV4 pre-signed GET URL for ``s3://bucket/key``, signed at ``at``."""
    host = f"{bucket}.s3.{region}.amazonaws.com"
    stamp = at.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    scope = f"{stamp[:8]}/{region}/s3/aws4_request"
    query = "&".join(
        f"{name}={quote(value, safe='')}"
        for name, value in (
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", f"{_ACCESS_KEY}/{scope}"),
            ("X-Amz-Date", stamp),
            ("X-Amz-Expires", str(EXPIRES_SECONDS)),
            ("X-Amz-SignedHeaders", "host"),
        )
    )
    path = "/" + quote(key, safe="/~")
    canonical = f"GET\n{path}\n{query}\nhost:{host}\n\nhost\nUNSIGNED-PAYLOAD"
    to_sign = "\n".join(
        ("AWS4-HMAC-SHA256", stamp, scope, hashlib.sha256(canonical.encode()).hexdigest())
    )
    signing_key = ("AWS4" + _SECRET_KEY).encode()
    for part in (stamp[:8], region, "s3", "aws4_request"):
        signing_key = _sign(signing_key, part)
    signature = hmac.new(signing_key, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"https://{host}{path}?{query}&X-Amz-Signature={signature}"
