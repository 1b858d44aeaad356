"""Every form in which some botocore release sends an SES operation is answered, whatever
botocore is installed: the table in ``pytest_sessim/doors/wire/route_forms.json``, decoded
(query string or JSON body, as each form places the members), then sent through the
raw-HTTPS door, the botocore door (a client rewritten to speak another release's form) and
the standalone server."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import boto3
import pytest
import requests

from pytest_sessim import SesSim
from pytest_sessim.doors.plumbing import api_of_url
from pytest_sessim.doors.wire.models import service_model
from pytest_sessim.doors.wire.restjson import decode_rest_json
from pytest_sessim.doors.wire.route_forms import RouteForm, botocore_checked, route_forms
from pytest_sessim.doors.wire.types import WireRequest
from pytest_sessim.server.process import ServerProcess

ENDPOINT = "https://email.us-east-1.amazonaws.com"
ROOT = Path(__file__).parents[2]
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

# params each operation in the table is called with; every member a form places elsewhere
# than the body is here, so each placement is exercised
SAMPLES: dict[str, dict[str, Any]] = {
    "ListEmailIdentities": {"NextToken": "token-1", "PageSize": 2},
    "ListConfigurationSets": {"NextToken": "token-1", "PageSize": 2},
    "ListContacts": {"ContactListName": "news letter", "NextToken": "token-1", "PageSize": 2},
    "ListImportJobs": {"NextToken": "token-1", "PageSize": 2},
    "PutEmailIdentityDkimSigningAttributes": {
        "EmailIdentity": "example.com",
        "SigningAttributesOrigin": "AWS_SES",
    },
}
FORMS = [form for form in route_forms("sesv2") if form.operation in SAMPLES]
MODELLED = ("ListEmailIdentities", "ListConfigurationSets")


def form_id(form: RouteForm) -> str:
    return f"{form.operation}-{form.method}-{form.botocore[0]}"


def as_sent(form: RouteForm, params: dict[str, Any]) -> tuple[str, str, bytes]:
    """The method, path (with query string) and body a release using ``form`` sends."""
    path, query, body = form.request_uri, [], {}
    for name, value in params.items():
        location, wire = form.placements.get(name, ("body", name))
        if location == "uri":
            path = path.replace("{" + wire + "}", quote(str(value), safe=""))
        elif location == "querystring":
            query.append((wire, str(value)))
        else:
            body[name] = value
    if query:
        path += "?" + urlencode(query)
    return form.method, path, json.dumps(body).encode() if body else b""


def version_of(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def installed_route(operation: str) -> tuple[str, str]:
    http = service_model("sesv2").operation_model(operation).http
    return http["method"], http["requestUri"]


def other_form(operation: str) -> RouteForm:
    """A form of ``operation`` that the installed botocore does not send."""
    forms = [f for f in FORMS if f.operation == operation]
    return next(f for f in forms if (f.method, f.request_uri) != installed_route(operation))


# -- the table ---------------------------------------------------------------------------------


def test_the_table_names_the_forms_and_the_releases_checked() -> None:
    assert {form.operation for form in route_forms("sesv2")} == set(SAMPLES)
    assert route_forms("ses") == ()  # v1 is always POST / (Query)
    checked = botocore_checked()
    floor = re.search(r'"botocore>=([0-9.]+)', (ROOT / "pyproject.toml").read_text())
    assert floor is not None  # the table reaches back to the package's floor, or further
    assert version_of(checked[0]) <= version_of(floor.group(1))
    assert [f.method + " " + f.request_uri for f in FORMS if f.operation == MODELLED[0]] == [
        "GET /v2/email/identities",
        "POST /v2/email/list-identities",
    ]


@pytest.mark.parametrize("form", FORMS, ids=form_id)
def test_every_form_decodes_to_the_same_params(form: RouteForm) -> None:
    method, path, body = as_sent(form, SAMPLES[form.operation])
    assert api_of_url(ENDPOINT + path) == "sesv2"  # /v1/email/... too: not v1 Query
    request = WireRequest(method=method, url=ENDPOINT + path, headers={}, body=body)
    assert decode_rest_json(request, service_model("sesv2")) == (
        form.operation,
        SAMPLES[form.operation],
    )


# -- through the doors -------------------------------------------------------------------------


def names(operation: str, reply: dict[str, Any]) -> list[str]:
    if operation == "ListEmailIdentities":
        return [item["IdentityName"] for item in reply["EmailIdentities"]]
    return list(reply["ConfigurationSets"])


def page_through(send: Any, operation: str) -> list[str]:
    """Every name, two a page, each page asked for in the other release's form."""
    found: list[str] = []
    params: dict[str, Any] = {"PageSize": 2}
    while True:
        status, reply = send(*as_sent(other_form(operation), params))
        assert status == 200, reply
        found += names(operation, reply)
        if not reply.get("NextToken"):
            return found
        params["NextToken"] = reply["NextToken"]


