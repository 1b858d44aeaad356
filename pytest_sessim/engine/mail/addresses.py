"""E-mail address validation as Amazon SES performs it, with SES's own error texts.

SES checks address parameters (Source, To/Cc/Bcc, ReplyTo, ReturnPath, FromEmailAddress...)
and raw-message address headers with JavaMail's ``InternetAddress`` (strict) and answers
InvalidParameterValue / BadRequestException with the bare AddressException message.  This
re-implements ``InternetAddress.parse(s, strict)``, the one-address constructor ("Illegal
address" unless exactly one) and ``checkAddress(addr, routeAddr, validate)``, with the rules
of JavaMail 1.5.x (it agrees with the 1.5.6 release on randomised inputs): real SES refuses
non-ASCII local parts with "Local address contains control or whitespace" (seen 2016 and
2026), which JavaMail 1.6 no longer does.  Inferred from that version, not observed: no
"Local address starts with dot" / "ends with dot" / "contains dot-dot" (JavaMail 1.6.2),
so ``.a..b.@example.com`` passes; a non-ASCII domain gives "Domain contains control or
whitespace" (one 2022 report agrees; another quoted "Domain contains illegal character",
given here for ASCII other than letters, digits, '-', '.').

Seen in captured real SES answers: "Missing final '@domain'", "Missing domain", "Local
address contains control or whitespace", "Local address contains illegal character",
"Domain contains control or whitespace", "Domain contains illegal character", "Illegal
address" (``Karen, Chan <k@example.com>``), "Missing '"'", "Extra route-addr"; the rest are
JavaMail's texts for the same input.  Length: ``Address length is more than 320 characters
long: '<text>'.``, ``<text>`` being the address as JavaMail renders it (name unquoted and
re-quoted only if needed, ``<addr>`` alone bare), counted in UTF-16 units, 320 allowed
(published probes of another SES emulator; a real SMTP rejection).  Inferred: length is
checked after syntax; a group where one mailbox is expected is an "Illegal address".
Display names are not checked: non-ASCII and RFC 2047 encoded names pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import invalid_parameter

SIMULATOR_DOMAIN = "simulator.amazonses.com"
MAX_ADDRESS_LENGTH = 320

_SPECIALS_NO_DOT = '()<>,;:\\"[]@'
_SPECIALS_NO_DOT_NO_AT = '()<>,;:\\"[]'
_PHRASE_SPECIALS = '()<>@,;:".[]'  # make JavaMail quote a display name it renders
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
# an address JavaMail would accept unchanged: atext-and-dot local part, LDH labels
_PLAIN = re.compile(r"([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)\Z")
_FOLD = re.compile(r"(\r\n|\r|\n)([ \t]*)")
_ROUTE_SEP = re.compile("[,:]")
_QUOTED_PAIR = re.compile(r"\\(.)", re.DOTALL)
_JAVA_TRIM = "".join(map(chr, range(33)))


@dataclass(frozen=True, slots=True)
class Mailbox:
    """One validated mailbox."""

    display: str  # the text as given, e.g. 'Jane <jane+x@Example.com>'
    address: str  # the addr-spec, e.g. 'jane+x@Example.com' (case kept)
    local: str  # 'jane+x'
    domain: str  # 'Example.com'


@dataclass(frozen=True, slots=True)
class _Parsed:
    address: str
    personal: str | None
    display: str
    group: bool


def _to_java(text: str) -> str:
    """The text as Java sees it: characters beyond U+FFFF as two surrogates."""
    if text.isascii() or max(text) <= "\uffff":
        return text
    return "".join(
        c if c <= "\uffff" else chr(0xD7C0 + (ord(c) >> 10)) + chr(0xDC00 + (ord(c) & 0x3FF))
        for c in text
    )


def _from_java(text: str) -> str:
    if text.isascii():
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _jtrim(text: str) -> str:
    """Java's String.trim(): drop characters <= U+0020 at both ends."""
    return text.strip(_JAVA_TRIM)


def _unquote(text: str) -> str:
    quoted = len(text) > 1 and text[0] == '"' and text[-1] == '"'
    return _QUOTED_PAIR.sub(r"\1", text[1:-1]) if quoted else text


def _unfold(text: str) -> str:
    """Join folded header lines the way JavaMail's MimeUtility.unfold does."""
    out: list[str] = []
    pos = 0
    for match in _FOLD.finditer(text):
        brk, brk_end, wsp_end = match.start(), match.end(1), match.end()
        if brk > pos and text[brk - 1] == "\\":  # escaped: drop the backslash, keep the break
            out += (text[pos : brk - 1], match.group(1))
            pos = brk_end
        elif wsp_end > brk_end:  # continuation line: the break and its blanks become one space
            out += (text[pos:brk], " " if brk > pos else "")
            pos = wsp_end
        else:
            out.append(text[pos:brk_end])
            pos = brk_end
    out.append(text[pos:])
    return "".join(out)


