"""Open and click tracking: how SES changes the HTML of a message it tracks.

When a message's configuration set publishes Open or Click events, SES adds a 1x1
open-tracking image (where ``{{ses:openTracker}}`` stands, else at the end of the
body) and points each link at its redirect server (links marked ``ses:no-track``
are left alone). The server is the set's custom redirect domain, with the scheme
its HTTPS policy asks for, or SES's own ``r.<region>.awstrack.me`` over HTTPS.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from ..account.state import ConfigurationSet

OPEN_TRACKER = "{{ses:openTracker}}"
_LINK = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?://[^"']+)\2([^>]*>)""", re.I)
_NO_TRACK = re.compile(r"\bses:no-track\b", re.I)


@dataclass(frozen=True)
class Tracking:
    """Where a tracked message's open image and links point (None: not tracked)."""

    open_base: str | None
    click_base: str | None


def tracking_for(configuration_set: ConfigurationSet | None, region: str) -> Tracking | None:
    """How SES tracks a message sent with ``configuration_set`` (None: it does not)."""
    if configuration_set is None:
        return None
    destinations = configuration_set.event_destinations.values()
    opens = any(d.publishes("Open") for d in destinations)
    clicks = any(d.publishes("Click") for d in destinations)
    if not opens and not clicks:
        return None
    custom = configuration_set.options.tracking
    if custom is None:
        domain, open_scheme, click_scheme = f"r.{region}.awstrack.me", "https", "https"
    else:
        policy = custom.https_policy or "OPTIONAL"
        domain = custom.custom_redirect_domain
        open_scheme = "http" if policy == "OPTIONAL" else "https"
        click_scheme = "https" if policy == "REQUIRE" else "http"
    return Tracking(
        f"{open_scheme}://{domain}" if opens else None,
        f"{click_scheme}://{domain}" if clicks else None,
    )


def _token(text: str) -> str:
    return f"{zlib.crc32(text.encode()):08x}"


def tracked_html(html: str, tracking: Tracking, message_id: str) -> str:
    """``html`` as SES delivers it: links through the redirect server, the open image."""
    if tracking.click_base is not None:
        base = tracking.click_base

        def rewrite(match: re.Match[str]) -> str:
            if _NO_TRACK.search(match.group(0)):
                return match.group(0)
            url = match.group(3)
            link = f"{base}/CL0/{quote(url, safe='')}/1/{message_id}/{_token(url)}"
            return f"{match.group(1)}{match.group(2)}{link}{match.group(2)}{match.group(4)}"

        html = _LINK.sub(rewrite, html)
    if tracking.open_base is None:
        return html.replace(OPEN_TRACKER, "")
    image = (
        f'<img alt="" src="{tracking.open_base}/I0/{message_id}/{_token(message_id)}" '
        'style="display: none; width: 1px; height: 1px;">'
    )
    if OPEN_TRACKER in html:
        first = html.index(OPEN_TRACKER)
        return html[:first] + image + html[first:].replace(OPEN_TRACKER, "")
    closing = html.lower().rfind("</body>")
    return html + image if closing < 0 else html[:closing] + image + html[closing:]