def setup_account(v2: Any) -> None:
    for identity in ("a.example", "b.example"):
        v2.create_email_identity(EmailIdentity=identity)
    for name in ("set-1", "set-2", "set-3"):
        v2.create_configuration_set(ConfigurationSetName=name)


EXPECTED = {
    "ListEmailIdentities": ["example.com", "a.example", "b.example"],
    "ListConfigurationSets": ["set-1", "set-2", "set-3"],
}


@pytest.mark.sessim(verified=["example.com"])
@pytest.mark.parametrize("operation", MODELLED)
def test_raw_https_door_answers_the_other_form(sessim: SesSim, operation: str) -> None:
    setup_account(sessim.client("sesv2"))

    def send(method: str, path: str, body: bytes) -> tuple[int, Any]:
        reply = requests.request(method, ENDPOINT + path, data=body, timeout=5)
        return reply.status_code, reply.json()

    assert sorted(page_through(send, operation)) == sorted(EXPECTED[operation])


@pytest.mark.parametrize("form", [f for f in FORMS if f.operation == "ListContacts"], ids=form_id)
def test_raw_https_door_hands_moto_the_installed_form(sessim: SesSim, form: RouteForm) -> None:
    """ListContacts is moto's: a request in any form reaches it in the form it routes."""
    v2 = sessim.client("sesv2")
    v2.create_contact_list(ContactListName="news")
    v2.create_contact(ContactListName="news", EmailAddress="reader@example.com")
    method, url, body = as_url(form, {"ContactListName": "news"})
    reply = requests.request(method, url, data=body, timeout=5)
    assert reply.status_code == 200, reply.text
    assert [c["EmailAddress"] for c in reply.json()["Contacts"]] == ["reader@example.com"]


def as_url(form: RouteForm, params: dict[str, Any]) -> tuple[str, str, bytes]:
    method, path, body = as_sent(form, params)
    return method, ENDPOINT + path, body


def speaking(client: Any, form: RouteForm) -> Any:
    """``client`` sends ``form.operation`` in ``form`` (as a client of another botocore
    release would) and parses the answer as usual."""

    called: dict[str, Any] = {}

    def remember(params: dict[str, Any], **kwargs: Any) -> None:
        called.clear()
        called.update(params)

    def rewrite(request: Any, **kwargs: Any) -> None:
        method, path, body = as_sent(form, called)
        base = request.url.split("/v", 1)[0]
        request.method, request.url, request.data = method, base + path, body

    client.meta.events.register(f"before-parameter-build.sesv2.{form.operation}", remember)
    client.meta.events.register(f"before-sign.sesv2.{form.operation}", rewrite)
    return client


@pytest.mark.sessim(verified=["example.com"])
@pytest.mark.parametrize("operation", MODELLED)
def test_botocore_door_answers_a_client_of_another_release(sessim: SesSim, operation: str) -> None:
    v2 = sessim.client("sesv2")
    setup_account(v2)
    speaking(v2, other_form(operation))
    call = v2.list_email_identities if operation == MODELLED[0] else v2.list_configuration_sets
    first = call(PageSize=2)
    second = call(PageSize=2, NextToken=first["NextToken"])
    assert "NextToken" not in second
    found = names(operation, first) + names(operation, second)
    assert sorted(found) == sorted(EXPECTED[operation])


# -- the standalone server ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with ServerProcess(
        verified=["example.com"], log_dir=tmp_path_factory.mktemp("server")
    ) as process:
        yield process