def _skip_bracketed(s: str, i: int, close: str, quotes: bool) -> tuple[int, bool]:
    """Scan from s[i] (an opener) to `close`, honouring backslashes (and quotes)."""
    n = len(s)
    inquote = False
    i += 1
    while i < n:
        c = s[i]
        if c == "\\":
            i += 1
        elif quotes and c == '"':
            inquote = not inquote
        elif c == close and not inquote:
            break
        i += 1
    return i, inquote


def _parse(s: str) -> list[_Parsed]:
    """JavaMail's strict InternetAddress.parse; checks each address as it goes."""
    n = len(s)
    out: list[_Parsed] = []
    start = end = sp = ep = -1
    in_group = route_addr = rfc822 = False
    seg = 0
    i = 0
    while i < n:
        c = s[i]
        if c == "(":
            rfc822 = True
            if start >= 0 and end == -1:
                end = i
            opener, nesting = i, 1
            i += 1
            while i < n and nesting > 0:
                cc = s[i]
                if cc == "\\":
                    i += 1
                elif cc == "(":
                    nesting += 1
                elif cc == ")":
                    nesting -= 1
                i += 1
            if nesting > 0:
                raise invalid_parameter("Missing ')'")
            i -= 1
            if sp == -1:
                sp = opener + 1
            if ep == -1:
                ep = i
        elif c == ")":
            raise invalid_parameter("Missing '('")
        elif c == "<":
            rfc822 = True
            if route_addr:
                raise invalid_parameter("Extra route-addr")
            opener = i
            i, inquote = _skip_bracketed(s, i, ">", True)
            if inquote:
                raise invalid_parameter("Missing '\"'")
            if i >= n:
                raise invalid_parameter("Missing '>'")
            if not in_group:
                if start >= 0:
                    sp, ep = start, opener
                start = opener + 1
            route_addr = True
            end = i
        elif c == ">":
            raise invalid_parameter("Missing '<'")
        elif c == '"':
            rfc822 = True
            if start == -1:
                start = i
            i, _ = _skip_bracketed(s, i, '"', False)
            if i >= n:
                raise invalid_parameter("Missing '\"'")
        elif c == "[":
            rfc822 = True
            i, _ = _skip_bracketed(s, i, "]", False)
            if i >= n:
                raise invalid_parameter("Missing ']'")
        elif c in ",;":
            if start >= 0 and in_group and c == ",":
                route_addr = False
            else:
                if start >= 0:
                    if c == ";" and not in_group:
                        raise invalid_parameter("Illegal semicolon, not in group")
                    if in_group:
                        group = _jtrim(s[start : i + 1])  # JavaMail's isGroup: "x:...;"
                        out.append(_Parsed(group, None, "", group.find(":") > 0))
                    else:
                        out.append(_finish(s, start, end, sp, ep, rfc822, route_addr, seg, i))
                    sp = ep = -1
                in_group = route_addr = rfc822 = False
                start = end = -1
                seg = i + 1
        elif c == ":":
            rfc822 = True
            if in_group:
                raise invalid_parameter("Nested group")
            if start == -1:
                start = i
            in_group = True
        elif c not in " \t\r\n" and start == -1:
            start = i
        i += 1
    if start >= 0:
        out.append(_finish(s, start, end, sp, ep, rfc822, route_addr, seg, n))
    return out


def _finish(
    s: str, start: int, end: int, sp: int, ep: int, rfc822: bool, route: bool, seg: int, stop: int
) -> _Parsed:
    addr = _jtrim(s[start : stop if end == -1 else end])
    personal = _unquote(_jtrim(s[sp:ep])) if rfc822 and sp >= 0 else None
    if personal is not None and not _jtrim(personal):
        personal = None
    _check(addr, route, validate=False)
    return _Parsed(addr, personal, _jtrim(s[seg:stop]), False)


