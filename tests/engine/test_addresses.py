"""Address validation: SES's (JavaMail's) error texts, display-name forms, simulator matching."""

from __future__ import annotations

import pytest

from pytest_sessim.engine.errors import ErrorKind, SesError
from pytest_sessim.engine.mail.addresses import (
    SIMULATOR_DOMAIN,
    Mailbox,
    domain_of,
    parse_address_list,
    parse_mailbox,
    simulator_local_part,
)


def error_text(text: str) -> str:
    with pytest.raises(SesError) as caught:
        parse_mailbox(text)
    assert caught.value.kind is ErrorKind.INVALID_PARAMETER
    return caught.value.message


def list_error_text(header_value: str) -> str:
    with pytest.raises(SesError) as caught:
        parse_address_list(header_value)
    assert caught.value.kind is ErrorKind.INVALID_PARAMETER
    return caught.value.message


# --- accepted forms --------------------------------------------------------------------------


def test_bare_address() -> None:
    assert parse_mailbox("user@example.com") == Mailbox(
        "user@example.com", "user@example.com", "user", "example.com"
    )


def test_name_and_angle_address_keeps_case_and_label() -> None:
    box = parse_mailbox("Jane <jane+x@Example.com>")
    assert box == Mailbox(
        "Jane <jane+x@Example.com>", "jane+x@Example.com", "jane+x", "Example.com"
    )


def test_quoted_name_with_comma() -> None:
    box = parse_mailbox('"Doe, Jane" <jane@example.com>')
    assert box.address == "jane@example.com"
    assert box.display == '"Doe, Jane" <jane@example.com>'


def test_unquoted_multi_word_name() -> None:
    assert parse_mailbox("Jane Q. Doe <jane@example.com>").address == "jane@example.com"


def test_rfc2047_encoded_name() -> None:
    box = parse_mailbox("=?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= <jorg@example.com>")
    assert (box.local, box.domain) == ("jorg", "example.com")


def test_non_ascii_display_name_is_not_checked() -> None:
    assert parse_mailbox("Jörg Müller <jorg@example.com>").address == "jorg@example.com"


def test_comment_as_name() -> None:
    assert parse_mailbox("jane@example.com (Jane Doe)").address == "jane@example.com"


def test_angle_address_alone() -> None:
    assert parse_mailbox("<jane@example.com>").address == "jane@example.com"


def test_display_is_the_text_as_given() -> None:
    assert parse_mailbox("  Jane   <jane@example.com>  ").display == "  Jane   <jane@example.com>  "


def test_quoted_local_part() -> None:
    box = parse_mailbox('"jane doe"@example.com')
    assert (box.local, box.domain) == ('"jane doe"', "example.com")


def test_domain_literal() -> None:
    assert parse_mailbox("jane@[192.0.2.1]").domain == "[192.0.2.1]"


def test_route_addr_is_not_part_of_local() -> None:
    box = parse_mailbox("<@relay.example,@other.example:jane@example.com>")
    assert (box.local, box.domain) == ("jane", "example.com")


def test_local_part_dots_are_not_checked_javamail_1_5() -> None:
    assert parse_mailbox(".jane..doe.@example.com").local == ".jane..doe."


def test_plus_and_other_atext() -> None:
    assert parse_mailbox("a!#$%&'*+/=?^_`{|}~-b@example.com").local == "a!#$%&'*+/=?^_`{|}~-b"


def test_repeated_calls_are_equal() -> None:
    assert parse_mailbox("Jane <jane@example.com>") == parse_mailbox("Jane <jane@example.com>")


