"""The pages' two small scripts and the content security policy that admits exactly them.

Each HTML part is shown in ``<iframe sandbox="allow-same-origin" srcdoc=...>``. The mail
itself can run nothing: the sandbox withholds ``allow-scripts`` (and forms, popups and top
navigation), and the policy, which a ``srcdoc`` frame inherits, admits no script but ours
by hash and loads nothing from anywhere. ``allow-same-origin`` lets *the page's* script
read the frame's height so the frame fits its mail; the combination browsers warn about is
``allow-scripts`` with ``allow-same-origin`` (a framed script could then lift its own
sandbox), which is never granted. The alternative, a measuring script inside the frame,
would need ``allow-scripts`` there and leave the mail's own scripts stopped by the policy
alone. Without JavaScript the frames keep the style sheet's fixed height.

The server page's second script polls a JSON endpoint for the record's version and, when
it changes, fetches the page again and swaps its ``<main>`` in (``connect-src 'self'``).
"""

from __future__ import annotations

import base64
import hashlib

__all__ = ["FIT_FRAMES", "LIVE_UPDATES", "policy"]

# Sizes every HTML-part frame under a root to its document: shrink, measure, set.
FIT_FRAMES = """
(function () {
  var LIMIT = 1600;
  function fit(frame) {
    var doc = frame.contentDocument;
    // not before the mail's own document (a new frame first holds an empty about:blank)
    if (!doc || doc.URL !== "about:srcdoc" || doc.readyState !== "complete") return;
    frame.style.height = "0px";
    var height = doc.documentElement.scrollHeight;
    frame.style.height = Math.min(Math.max(height, 16), LIMIT) + 2 + "px";
  }
  function fitAll(root) {
    var frames = root.querySelectorAll("iframe.html-part");
    for (var i = 0; i < frames.length; i++) {
      (function (frame) {
        frame.addEventListener("load", function () { fit(frame); });
        fit(frame);
      })(frames[i]);
    }
  }
  window.sessimFitFrames = fitAll;
  fitAll(document);
})();
""".strip()

# Polls main[data-poll] for {"version": ...}; redraws <main> when it differs from data-version.
LIVE_UPDATES = """
(function () {
  var main = document.querySelector("main[data-poll]");
  if (!main || !window.fetch || !window.DOMParser) return;
  var every = 1000;
  function redraw() {
    return fetch(location.href, { cache: "no-store" })
      .then(function (reply) { return reply.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        if (!fresh) return;
        var frames = main.querySelectorAll("article[id] iframe.html-part");
        var heights = {};
        for (var i = 0; i < frames.length; i++) {
          heights[frames[i].closest("article").id] = frames[i].style.height;
        }
        var kept = fresh.querySelectorAll("article[id] iframe.html-part");
        for (var j = 0; j < kept.length; j++) {
          var height = heights[kept[j].closest("article").id];
          if (height) kept[j].style.height = height;  // no jump while it loads again
        }
        fresh = document.importNode(fresh, true);
        main.replaceWith(fresh);
        main = fresh;
        if (window.sessimFitFrames) window.sessimFitFrames(main);
      });
  }
  function poll() {
    fetch(main.getAttribute("data-poll"), { cache: "no-store" })
      .then(function (reply) { return reply.json(); })
      .then(function (state) {
        if (state.version !== main.getAttribute("data-version")) return redraw();
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, every); });
  }
  setTimeout(poll, every);
})();
""".strip()

# The page and, inherited, every srcdoc frame may load nothing: mail HTML that points at
# remote images or fonts stays offline (data: images still show).
_BASE = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: tuple[str, ...], connect: bool = False) -> str:
    """The page's policy: nothing loads; ``scripts`` (inline, by hash) run; with
    ``connect``, the page may fetch from its own origin."""
    parts = [_BASE]
    if scripts:
        parts.append("script-src " + " ".join(_hash(script) for script in scripts))
    if connect:
        parts.append("connect-src 'self'")
    return "; ".join(parts)