def server_send(server: ServerProcess) -> Any:
    def send(method: str, path: str, body: bytes) -> tuple[int, Any]:
        reply = requests.request(method, server.url + path, data=body, timeout=10)
        return reply.status_code, reply.json() if reply.content else None

    return send


def test_server_answers_both_forms(server: ServerProcess) -> None:
    server.reset()
    v2 = boto3.client("sesv2", region_name="us-east-1", endpoint_url=server.url, **KEYS)
    setup_account(v2)
    send = server_send(server)
    for operation in MODELLED:
        assert sorted(page_through(send, operation)) == sorted(EXPECTED[operation])
        for form in (f for f in FORMS if f.operation == operation):
            status, reply = send(*as_sent(form, {}))
            assert (status, sorted(names(operation, reply))) == (200, sorted(EXPECTED[operation]))


def test_server_hands_moto_the_installed_form(server: ServerProcess) -> None:
    """ListContacts is moto's: a request in any form reaches it in the form it routes."""
    server.reset()
    v2 = boto3.client("sesv2", region_name="us-east-1", endpoint_url=server.url, **KEYS)
    v2.create_contact_list(ContactListName="news")
    v2.create_contact(ContactListName="news", EmailAddress="reader@example.com")
    send = server_send(server)
    for form in (f for f in FORMS if f.operation == "ListContacts"):
        status, reply = send(*as_sent(form, {"ContactListName": "news"}))
        assert status == 200, (form, reply)
        assert [c["EmailAddress"] for c in reply["Contacts"]] == ["reader@example.com"]


def test_server_page_states_the_releases_checked(server: ServerProcess) -> None:
    import botocore

    checked = botocore_checked()
    page = requests.get(server.url + "/_sessim/", timeout=10).text
    assert (
        f"in the forms of botocore {checked[0]} to {checked[-1]} ({len(checked)} releases "
        f"checked); installed here: botocore {botocore.__version__}."
    ) in page


# -- the generator -----------------------------------------------------------------------------


def load_generator() -> Any:
    import importlib.util

    path = ROOT / "tools" / "gen_route_forms.py"
    spec = importlib.util.spec_from_file_location("gen_route_forms", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_model(method: str, uri: str, members: dict[str, Any]) -> dict[str, Any]:
    return {
        "operations": {
            "ListThings": {"http": {"method": method, "requestUri": uri}, "input": {"shape": "In"}}
        },
        "shapes": {"In": {"type": "structure", "members": members}},
    }


def test_generator_tells_a_moved_route_from_an_added_member(tmp_path: Path) -> None:
    gen = load_generator()
    paging = {"PageSize": {"shape": "S", "location": "querystring", "locationName": "PageSize"}}
    releases = {
        (1, 0, 0): fake_model("GET", "/v2/things", paging),
        (1, 1, 0): fake_model(
            "GET",
            "/v2/things",
            {
                **paging,
                "Tenant": {"shape": "S", "location": "querystring", "locationName": "Tenant"},
            },
        ),
        (1, 2, 0): fake_model("POST", "/v2/things/list", {"PageSize": {"shape": "S"}}),
    }
    survey = gen.Survey(tmp_path)
    for version, model in releases.items():
        survey.forms[version] = {"ses": {}, "sesv2": gen.forms_of(model)}
    assert not survey.differ((1, 0, 0), (1, 1, 0))  # a new member is not a new form
    assert survey.differ((1, 1, 0), (1, 2, 0))
    doc = gen.table(survey)
    assert doc["botocore_checked"] == ["1.0.0", "1.1.0", "1.2.0"]
    assert doc["services"]["sesv2"]["ListThings"] == [
        {
            "method": "GET",
            "requestUri": "/v2/things",
            "input": {"PageSize": ["querystring", "PageSize"], "Tenant": ["querystring", "Tenant"]},
            "payload": None,
            "botocore": ["1.0.0", "1.1.0"],
        },
        {
            "method": "POST",
            "requestUri": "/v2/things/list",
            "input": {},
            "payload": None,
            "botocore": ["1.2.0", "1.2.0"],
        },
    ]


def test_the_readme_names_the_releases_checked() -> None:
    checked = botocore_checked()
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert f"({len(checked)}, from {checked[0]} to {checked[-1]}:" in readme