# --- every error text, with an input that produces it ---------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jane", "Missing final '@domain'"),
        ("Jane <jane>", "Missing final '@domain'"),
        ("=?UTF-8?B?amFuZUBleGFtcGxlLmNvbQ==?=", "Missing final '@domain'"),
        ("jane@", "Missing domain"),
        ("@example.com", "Missing local name"),
        ("jane doe@example.com", "Local address contains control or whitespace"),
        ('"Karen, Chan" <karen @example.com>', "Local address contains control or whitespace"),
        ("jane\x01@example.com", "Local address contains control or whitespace"),
        ("dån@example.com", "Local address contains control or whitespace"),
        ("myemail+✖@gmail.com", "Local address contains control or whitespace"),
        ("github:haiodo", "Local address contains illegal character"),
        ("github:jane@example.com", "Local address contains illegal character"),
        ("jane@exa mple.com", "Domain contains control or whitespace"),
        ("jane@exämple.com", "Domain contains control or whitespace"),
        ("jane@exa_mple.com", "Domain contains illegal character"),
        ("jane@exa+mple.com", "Domain contains illegal character"),
        ("jane@.example.com", "Domain starts with dot"),
        ("jane@example..com", "Domain contains dot-dot"),
        ("jane@example.com.", "Domain ends with dot"),
        ("jane@x[192.0.2.1]", "Domain literal not at start of domain"),
        ("jane@[192.0.2.1]x", "Domain literal end not at end of domain"),
        ("Karen, Chan <karen@example.com>", "Illegal address"),
        ("a@example.com, b@example.com", "Illegal address"),
        ("", "Illegal address"),
        ("   ", "Illegal address"),
        ("undisclosed-recipients:;", "Illegal address"),
        ("A <a@example.com> <b@example.com>", "Extra route-addr"),
        ("<@relay.example,x:jane@example.com>", "Illegal route-addr"),
        ("Jane <>", "Empty address"),
        ('Encuesta "Mejora del =?UTF-8?B?RGVzZW1w?= <a@example.com>', "Missing '\"'"),
        ('"jane@example.com', "Missing '\"'"),
        ('Jane <"jane@example.com>', "Missing '\"'"),
        ("Jane <jane@example.com", "Missing '>'"),
        ("Jane jane@example.com>", "Missing '<'"),
        ("jane@example.com (Jane", "Missing ')'"),
        ("jane@example.com Jane)", "Missing '('"),
        ("jane@[192.0.2.1", "Missing ']'"),
        ("jane@example.com;", "Illegal semicolon, not in group"),
        ("team: inner: jane@example.com;;", "Nested group"),
        ('ja"ne"@example.com', "Quote not at start of local address"),
        ('"ja"ne@example.com', "Quote not at end of local address"),
        ('"ja\rne"@example.com', "Quoted local address contains CR without LF"),
        ('"ja\nne"@example.com', "Quoted local address contains newline without whitespace"),
        ('"ja\\"ne@example.com', "Missing '\"'"),
        ('\\\\"x"@example.com', "Unterminated quote"),
    ],
)
def test_error_text(text: str, message: str) -> None:
    assert error_text(text) == message


def test_unquoted_crlf_in_display_name() -> None:
    text = "We are full, email\r\n them - Winter <noreply@example.com>"
    assert error_text(text) == "Local address contains control or whitespace"


# --- the 320-character limit ----------------------------------------------------------------


def address_of_length(length: int) -> str:
    return "a" * (length - len("@example.com")) + "@example.com"


def test_320_characters_is_allowed() -> None:
    assert parse_mailbox(address_of_length(320)).domain == "example.com"


def test_321_characters_is_refused_with_the_address() -> None:
    text = address_of_length(321)
    assert error_text(text) == f"Address length is more than 320 characters long: '{text}'."


def test_length_counts_the_name_without_callers_quotes() -> None:
    suffix = " <sender@example.com>"
    name = "N" * (320 - len(suffix))
    assert parse_mailbox(f'"{name}"{suffix}').address == "sender@example.com"
    longer = f"{name}N{suffix}"
    assert error_text(f'"{name}N"{suffix}') == (
        f"Address length is more than 320 characters long: '{longer}'."
    )


