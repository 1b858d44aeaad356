"""SES template rendering: Handlebars constructs, escaping, missing attributes, data, syntax."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pytest_sessim.engine.errors import ErrorKind, SesError
from pytest_sessim.engine.templates import parser as handlebars
from pytest_sessim.engine.templates.template import (
    RenderedContent,
    RenderError,
    TemplateContent,
    check_inline_template,
    check_template_syntax,
    parse_template_data,
    render,
    render_part,
)


def r(source: str, data: dict[str, Any] | None = None, **kwargs: Any) -> str:
    return render_part(source, {} if data is None else data, **kwargs)


def failure(source: str, data: dict[str, Any] | None = None) -> str:
    with pytest.raises(RenderError) as info:
        r(source, data)
    return info.value.message


def missing(name: str) -> str:
    return f"Attribute '{name}' is not present in the rendering data."


# --- variables and paths ---------------------------------------------------------------


def test_simple_variable() -> None:
    assert r("Hello {{name}}!", {"name": "Ann"}) == "Hello Ann!"
    assert r("Hello {{ name }}!", {"name": "Ann"}) == "Hello Ann!"


def test_dotted_and_slashed_paths() -> None:
    data = {"a": {"b": {"c": "deep"}}}
    assert r("{{a.b.c}} {{a/b/c}}", data) == "deep deep"


def test_this_and_dot() -> None:
    assert r("{{#with a}}{{this}}|{{.}}|{{this.b}}|{{./b}}{{/with}}", {"a": {"b": 1}}) == (
        "[object Object]|[object Object]|1|1"
    )
    assert r("{{#each xs}}{{this}}{{.}}{{/each}}", {"xs": ["p", "q"]}) == "ppqq"


def test_segment_literals_and_array_index() -> None:
    data = {"odd key": {"x-y": "v"}, "xs": ["a", "b"]}
    assert r("{{[odd key].[x-y]}} {{xs.[1]}} {{xs.length}}", data) == "v b 2"


def test_root_and_parent_access() -> None:
    data = {"top": "T", "outer": [{"inner": ["a", "b"], "n": 1}]}
    source = (
        "{{#each outer}}{{#each inner}}{{this}}{{../n}}{{../../top}}{{@root.top}} {{/each}}"
        "{{/each}}"
    )
    assert r(source, data) == "a1TT b1TT "


def test_value_formatting_like_javascript() -> None:
    data = {"i": 3, "f": 2.0, "g": 2.5, "t": True, "no": False, "l": [1, "a", None], "o": {}}
    assert r("{{i}} {{f}} {{g}} {{t}} {{no}} {{l}} {{o}}", data) == (
        "3 2 2.5 true false 1,a, [object Object]"
    )
    assert r("{{zero}}|{{empty}}", {"zero": 0, "empty": ""}) == "0|"


def test_literals_and_lookup_helper() -> None:
    data = {"m": {"k": "v", "x y": "w"}, "key": "k", "xs": ["a", "b"]}
    assert r('{{lookup m key}} {{lookup m "x y"}} {{lookup xs 1}} {{lookup m "nope"}}|', data) == (
        "v w b |"
    )
    assert r("{{#if (lookup m key)}}yes{{/if}}", data) == "yes"
    assert r("{{log 'hi'}}x", data) == "x"


# --- blocks --------------------------------------------------------------------------------


def test_if_else_unless() -> None:
    source = "{{#if x}}Y{{else}}N{{/if}}{{#unless x}}u{{/unless}}"
    assert r(source, {"x": "yes"}) == "Y"
    assert r(source, {"x": ""}) == "Nu"
    assert r("{{#unless x}}A{{else}}B{{/unless}}", {"x": 1}) == "B"


def test_truthiness_like_handlebars() -> None:
    source = "{{#if v}}T{{else}}F{{/if}}"
    falsy: tuple[Any, ...] = (False, None, "", 0, 0.0, [])
    truthy: tuple[Any, ...] = (True, "0", "false", 1, -1, 0.5, [0], {}, {"a": 1})
    for value in falsy:
        assert r(source, {"v": value}) == "F", value
    for value in truthy:
        assert r(source, {"v": value}) == "T", value
    assert r("{{#if v includeZero=true}}T{{else}}F{{/if}}", {"v": 0}) == "T"
    assert r("{{#if v includeZero=true}}T{{else}}F{{/if}}", {"v": ""}) == "F"
    assert r(source) == "F"  # missing is just false inside #if


def test_else_if_chain() -> None:
    source = "{{#if a}}A{{else if b}}B{{else unless c}}C{{else}}D{{/if}}"
    assert r(source, {"a": 1}) == "A"
    assert r(source, {"b": 1}) == "B"
    assert r(source, {}) == "C"
    assert r(source, {"c": 1}) == "D"


def test_each_over_lists_with_data_variables() -> None:
    source = (
        "{{#each xs}}{{@index}}{{@key}}:{{this}}{{#if @first}}<{{/if}}{{#if @last}}>{{/if}},"
        "{{/each}}"
    )
    assert r(source, {"xs": ["a", "b", "c"]}) == "00:a<,11:b,22:c>,"


def test_each_over_objects_and_else() -> None:
    assert r("{{#each o}}{{@key}}={{this}};{{/each}}", {"o": {"x": 1, "y": 2}}) == "x=1;y=2;"
    source = "{{#each xs}}{{this}}{{else}}none{{/each}}"
    assert r(source, {"xs": []}) == "none"
    assert r(source, {"xs": {}}) == "none"
    assert r(source, {}) == "none"
    assert r(source, {"xs": None}) == "none"


def test_each_switches_context_to_the_item() -> None:
    data = {"people": [{"name": "A", "tags": ["x", "y"]}, {"name": "B", "tags": []}]}
    source = "{{#each people}}{{name}}({{#each tags}}{{this}}{{else}}-{{/each}}){{/each}}"
    assert r(source, data) == "A(xy)B(-)"


def test_nested_data_variables_and_parent_index() -> None:
    source = "{{#each rows}}{{#each this}}{{@../index}}.{{@index}} {{/each}}{{/each}}"
    assert r(source, {"rows": [["a", "b"], ["c"]]}) == "0.0 0.1 1.0 "


def test_block_params() -> None:
    data = {"xs": ["a", "b"], "p": {"name": "Z"}}
    assert r("{{#each xs as |item i|}}{{i}}={{item}} {{/each}}", data) == "0=a 1=b "
    assert r("{{#with p as |person|}}{{person.name}}{{/with}}", data) == "Z"


def test_with_and_else() -> None:
    source = "{{#with contact}}{{first}} {{last}}{{else}}nobody{{/with}}"
    assert r(source, {"contact": {"first": "A", "last": "B"}}) == "A B"
    assert r(source, {}) == "nobody"
    assert r("{{#with n}}{{this}}{{/with}}", {"n": 0}) == "0"


def test_mustache_sections_and_inverse_sections() -> None:
    source = "{{#v}}[{{.}}]{{/v}}{{^v}}none{{/v}}"
    assert r(source, {"v": {"a": 1}}) == "[[object Object]]"
    assert r(source, {"v": ["x", "y"]}) == "[x][y]"
    assert r(source, {"v": True}) == "[[object Object]]"  # true keeps the outer context
    assert r(source, {"v": False}) == "none"
    assert r(source, {"v": []}) == "none"
    assert r(source, {}) == "none"
    assert r("{{#v}}{{name}}{{/v}}", {"v": {"name": "N"}}) == "N"


def test_comments() -> None:
    assert r("a{{! short }}b{{!-- long with }} and {{x}} --}}c") == "abc"


def test_whitespace_control() -> None:
    assert r("a  {{~x~}}  b", {"x": 1}) == "a1b"
    assert r("<{{#if t~}}\n   yes   \n{{~/if}}>", {"t": True}) == "<yes>"
    assert r("a \n {{~! c ~}} \n b") == "ab"


def test_standalone_block_lines_vanish() -> None:
    source = "list:\n{{#each xs}}\n  - {{this}}\n{{else}}\n  empty\n{{/each}}\nend"
    assert r(source, {"xs": ["a", "b"]}) == "list:\n  - a\n  - b\nend"
    assert r(source, {"xs": []}) == "list:\n  empty\nend"
    assert r("{{#if x}}\nA\n{{/if}}\n", {"x": 1}) == "A\n"
    assert r("  {{! note }}  \nline") == "line"
    assert r("x {{#if a}}A{{/if}}\ny", {"a": 1}) == "x A\ny"  # not alone on its line


def test_escaped_mustaches() -> None:
    assert r("\\{{name}} is {{name}}", {"name": "N"}) == "{{name}} is N"
    assert r("\\\\{{name}}", {"name": "N"}) == "\\N"


# --- inline partials ----------------------------------------------------------------------


def test_inline_partial_from_the_ses_guide() -> None:
    source = (
        '{{#* inline "fullName"}}{{firstName}}{{#if lastName}} {{lastName}}{{/if}}{{/inline}}\n'
        "Hello {{> fullName}}!"
    )
    assert r(source, {"firstName": "Anaya", "lastName": "Iyengar"}) == "Hello Anaya Iyengar!"
    assert r(source, {"firstName": "Kai"}) == "Hello Kai!"  # the newline is not rendered


def test_partial_with_context_hash_and_indentation() -> None:
    defs = '{{#*inline "p"}}{{name}}{{#if tag}}/{{tag}}{{/if}}{{/inline}}'
    data = {"who": {"name": "W"}, "name": "root"}
    assert r(defs + "{{> p}} {{> p who}} {{> p who tag='t'}} {{> 'p'}}", data) == (
        "root W W/t root"
    )
    indented = '{{#*inline "two"}}a\nb\n{{/inline}}\nlist:\n  {{> two}}\nend'
    assert r(indented) == "list:\n  a\n  b\nend"


def test_inline_partials_are_scoped_to_their_part() -> None:
    template = TemplateContent(
        "t", '{{#*inline "n"}}S{{/inline}}{{> n}}', "{{> n}}", '{{#*inline "n"}}H{{/inline}}{{> n}}'
    )
    with pytest.raises(SesError) as info:
        check_template_syntax(template)
    assert info.value.kind is ErrorKind.INVALID_TEMPLATE
    assert "The partial n could not be found" in info.value.message


# --- escaping ------------------------------------------------------------------------------


def test_ses_does_not_escape_html_by_default() -> None:
    template = TemplateContent("t", "{{x}}", "{{x}}", "<p>{{x}} {{{x}}}</p>")
    out = render(template, {"x": '<b>Tom & "Jerry"</b>'})
    assert out.html == '<p><b>Tom & "Jerry"</b> <b>Tom & "Jerry"</b></p>'
    assert out.subject == out.text == '<b>Tom & "Jerry"</b>'


def test_handlebars_escaping_on_request_only_in_html() -> None:
    template = TemplateContent("t", "{{x}}", "{{x}}", "{{x}}|{{{x}}}|{{&x}}")
    out = render(template, {"x": "& < > \" ' ` ="}, escape_html=True)
    assert out.html == "&amp; &lt; &gt; &quot; &#x27; &#x60; &#x3D;|& < > \" ' ` =|& < > \" ' ` ="
    assert out.subject == "& < > \" ' ` ="
    assert out.text == "& < > \" ' ` ="


# --- missing attributes ------------------------------------------------------------------


def test_missing_top_level_attribute_exact_text() -> None:
    assert failure("Hi {{name}}, {{favoritecolor}}", {"name": "Jane"}) == missing("favoritecolor")
    assert missing("x") == "Attribute 'x' is not present in the rendering data."


def test_null_counts_as_missing() -> None:
    assert failure("{{website}}", {"website": None}) == missing("website")
    assert failure("{{{website}}}", {"website": None}) == missing("website")


def test_missing_nested_path_names_the_whole_path() -> None:
    assert failure("{{contact.firstName}}", {}) == missing("contact.firstName")
    assert failure("{{contact.firstName}}", {"contact": {}}) == missing("contact.firstName")
    assert failure("{{contact.firstName}}", {"contact": "str"}) == missing("contact.firstName")


def test_missing_inside_each_item() -> None:
    data = {"subscription": [{"interest": "Sports"}, {}]}
    assert failure("{{#each subscription}}{{interest}}{{/each}}", data) == missing("interest")
    assert failure("{{#each xs}}{{this}}{{/each}}", {"xs": [1, None]}) == missing("this")
    assert failure("{{#each xs}}{{../nope}}{{/each}}", {"xs": [1]}) == missing("../nope")


def test_case_sensitive_names() -> None:
    assert failure("{{Name}}", {"name": "x"}) == missing("Name")


def test_block_helpers_do_not_fail_on_missing_values() -> None:
    source = (
        "{{#if a}}1{{/if}}{{#unless b}}2{{/unless}}{{#each c}}3{{/each}}{{#with d}}4{{/with}}"
        "{{#e}}5{{/e}}"
    )
    assert r(source) == "2"


def test_branches_not_taken_never_fail() -> None:
    assert r("{{#if x}}{{nope}}{{else}}ok{{/if}}") == "ok"
    assert r("{{#each xs}}{{nope}}{{/each}}", {"xs": []}) == ""


def test_unknown_helpers_are_missing_attributes() -> None:
    # SES answered exactly this for {{#IF firstName}} (an upper-cased if).
    assert failure("{{#IF firstName}}x{{/IF}}", {"firstName": "F"}) == missing("IF")
    assert failure("{{eq a b}}", {"a": 1, "b": 1}) == missing("eq")
    assert failure("{{#if (eq a b)}}x{{/if}}", {"a": 1, "b": 1}) == missing("eq")


def test_missing_data_variables_render_empty() -> None:
    assert r("[{{@index}}]") == "[]"


def test_render_error_carries_message_and_attribute() -> None:
    with pytest.raises(RenderError) as info:
        render(TemplateContent("t", "{{a}}", "{{b}}", "{{c}}"), {})
    assert info.value.message == missing("a")  # subject is rendered first
    assert info.value.attribute == "a"
    assert str(info.value) == missing("a")


def test_helper_argument_errors() -> None:
    assert failure("{{#if}}x{{/if}}") == "#if requires exactly one argument"
    assert failure("{{#each}}x{{/each}}") == "Must pass iterator to #each"


# --- render() ------------------------------------------------------------------------------


def test_render_returns_each_part() -> None:
    out = render(TemplateContent("t", "S {{a}}", None, "<b>{{a}}</b>"), {"a": 1})
    assert out == RenderedContent(subject="S 1", text=None, html="<b>1</b>")
    out = render(TemplateContent("t", None, "T", None), {})
    assert out == RenderedContent(subject="", text="T", html=None)


def test_aws_verified_each_if_example() -> None:
    data = {
        "items": [
            {"type": "dog", "name": "bobby", "best": True},
            {"type": "cat", "name": "pedro", "best": False},
        ]
    }
    source = "{{#each items}} {{name}} is {{#if best}}the best{{else}}a {{type}}{{/if}}, {{/each}}"
    assert r(source, data) == " bobby is the best,  pedro is a cat, "


def test_knowledge_center_example() -> None:
    template = TemplateContent(
        "ExampleTemplate",
        "Hello, {{name}}!",
        "Dear {{name}},\r\nYour favorite color is {{favoritecolor}}.",
        "<h1>Hello {{name}},</h1><p>Your favorite color is {{favoritecolor}}.</p>",
    )
    data = parse_template_data('{ "name":"Jane", "favoritenumber": "10" }')
    with pytest.raises(RenderError) as info:
        render(template, data)
    assert info.value.message == "Attribute 'favoritecolor' is not present in the rendering data."
    out = render(template, {"name": "Jane", "favoritecolor": "blue", "extra": 1})
    assert out.text == "Dear Jane,\r\nYour favorite color is blue."


# The developer guide's "Advanced email personalization" templates, with the line breaks
# removed as the guide instructs.
PREFS_HTML = (
    "<h1>Your Preferences</h1><p>You have indicated that you are interested in receiving "
    "information about the following subjects:</p><ul>{{#each subscription}}<li>{{interest}}"
    "</li>{{/each}}</ul><p>You can change these settings at any time by visiting the <a href="
    "https://www.example.com/prefererences/i.aspx?id={{meta.userId}}>Preference Center</a>.</p>"
)
PREFS_TEXT = (
    "Your Preferences\n\nYou have indicated that you are interested in receiving information "
    "about the following subjects:\n{{#each subscription}}- {{interest}}\n{{/each}}\nYou can "
    "change these settings at any time by visiting the Preference Center at "
    "https://www.example.com/prefererences/i.aspx?id={{meta.userId}}"
)
PREFS = TemplateContent(
    "Preferences",
    "Subscription Preferences for {{contact.firstName}} {{contact.lastName}}",
    PREFS_TEXT,
    PREFS_HTML,
)
ANAYA = (
    '{"meta":{"userId":"51806220607"},"contact":{"firstName":"Anaya","lastName":"Iyengar"},'
    '"subscription":[{"interest":"Sports"},{"interest":"Travel"},{"interest":"Cooking"}]}'
)
DEFAULT = '{"meta":{"userId":""},"contact":{"firstName":"Friend","lastName":""},"subscription":[]}'


def test_guide_example_nested_attributes_and_each() -> None:
    check_template_syntax(PREFS)
    out = render(PREFS, parse_template_data(ANAYA))
    assert out.subject == "Subscription Preferences for Anaya Iyengar"
    assert out.html == (
        "<h1>Your Preferences</h1><p>You have indicated that you are interested in receiving "
        "information about the following subjects:</p><ul><li>Sports</li><li>Travel</li>"
        "<li>Cooking</li></ul><p>You can change these settings at any time by visiting the "
        "<a href=https://www.example.com/prefererences/i.aspx?id=51806220607>Preference "
        "Center</a>.</p>"
    )
    # {{/each}} sits alone on its line, so Handlebars drops that line break.
    assert out.text == (
        "Your Preferences\n\nYou have indicated that you are interested in receiving "
        "information about the following subjects:\n- Sports\n- Travel\n- Cooking\nYou can "
        "change these settings at any time by visiting the Preference Center at "
        "https://www.example.com/prefererences/i.aspx?id=51806220607"
    )
    fallback = render(PREFS, parse_template_data(DEFAULT))
    assert fallback.subject == "Subscription Preferences for Friend "
    assert "<ul></ul>" in (fallback.html or "")
    assert (fallback.html or "").count("i.aspx?id=>") == 1


def test_guide_example_conditional() -> None:
    html = (
        "<h1>Your Preferences</h1><p>Dear {{contact.firstName}},</p>{{#if subscription}}<p>You "
        "have indicated that you are interested in receiving information about the following "
        "subjects:</p><ul>{{#each subscription}}<li>{{interest}}</li>{{/each}}</ul><p>You can "
        "change these settings at any time by visiting the <a href=https://www.example.com/"
        "prefererences/i.aspx?id={{meta.userId}}>Preference Center</a>.</p>{{else}}<p>Please "
        "update your subscription preferences by visiting the <a href=https://www.example.com/"
        "prefererences/i.aspx?id={{meta.userId}}>Preference Center</a>.{{/if}}"
    )
    template = TemplateContent("Preferences2", PREFS.subject, None, html)
    shirley = (
        '{"meta":{"userId":"1981624758263"},'
        '"contact":{"firstName":"Shirley","lastName":"Rodriguez"}}'
    )
    out = render(template, parse_template_data(shirley))
    assert out.subject == "Subscription Preferences for Shirley Rodriguez"
    assert out.html == (
        "<h1>Your Preferences</h1><p>Dear Shirley,</p><p>Please update your subscription "
        "preferences by visiting the <a href=https://www.example.com/prefererences/i.aspx?id="
        "1981624758263>Preference Center</a>."
    )
    anaya = render(template, parse_template_data(ANAYA))
    assert "<li>Sports</li><li>Travel</li><li>Cooking</li>" in (anaya.html or "")


def test_guide_example_inline_partials() -> None:
    partial = (
        '{{#* inline "fullName"}}{{firstName}}{{#if lastName}} {{lastName}}{{/if}}{{/inline~}}\n'
    )
    template = TemplateContent(
        "Preferences3",
        "{{firstName}}'s Subscription Preferences",
        partial + "Hello {{> fullName}}! You have listed the following people as your "
        "friends:\n{{#each friends}}- {{> fullName}}\n{{/each}}",
        partial + "<h1>Hello {{> fullName}}!</h1><p>You have listed the following people as "
        "your friends:</p><ul>{{#each friends}}<li>{{> fullName}}</li>{{/each}}</ul>",
    )
    check_template_syntax(template)
    data = {
        "firstName": "Anaya",
        "lastName": "Iyengar",
        "friends": [{"firstName": "Shirley", "lastName": "Rodriguez"}, {"firstName": "Kai"}],
    }
    out = render(template, data)
    assert out.subject == "Anaya's Subscription Preferences"
    assert out.html == (
        "<h1>Hello Anaya Iyengar!</h1><p>You have listed the following people as your "
        "friends:</p><ul><li>Shirley Rodriguez</li><li>Kai</li></ul>"
    )
    assert out.text == (
        "Hello Anaya Iyengar! You have listed the following people as your friends:\n"
        "- Shirley Rodriguez\n- Kai\n"
    )


# --- template data -------------------------------------------------------------------------


def test_parse_template_data() -> None:
    assert parse_template_data('{"a": {"b": [1, 2.5, null, true]}}') == {
        "a": {"b": [1, 2.5, None, True]}
    }
    assert parse_template_data("{}") == {}


@pytest.mark.parametrize(
    "bad", ["", "{", "{'a': 1}", "[1]", '"x"', "1", "null", '{"a": NaN}', "{} x"]
)
def test_invalid_template_data(bad: str) -> None:
    with pytest.raises(SesError) as info:
        parse_template_data(bad)
    assert info.value.kind is ErrorKind.INVALID_PARAMETER
    assert info.value.message == "The template data is invalid"
    with pytest.raises(SesError) as info:
        parse_template_data(bad, api="v2")
    assert info.value.message == "Unable to parse template data (invalid JSON)."


# --- syntax checks -------------------------------------------------------------------------


def test_valid_templates_pass_the_syntax_check() -> None:
    check_template_syntax(TemplateContent("ok", "{{a}}", None, "{{#each xs}}{{this}}{{/each}}"))
    # Unknown helpers only fail when rendered: SES accepted {{#IF}} at creation.
    check_template_syntax(TemplateContent("ok", "{{#IF a}}x{{/IF}}", None, None))


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        ("{{#if a}}x", "if was not closed"),
        ("{{#if a}}x{{/each}}", "if doesn't match each"),
        ("x{{/if}}", "Nothing doesn't match if"),
        ("{{else}}", "Unexpected {{else}}"),
        ("{{#if a}}{{else}}{{else}}{{/if}}", "Unexpected {{else}}"),
        ("{{name", "Unclosed tag"),
        ("{{! never closed", "Unclosed comment"),
        ("{{}}", "Empty expression"),
        ("{{a.this}}", "Invalid path"),
        ("{{a b=1 c}}", "Parameter after hash argument"),
        ("{{> missing}}", "The partial missing could not be found"),
        ("{{#> layout}}x{{/layout}}", "Partial blocks are not supported"),
        ("{{#*decorator}}x{{/decorator}}", "Unsupported decorator"),
        ("{{(helper) a}}", "Dynamic helper names are not supported"),
    ],
)
def test_invalid_templates(source: str, detail: str) -> None:
    with pytest.raises(SesError) as info:
        check_template_syntax(TemplateContent("Broken", "ok", source, None))
    assert info.value.kind is ErrorKind.INVALID_TEMPLATE
    assert info.value.message.startswith("Template Broken is invalid: ")
    assert detail in info.value.message


def test_syntax_errors_at_render_time_are_render_errors() -> None:
    assert "if was not closed" in failure("{{#if a}}")
    assert failure("{{> nope}}") == "The partial nope could not be found"
    assert failure('{{#*inline "p"}}{{> p}}{{/inline}}{{> p}}') == (
        "Maximum call stack size exceeded"
    )


def test_inline_templates_allow_simple_substitution_only() -> None:
    check_inline_template(TemplateContent("", "Hi {{name}}", "{{ noReply }}", None))
    for source in ("{{#if a}}x{{/if}}", "{{no_reply}}", "{{a.b}}", "{{{a}}}", "{{a"):
        with pytest.raises(SesError) as info:
            check_inline_template(TemplateContent("", source, None, None))
        assert info.value.kind is ErrorKind.INVALID_PARAMETER
        assert info.value.message == "Template contains unsupported operations."


# --- caching and speed ---------------------------------------------------------------------


def test_parsed_templates_are_cached_by_source() -> None:
    source = "cached {{x}} " + "y" * 10
    assert handlebars.parse(source) is handlebars.parse(source)


def test_rendering_parses_each_template_part_once() -> None:
    """Speed without timing: repeated renders reuse the parsed tree (the benchmark times it)."""
    from pytest_sessim.engine.templates.parser import parse

    filler = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.</p>\n"
    html = (
        filler * 3
        + "<h1>Hello {{name}}</h1>"
        + filler * 3
        + "Order {{order.id}}, total {{order.total}}"
        + filler * 3
        + "{{#if vip}}VIP {{tier}}{{/if}}"
        + filler * 3
    )
    assert 900 < len(html) < 1200
    template = TemplateContent("fast", "Hi {{name}}", None, html)
    data = json.loads('{"name":"Ann","order":{"id":"A1","total":12.5},"vip":true,"tier":"gold"}')
    render(template, data)
    before = parse.cache_info()
    for _ in range(100):
        render(template, data)
    after = parse.cache_info()
    assert after.misses == before.misses
    assert after.hits >= before.hits + 100
