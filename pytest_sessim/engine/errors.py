"""SES errors as the engine raises them; each door words them for its own wire."""

from __future__ import annotations

from enum import Enum


class ErrorKind(Enum):
    """One SES failure, with the code and HTTP status each API version answers with."""

    #                           v1 code, v1 status, v2 code, v2 status
    INVALID_PARAMETER = ("InvalidParameterValue", 400, "BadRequestException", 400)
    MESSAGE_REJECTED = ("MessageRejected", 400, "MessageRejected", 400)
    TEMPLATE_NOT_FOUND = ("TemplateDoesNotExist", 400, "NotFoundException", 404)
    NOT_FOUND = ("InvalidParameterValue", 400, "NotFoundException", 404)
    ALREADY_EXISTS = ("AlreadyExists", 400, "AlreadyExistsException", 400)
    CONFIGURATION_SET_NOT_FOUND = ("ConfigurationSetDoesNotExist", 400, "NotFoundException", 404)
    CONFIGURATION_SET_ALREADY_EXISTS = (
        "ConfigurationSetAlreadyExists",
        400,
        "AlreadyExistsException",
        400,
    )
    LIMIT_EXCEEDED = ("LimitExceeded", 400, "LimitExceededException", 400)
    THROTTLING = ("Throttling", 400, "TooManyRequestsException", 429)
    DAILY_QUOTA = ("Throttling", 400, "LimitExceededException", 400)
    ACCOUNT_SENDING_PAUSED = (
        "AccountSendingPausedException",
        400,
        "SendingPausedException",
        400,
    )
    CONFIGURATION_SET_SENDING_PAUSED = (
        "ConfigurationSetSendingPausedException",
        400,
        "SendingPausedException",
        400,
    )
    INVALID_TEMPLATE = ("InvalidTemplate", 400, "BadRequestException", 400)
    MISSING_RENDERING_ATTRIBUTE = ("MissingRenderingAttribute", 400, "BadRequestException", 400)
    INVALID_RENDERING_PARAMETER = ("InvalidRenderingParameter", 400, "BadRequestException", 400)

    EVENT_DESTINATION_ALREADY_EXISTS = (
        "EventDestinationAlreadyExists",
        400,
        "AlreadyExistsException",
        400,
    )
    EVENT_DESTINATION_NOT_FOUND = ("EventDestinationDoesNotExist", 400, "NotFoundException", 404)
    INVALID_SNS_DESTINATION = ("InvalidSNSDestination", 400, "BadRequestException", 400)
    VALIDATION = ("ValidationError", 400, "BadRequestException", 400)
    INVALID_NEXT_TOKEN = ("InvalidParameterValue", 400, "InvalidNextTokenException", 400)
    # configuration-set options, tenants and account infrastructure
    INVALID_TRACKING_OPTIONS = ("InvalidTrackingOptions", 400, "BadRequestException", 400)
    TRACKING_OPTIONS_ALREADY_EXIST = (
        "TrackingOptionsAlreadyExistsException",
        400,
        "AlreadyExistsException",
        400,
    )
    TRACKING_OPTIONS_NOT_FOUND = (
        "TrackingOptionsDoesNotExistException",
        400,
        "NotFoundException",
        404,
    )
    INVALID_DELIVERY_OPTIONS = ("InvalidDeliveryOptions", 400, "BadRequestException", 400)
    CONFLICT = ("InvalidParameterValue", 400, "ConflictException", 409)
    ACCESS_DENIED = ("AccessDenied", 403, "AccessDeniedException", 403)
    TENANT_SENDING_PAUSED = ("MessageRejected", 400, "SendingPausedException", 400)

    # identities
    INVALID_POLICY = ("InvalidPolicy", 400, "BadRequestException", 400)
    POLICY_LIMIT = ("InvalidParameterValue", 400, "LimitExceededException", 400)
    MAIL_FROM_NOT_VERIFIED = (
        "MailFromDomainNotVerifiedException",
        400,
        "MailFromDomainNotVerifiedException",
        400,
    )
    FROM_ADDRESS_NOT_VERIFIED = ("FromEmailAddressNotVerified", 400, "BadRequestException", 400)
    PRODUCTION_ACCESS_NOT_GRANTED = ("ProductionAccessNotGranted", 400, "MessageRejected", 400)
    CUSTOM_VERIFICATION_TEMPLATE_NOT_FOUND = (
        "CustomVerificationEmailTemplateDoesNotExist",
        400,
        "NotFoundException",
        404,
    )
    CUSTOM_VERIFICATION_TEMPLATE_ALREADY_EXISTS = (
        "CustomVerificationEmailTemplateAlreadyExists",
        400,
        "AlreadyExistsException",
        400,
    )
    CUSTOM_VERIFICATION_INVALID_CONTENT = (
        "CustomVerificationEmailInvalidContent",
        400,
        "BadRequestException",
        400,
    )

    # email receiving (v1 only: SESv2 has no receipt rules)
    UNAVAILABLE_OPERATION = ("InvalidAction", 400, "BadRequestException", 400)
    RULE_SET_DOES_NOT_EXIST = ("RuleSetDoesNotExist", 400, "NotFoundException", 404)
    RULE_DOES_NOT_EXIST = ("RuleDoesNotExist", 400, "NotFoundException", 404)
    CANNOT_DELETE = ("CannotDelete", 400, "BadRequestException", 400)
    INVALID_SNS_TOPIC = ("InvalidSnsTopic", 400, "BadRequestException", 400)
    INVALID_S3_CONFIGURATION = ("InvalidS3Configuration", 400, "BadRequestException", 400)
    INVALID_LAMBDA_FUNCTION = ("InvalidLambdaFunction", 400, "BadRequestException", 400)

    def __init__(self, v1_code: str, v1_status: int, v2_code: str, v2_status: int) -> None:
        self.v1_code = v1_code
        self.v1_status = v1_status
        self.v2_code = v2_code
        self.v2_status = v2_status


class SesError(Exception):
    """A request SES refuses: the kind picks the code, the message is SES's own text."""

    def __init__(self, kind: ErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __repr__(self) -> str:
        return f"SesError({self.kind.name}, {self.message!r})"


def invalid_parameter(message: str) -> SesError:
    return SesError(ErrorKind.INVALID_PARAMETER, message)