def test_length_quotes_a_name_that_needs_quoting() -> None:
    suffix = " <sender@example.com>"
    name = "山" * (320 - len(suffix) - 1)
    assert error_text(name + suffix) == (
        f"Address length is more than 320 characters long: '\"{name}\"{suffix}'."
    )


def test_length_counts_utf16_units() -> None:
    suffix = " <sender@example.com>"
    emoji = (320 - len(suffix) - 2) // 2
    assert parse_mailbox("😀" * emoji + suffix).domain == "example.com"
    assert error_text("😀" * (emoji + 1) + suffix).startswith("Address length is more than 320")


def test_angle_only_address_is_reported_bare() -> None:
    text = address_of_length(321)
    assert error_text(f"<{text}>") == f"Address length is more than 320 characters long: '{text}'."


def test_syntax_is_checked_before_length() -> None:
    assert error_text("a" * 400 + "@exa mple.com") == "Domain contains control or whitespace"


# --- header lists ---------------------------------------------------------------------------


def test_list_with_quoted_comma_comment_and_groups() -> None:
    header = (
        'a@example.com, "Doe, Jane" <jane@example.com> (the boss),'
        " undisclosed-recipients:;, team: m1@example.com, M2 <m2@example.com>;"
    )
    boxes = parse_address_list(header)
    assert [box.address for box in boxes] == [
        "a@example.com",
        "jane@example.com",
        "m1@example.com",
        "m2@example.com",
    ]
    assert boxes[1].display == '"Doe, Jane" <jane@example.com> (the boss)'
    assert boxes[3].display == "M2 <m2@example.com>"


def test_list_of_only_an_empty_group_is_empty() -> None:
    assert parse_address_list("undisclosed-recipients:;") == []
    assert parse_address_list("") == []


def test_list_unfolds_header_lines() -> None:
    boxes = parse_address_list("Jane\r\n <jane@example.com>,\r\n\tbob@example.com")
    assert [box.display for box in boxes] == ["Jane <jane@example.com>", "bob@example.com"]


def test_list_error_texts() -> None:
    assert list_error_text("a@example.com, bob") == "Missing final '@domain'"
    assert list_error_text("team: bob;") == "Missing final '@domain'"
    assert list_error_text("a@example.com, b c@example.com") == (
        "Local address contains control or whitespace"
    )
    assert list_error_text("a@example.com; b@example.com") == "Illegal semicolon, not in group"
    long = address_of_length(321)
    assert list_error_text(f"a@example.com, {long}") == (
        f"Address length is more than 320 characters long: '{long}'."
    )


# --- mailbox simulator ----------------------------------------------------------------------


def test_simulator_local_part_strips_label_and_case() -> None:
    assert simulator_local_part("Bounce+Tag@Simulator.AmazonSES.com") == "bounce"
    assert simulator_local_part("SUCCESS@SIMULATOR.AMAZONSES.COM") == "success"
    assert simulator_local_part("complaint+a+b@simulator.amazonses.com") == "complaint"
    assert simulator_local_part(f"ooto@{SIMULATOR_DOMAIN}") == "ooto"


def test_simulator_matching_is_exact_not_substring() -> None:
    assert simulator_local_part("nobounce@simulator.amazonses.com") == "nobounce"
    assert simulator_local_part("bounce@example.com") is None
    assert simulator_local_part("bounce@simulator.amazonses.com.example.com") is None
    assert simulator_local_part("bounce@mail.simulator.amazonses.com") is None
    assert simulator_local_part("bounce") is None


def test_simulator_local_part_of_a_parsed_mailbox() -> None:
    box = parse_mailbox("Tester <Bounce+run1@simulator.amazonses.com>")
    assert simulator_local_part(box.address) == "bounce"


def test_domain_of() -> None:
    assert domain_of("Jane+x@Example.COM") == "example.com"
    assert domain_of('"a@b"@Example.com') == "example.com"
    assert domain_of("nodomain") == ""
