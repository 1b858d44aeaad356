"""SESv2 identity and template operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.state import Identity
from ..errors import ErrorKind, SesError
from ..mail.addresses import parse_mailbox
from ..templates.template import TemplateContent
from .common import (
    V2_TEMPLATE_PARTS,
    delete_template,
    listing,
    save_template,
    stored_template,
    template_from,
    template_parts,
)
from .registry import operation
from .rendering import test_render

if TYPE_CHECKING:
    from ..service import Engine

API = "sesv2"
_KINDS = {"EmailAddress": "EMAIL_ADDRESS", "Domain": "DOMAIN"}


def _identity(engine: Engine, name: str) -> Identity:
    identity = engine.account.identities.get(name.lower())
    if identity is None:
        raise SesError(ErrorKind.NOT_FOUND, f"Email identity {name} does not exist.")
    return identity


def _dkim(identity: Identity) -> dict[str, Any]:
    if identity.kind == "Domain":
        return {"SigningEnabled": True, "Status": "SUCCESS", "SigningAttributesOrigin": "AWS_SES"}
    return {"SigningEnabled": False, "Status": "NOT_STARTED"}


# identities -----------------------------------------------------------------
@operation(API, "CreateEmailIdentity")
def create_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    name = params.get("EmailIdentity", "")
    if "@" in name:
        parse_mailbox(name)
    if name.lower() in engine.account.identities:
        raise SesError(ErrorKind.ALREADY_EXISTS, f"Email identity {name} already exist.")
    engine.verify(name)
    identity = engine.account.identities[name.lower()]
    engine.account.tags.put(engine.account.arn(f"identity/{identity.name}"), params.get("Tags", ()))
    return {
        "IdentityType": _KINDS[identity.kind],
        "VerifiedForSendingStatus": identity.verified,
        "DkimAttributes": _dkim(identity),
    }


@operation(API, "GetEmailIdentity")
def get_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    identity = _identity(engine, params.get("EmailIdentity", ""))
    return {
        "IdentityType": _KINDS[identity.kind],
        "FeedbackForwardingStatus": identity.feedback_forwarding,
        "VerifiedForSendingStatus": identity.verified,
        "DkimAttributes": _dkim(identity),
        "MailFromAttributes": {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"},
        "Policies": {},
        "Tags": engine.account.tags.of(engine.account.arn(f"identity/{identity.name}")),
        "VerificationStatus": "SUCCESS" if identity.verified else "PENDING",
    }


@operation(API, "ListEmailIdentities")
def list_email_identities(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    return listing(
        "EmailIdentities",
        list(engine.account.identities.values()),
        params,
        "PageSize",
        lambda item: {
            "IdentityType": _KINDS[item.kind],
            "IdentityName": item.name,
            "SendingEnabled": item.verified,
            "VerificationStatus": "SUCCESS" if item.verified else "PENDING",
        },
    )


@operation(API, "DeleteEmailIdentity")
def delete_email_identity(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    identity = _identity(engine, params.get("EmailIdentity", ""))
    del engine.account.identities[identity.name.lower()]
    return {}


# templates ------------------------------------------------------------------------
def _v2_template(params: Mapping[str, Any]) -> TemplateContent:
    parts = params.get("TemplateContent", {})
    return template_from(params.get("TemplateName", ""), parts, V2_TEMPLATE_PARTS)


@operation(API, "CreateEmailTemplate")
def create_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    save_template(engine, _v2_template(params), create=True)
    return {}


@operation(API, "UpdateEmailTemplate")
def update_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    save_template(engine, _v2_template(params), create=False)
    return {}


@operation(API, "GetEmailTemplate")
def get_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    content = stored_template(engine, params.get("TemplateName", ""))
    body = template_parts(content, V2_TEMPLATE_PARTS)
    return {"TemplateName": content.name, "TemplateContent": body}


@operation(API, "ListEmailTemplates")
def list_email_templates(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    return listing(
        "TemplatesMetadata",
        list(engine.account.templates.values()),
        params,
        "PageSize",
        lambda item: {"TemplateName": item.content.name, "CreatedTimestamp": item.created},
    )


@operation(API, "DeleteEmailTemplate")
def delete_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    delete_template(engine, params.get("TemplateName", ""))
    return {}


@operation(API, "TestRenderEmailTemplate")
def test_render_email_template(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    rendered = test_render(
        engine, API, params.get("TemplateName", ""), params.get("TemplateData", "")
    )
    return {"RenderedTemplate": rendered}