def _check(addr: str, route_addr: bool, validate: bool) -> tuple[int, int]:
    """JavaMail's checkAddress; returns (local part start, index of its '@' or -1)."""
    n = len(addr)
    if n == 0:
        raise invalid_parameter("Empty address")
    start = 0
    if route_addr and addr[0] == "@":  # [@domain[,@domain...]:]local@domain
        while (sep := _ROUTE_SEP.search(addr, start)) is not None:
            if addr[start] != "@":
                raise invalid_parameter("Illegal route-addr")
            start = sep.end()
            if sep.group() == ":":
                break
    c = lastc = "\uffff"  # Java's (char) -1
    inquote = False
    i = start
    while i < n:
        lastc, c = c, addr[i]
        i += 1
        if c == "\\" or lastc == "\\":
            continue
        if c == '"':
            if inquote:
                if validate and i < n and addr[i] != "@":
                    raise invalid_parameter("Quote not at end of local address")
                inquote = False
            else:
                if validate and i != 1:
                    raise invalid_parameter("Quote not at start of local address")
                inquote = True
            continue
        if c == "\r" and i < n and addr[i] != "\n":
            raise invalid_parameter("Quoted local address contains CR without LF")
        if c == "\n" and i < n and addr[i] not in " \t":
            raise invalid_parameter("Quoted local address contains newline without whitespace")
        if inquote:
            continue
        if c == "@":
            if i == 1:
                raise invalid_parameter("Missing local name")
            break
        if c <= " " or c >= "\x7f":
            raise invalid_parameter("Local address contains control or whitespace")
        if c in _SPECIALS_NO_DOT:
            raise invalid_parameter("Local address contains illegal character")
    if inquote:
        raise invalid_parameter("Unterminated quote")
    if c != "@":
        if validate:
            raise invalid_parameter("Missing final '@domain'")
        return start, -1
    at = i - 1
    if i >= n:
        raise invalid_parameter("Missing domain")
    if addr[i] == ".":
        raise invalid_parameter("Domain starts with dot")
    inliteral = False
    for k in range(i, n):
        c = addr[k]
        if c == "[":
            if k != i:
                raise invalid_parameter("Domain literal not at start of domain")
            inliteral = True
        elif c == "]":
            if k != n - 1:
                raise invalid_parameter("Domain literal end not at end of domain")
            inliteral = False
        elif c <= " " or c >= "\x7f":
            raise invalid_parameter("Domain contains control or whitespace")
        elif not inliteral:
            if c not in _DOMAIN_CHARS:
                raise invalid_parameter("Domain contains illegal character")
            if c == "." and lastc == ".":
                raise invalid_parameter("Domain contains dot-dot")
        lastc = c
    if lastc == ".":
        raise invalid_parameter("Domain ends with dot")
    return start, at


def _quote_phrase(phrase: str) -> str:
    if '"' in phrase or "\\" in phrase:
        return '"' + phrase.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if any((c < " " and c not in "\r\n\t") or c >= "\x7f" or c in _PHRASE_SPECIALS for c in phrase):
        return f'"{phrase}"'
    return phrase


def _rendered(parsed: _Parsed) -> str:
    """The address as JavaMail's InternetAddress.toString() renders it."""
    if parsed.personal is not None:
        return f"{_quote_phrase(parsed.personal)} <{parsed.address}>"
    if parsed.group or not any(c in _SPECIALS_NO_DOT_NO_AT for c in parsed.address):
        return parsed.address
    return f"<{parsed.address}>"


def _check_length(parsed: _Parsed) -> None:
    text = _rendered(parsed)
    if len(text) > MAX_ADDRESS_LENGTH:  # in UTF-16 units: the text is in Java form
        raise invalid_parameter(
            f"Address length is more than {MAX_ADDRESS_LENGTH} characters long: "
            f"'{_from_java(text)}'."
        )


def _validated(parsed: _Parsed) -> Mailbox:
    local_start, at = _check(parsed.address, True, validate=True)
    _check_length(parsed)
    addr = parsed.address
    parts = (parsed.display, addr, addr[local_start:at], addr[at + 1 :])
    return Mailbox(*(_from_java(part) for part in parts))


def _group_list(parsed: _Parsed) -> list[_Parsed]:
    """A group's members, parsed (and loosely checked) as JavaMail's getGroup does."""
    return _parse(_unfold(parsed.address[parsed.address.index(":") + 1 : -1]))


@lru_cache(maxsize=8192)
def _parse_mailbox(text: str) -> Mailbox:
    plain = _PLAIN.match(text)
    if plain is not None and len(text) <= MAX_ADDRESS_LENGTH:
        return Mailbox(text, text, plain.group(1), plain.group(2))
    parsed = _parse(_to_java(text))
    if len(parsed) != 1:
        raise invalid_parameter("Illegal address")
    only = parsed[0]
    if only.group:
        _group_list(only)
        raise invalid_parameter("Illegal address")
    box = _validated(only)
    return Mailbox(text, box.address, box.local, box.domain)


def parse_mailbox(text: str) -> Mailbox:
    """Validate one address parameter as SES does; SesError(INVALID_PARAMETER) if bad."""
    return _parse_mailbox(text)


def parse_address_list(header_value: str) -> list[Mailbox]:
    """Validate a To/Cc header value; its mailboxes, groups replaced by their members."""
    boxes: list[Mailbox] = []
    for parsed in _parse(_unfold(_to_java(header_value))):
        if parsed.group:
            boxes.extend(_validated(member) for member in _group_list(parsed))
        else:
            boxes.append(_validated(parsed))
    return boxes


def simulator_local_part(address: str) -> str | None:
    """'Bounce+Tag@Simulator.AmazonSES.com' -> 'bounce'; None unless that exact domain."""
    local, at, domain = address.strip().rpartition("@")
    if not at or domain.lower() != SIMULATOR_DOMAIN:
        return None
    return local.partition("+")[0].lower()


def domain_of(address: str) -> str:
    """The lower-cased domain of a bare address ('' when it has no '@')."""
    _, at, domain = address.rpartition("@")
    return domain.lower() if at else ""
