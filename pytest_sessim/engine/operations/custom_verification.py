"""Custom verification email templates (v1 and v2 share them) and
SendCustomVerificationEmail: the template's mail, with its verification link, goes
through the account's sending; a GET of the link verifies the address and redirects to
the template's success (or, expired, failure) URL."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..account.identities import covering_identity
from ..account.verification import CustomVerificationTemplate
from ..errors import ErrorKind, SesError
from ..identities import lifecycle, verification_mail
from ..identities.names import check_email_identity
from ..limits import check_room
from ..mail.mime import Body, build_simple
from ..sending.pipeline import Submission, accept
from .common import find_configuration_set, listing
from .registry import operation
from .tagging import check_tags, put_tags, taggable

if TYPE_CHECKING:
    from ..account.state import Account
    from ..service import Engine

MAX_TEMPLATES = 50
MAX_CONTENT_BYTES = 10 * 1024 * 1024
_FIELDS = (
    ("FromEmailAddress", "from_address"),
    ("TemplateSubject", "subject"),
    ("TemplateContent", "content"),
    ("SuccessRedirectionURL", "success_url"),
    ("FailureRedirectionURL", "failure_url"),
)


def _missing(name: str) -> SesError:
    return SesError(
        ErrorKind.CUSTOM_VERIFICATION_TEMPLATE_NOT_FOUND,
        f"Custom verification email template {name} does not exist.",
    )


def _template(engine: Engine, name: str) -> CustomVerificationTemplate:
    found = engine.account.verification.templates.get(name)
    if found is None:
        raise _missing(name)
    return found


def _check_from(engine: Engine, address: str) -> None:
    if covering_identity(engine.account.identities, address) is None:
        raise SesError(
            ErrorKind.FROM_ADDRESS_NOT_VERIFIED,
            f"Custom verification email sender {address} is not verified.",
        )


def _check_content(content: str) -> None:
    if len(content.encode()) >= MAX_CONTENT_BYTES:
        raise SesError(
            ErrorKind.CUSTOM_VERIFICATION_INVALID_CONTENT,
            "Custom verification email content must be less than 10 MB.",
        )


def _template_arn(account: Account, name: str) -> str:
    return account.arn(f"custom-verification-email-template/{name}")


def _arn(engine: Engine, name: str) -> str:
    return _template_arn(engine.account, name)


@taggable("custom-verification-email-template", "CustomVerificationEmailTemplate")
def _tagged_template(account: Account, name: str) -> str | None:
    found = account.verification.templates.get(name)
    return _template_arn(account, name) if found else None


def _create(engine: Engine, params: Mapping[str, Any]) -> None:
    name = params.get("TemplateName", "")
    templates = engine.account.verification.templates
    if name in templates:
        raise SesError(
            ErrorKind.CUSTOM_VERIFICATION_TEMPLATE_ALREADY_EXISTS,
            f"Custom verification email template {name} already exists.",
        )
    check_room(templates, MAX_TEMPLATES, "custom verification email templates")
    _check_from(engine, params.get("FromEmailAddress", ""))
    _check_content(params.get("TemplateContent", ""))
    values = {field: params.get(key, "") for key, field in _FIELDS}
    templates[name] = CustomVerificationTemplate(name=name, created=engine.clock.now(), **values)


def _update(engine: Engine, params: Mapping[str, Any]) -> None:
    found = _template(engine, params.get("TemplateName", ""))
    if params.get("FromEmailAddress") is not None:
        _check_from(engine, params["FromEmailAddress"])
    if params.get("TemplateContent") is not None:
        _check_content(params["TemplateContent"])
    for key, field in _FIELDS:
        if params.get(key) is not None:
            setattr(found, field, params[key])


def _described(template: CustomVerificationTemplate, content: bool) -> dict[str, Any]:
    described = {
        "TemplateName": template.name,
        "FromEmailAddress": template.from_address,
        "TemplateSubject": template.subject,
        "SuccessRedirectionURL": template.success_url,
        "FailureRedirectionURL": template.failure_url,
    }
    if content:
        described["TemplateContent"] = template.content
    return described


def _send(engine: Engine, params: Mapping[str, Any], api: str) -> dict[str, Any]:
    template = _template(engine, params.get("TemplateName", ""))
    set_name = params.get("ConfigurationSetName")
    if set_name is not None:
        find_configuration_set(engine, set_name)
    address = check_email_identity(params.get("EmailAddress", ""))
    _check_from(engine, template.from_address)
    if engine.account.sandbox:
        raise SesError(
            ErrorKind.PRODUCTION_ACCESS_NOT_GRANTED,
            "The account has not been granted production access.",
        )
    identity, created = lifecycle.create(engine, address)
    token, url = lifecycle.new_link(engine, identity)
    content = build_simple(
        from_=template.from_address,
        to=[address],
        cc=[],
        reply_to=[],
        subject=Body(template.subject),
        text=None,
        html=Body(verification_mail.custom_html(template.content, url)),
        extra_headers=[],
        attachments=[],
        boundary=engine.boundary,
    )
    submission = Submission(
        api=api,
        operation="SendCustomVerificationEmail",
        source=template.from_address,
        to=[address],
        cc=[],
        bcc=[],
        content=content,
        configuration_set=set_name,
    )
    try:
        sent = accept(engine, submission)
    except SesError:
        if created:
            lifecycle.delete(engine, identity)
        raise
    redirects = (template.success_url, template.failure_url)
    lifecycle.remember_link(engine, identity, token, url, sent.message_id, redirects)
    if engine.settings.auto_verify:
        lifecycle.confirm(identity, engine.clock.now())
    elif not identity.verified:
        lifecycle.await_link(engine, identity)
    return {"MessageId": sent.message_id}


# v1 ----------------------------------------------------------------------------------
@operation("ses", "CreateCustomVerificationEmailTemplate")
def create_custom_verification_email_template(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Stores the template (its From address must be verified; at most 50)."""
    _create(engine, params)
    return {}


