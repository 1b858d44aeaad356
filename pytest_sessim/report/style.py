"""The report's inline style sheet (its content security policy is in scripts.py)."""

from __future__ import annotations

CSS = """
:root {
  color-scheme: light;
  --ink: #1f2933; --muted: #616e7c; --faint: #9aa5b1; --line: #e4e7eb;
  --paper: #ffffff; --ground: #f5f7fa; --accent: #2f5dd0;
  --ok: #1f883d; --ok-bg: #e6f4ea; --bad: #c62828; --bad-bg: #fdecea;
  --warn: #b25e09; --warn-bg: #fff4e0; --info: #2f5dd0; --info-bg: #e8effd;
  --plum: #8e24aa; --plum-bg: #f5e6f8; --grey-bg: #eef0f3;
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--ground); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
    "DejaVu Sans", sans-serif;
}
main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 64px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 22px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 16px; margin: 0; font-family: var(--mono); font-weight: 600;
  word-break: break-all; }
h3 { font-size: 16px; margin: 0; }
.lede { color: var(--muted); margin: 0 0 18px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.chip {
  display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px;
  font-weight: 600; background: var(--grey-bg); color: var(--muted); white-space: nowrap;
}
.t-send { background: var(--grey-bg); color: #3e4c59; }
.t-delivery, .o-passed, .s-ok { background: var(--ok-bg); color: var(--ok); }
.t-bounce, .t-bounce-permanent, .t-reject, .t-rendering-failure, .o-failed, .o-error,
.s-bad { background: var(--bad-bg); color: var(--bad); }
.t-bounce-transient, .t-bounce-undetermined, .t-deliverydelay, .o-xfailed,
.s-warn { background: var(--warn-bg); color: var(--warn); }
.t-complaint { background: var(--plum-bg); color: var(--plum); }
.t-open, .t-click, .o-xpassed { background: var(--info-bg); color: var(--info); }
.o-skipped { background: var(--grey-bg); color: var(--muted); }
nav.toc { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 10px 16px; margin: 0 0 22px; }
nav.toc ol { margin: 0; padding-left: 22px; }
nav.toc li { margin: 3px 0; }
nav.toc code { font-family: var(--mono); font-size: 12.5px; }
section.test { margin: 0 0 30px; }
.test-head { display: flex; flex-wrap: wrap; align-items: center; gap: 10px;
  padding: 0 2px 8px; border-bottom: 2px solid var(--line); margin-bottom: 12px; }
.test-meta { color: var(--muted); font-size: 12.5px; width: 100%; }
.test-meta code, .mono { font-family: var(--mono); font-size: 12.5px; }
article.message { background: var(--paper); border: 1px solid var(--line);
  border-radius: 10px; margin: 0 0 16px; box-shadow: 0 1px 2px rgba(31,41,51,.06);
  overflow: hidden; }
.msg-head { padding: 14px 18px 10px; border-bottom: 1px solid var(--line); }
.msg-head .chips { margin: 6px 0 0; }
.msg-id { color: var(--faint); font-family: var(--mono); font-size: 12px;
  word-break: break-all; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px;
  margin: 10px 0 0; font-size: 13px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; word-break: break-word; }
.msg-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
.content { padding: 14px 18px; border-right: 1px solid var(--line); }
.events { padding: 14px 18px; background: #fbfcfd; }
@media (max-width: 900px) {
  .msg-body { grid-template-columns: 1fr; }
  .content { border-right: 0; border-bottom: 1px solid var(--line); }
}
.label { font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase;
  color: var(--faint); margin: 0 0 6px; }
.part + .part { margin-top: 14px; }
iframe.html-part { display: block; width: 100%; height: 340px; border: 1px solid var(--line);
  border-radius: 6px; background: #fff; resize: vertical; }
pre.text-part { margin: 0; padding: 10px 12px; background: var(--ground);
  border: 1px solid var(--line); border-radius: 6px; font: 12.5px/1.5 var(--mono);
  white-space: pre-wrap; word-break: break-word; max-height: 320px; overflow: auto; }
ul.attachments { list-style: none; margin: 0; padding: 0; }
ul.attachments li { display: flex; gap: 10px; align-items: baseline; padding: 3px 0;
  border-bottom: 1px dashed var(--line); }
ul.attachments .size { color: var(--muted); margin-left: auto; font-size: 12.5px; }
details { margin-top: 12px; }
details > summary { cursor: pointer; color: var(--muted); font-size: 13px; }
table.headers { border-collapse: collapse; width: 100%; margin-top: 6px;
  font: 12px/1.45 var(--mono); }
table.headers th { text-align: left; vertical-align: top; color: var(--muted);
  font-weight: 600; padding: 2px 10px 2px 0; white-space: nowrap; }
table.headers td { padding: 2px 0; word-break: break-all; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 14px;
  border-left: 2px solid var(--line); }
ol.timeline > li { position: relative; margin: 0 0 12px; padding-left: 6px; }
ol.timeline > li::before { content: ""; position: absolute; left: -21px; top: 5px;
  width: 10px; height: 10px; border-radius: 50%; background: var(--faint);
  border: 2px solid var(--paper); }
ol.timeline > li.ev-delivery::before { background: var(--ok); }
ol.timeline > li.ev-bounce-permanent::before, ol.timeline > li.ev-reject::before,
ol.timeline > li.ev-rendering-failure::before { background: var(--bad); }
ol.timeline > li.ev-bounce-transient::before, ol.timeline > li.ev-bounce-undetermined::before,
ol.timeline > li.ev-deliverydelay::before { background: var(--warn); }
ol.timeline > li.ev-complaint::before { background: var(--plum); }
ol.timeline > li.ev-open::before, ol.timeline > li.ev-click::before { background: var(--info); }
.when { color: var(--muted); font-size: 12px; font-family: var(--mono); margin-left: 6px; }
.who { font-size: 12.5px; overflow-wrap: anywhere; }
.detail { color: var(--muted); font-size: 12.5px; word-break: break-word; }
ul.outputs { list-style: none; margin: 4px 0 0; padding: 0; font-size: 12px; }
ul.outputs li { margin: 2px 0; color: var(--muted); overflow-wrap: anywhere; }
ul.outputs .chip { font-size: 11px; padding: 0 7px; }
.empty { color: var(--faint); font-style: italic; }
table.refused { border-collapse: collapse; width: 100%; background: var(--paper);
  border: 1px solid var(--line); border-radius: 10px; font-size: 13px; }
table.refused th, table.refused td { text-align: left; padding: 6px 10px;
  border-bottom: 1px solid var(--line); vertical-align: top; }
table.refused th { color: var(--muted); font-weight: 600; }
"""