@operation("ses", "UpdateCustomVerificationEmailTemplate")
def update_custom_verification_email_template(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Replaces the parts of the template that are given."""
    _update(engine, params)
    return {}


@operation("ses", "GetCustomVerificationEmailTemplate")
def get_custom_verification_email_template(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """The stored template."""
    return _described(_template(engine, params.get("TemplateName", "")), content=True)


@operation("ses", "DeleteCustomVerificationEmailTemplate")
def delete_custom_verification_email_template(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Deletes the template (none of that name: no error)."""
    name = params.get("TemplateName", "")
    if engine.account.verification.templates.pop(name, None) is not None:
        engine.account.tags.forget(_arn(engine, name))
    return {}


@operation("ses", "ListCustomVerificationEmailTemplates")
def list_custom_verification_email_templates(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """The templates, up to 50 a page (out-of-range MaxResults mean 50, as documented)."""
    return listing(
        "CustomVerificationEmailTemplates",
        list(engine.account.verification.templates.values()),
        params,
        "MaxResults",
        lambda item: _described(item, content=False),
    )


@operation("ses", "SendCustomVerificationEmail")
def send_custom_verification_email(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds the address (Pending) and sends the template's mail with its verification link."""
    return _send(engine, params, "ses")


# v2 ----------------------------------------------------------------------------------
@operation("sesv2", "CreateCustomVerificationEmailTemplate")
def create_custom_verification_email_template_v2(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Stores the template and its tags (its From address must be verified; at most 50)."""
    tags = check_tags(params.get("Tags"))
    _create(engine, params)
    put_tags(engine, _arn(engine, params.get("TemplateName", "")), tags)
    return {}


@operation("sesv2", "UpdateCustomVerificationEmailTemplate")
def update_custom_verification_email_template_v2(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Replaces the template's parts."""
    _update(engine, params)
    return {}


@operation("sesv2", "GetCustomVerificationEmailTemplate")
def get_custom_verification_email_template_v2(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """The stored template and its tags."""
    found = _template(engine, params.get("TemplateName", ""))
    return {
        **_described(found, content=True),
        "Tags": engine.account.tags.of(_arn(engine, found.name)),
    }


@operation("sesv2", "DeleteCustomVerificationEmailTemplate")
def delete_custom_verification_email_template_v2(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Deletes the template and its tags."""
    found = _template(engine, params.get("TemplateName", ""))
    del engine.account.verification.templates[found.name]
    engine.account.tags.forget(_arn(engine, found.name))
    return {}


@operation("sesv2", "ListCustomVerificationEmailTemplates")
def list_custom_verification_email_templates_v2(
    engine: Engine, params: Mapping[str, Any]
) -> dict[str, Any]:
    """The templates, PageSize 1 to 50 (50 by default)."""
    return listing(
        "CustomVerificationEmailTemplates",
        list(engine.account.verification.templates.values()),
        params,
        "PageSize",
        lambda item: _described(item, content=False),
    )


@operation("sesv2", "SendCustomVerificationEmail")
def send_custom_verification_email_v2(engine: Engine, params: Mapping[str, Any]) -> dict[str, Any]:
    """Adds the address (Pending) and sends the template's mail with its verification link."""
    return _send(engine, params, "sesv2")
