"""Lambda functions for receipt rules: Python callables registered under a function ARN
and called in process, as Lambda's Python runtime calls a handler, with
``(event, context)``."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..engine.arns import parse_arn
from ..engine.receiving.deliveries import LambdaInvocation, Performed

LambdaHandler = Callable[[Any, Any], Any]
TIMEOUT_MILLIS = 30_000  # SES waits 30 seconds for a RequestResponse invocation


@dataclass(frozen=True)
class LambdaContext:
    """The parts of Lambda's context object handlers commonly read."""

    function_name: str
    invoked_function_arn: str
    aws_request_id: str
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 128
    log_group_name: str = ""
    log_stream_name: str = ""
    client_context: Any = None
    identity: Any = None

    def get_remaining_time_in_millis(self) -> int:
        return TIMEOUT_MILLIS


@dataclass
class LambdaFunctions:
    """The registered handlers, and every invocation made (with how it went)."""

    handlers: dict[str, LambdaHandler] = field(default_factory=dict)
    invocations: list[tuple[LambdaInvocation, Performed]] = field(default_factory=list)

    def register(self, function_arn: str, handler: LambdaHandler) -> None:
        found = parse_arn(function_arn)
        if found is None or found.service != "lambda" or not found.resource.startswith("function:"):
            raise ValueError(
                "register_lambda takes a function ARN such as "
                f"'arn:aws:lambda:us-east-1:123456789012:function:name', not {function_arn!r}"
            )
        if not callable(handler):
            raise TypeError(f"the handler for {function_arn} must be callable, not {handler!r}")
        self.handlers[function_arn] = handler

    def __contains__(self, function_arn: str) -> bool:
        return function_arn in self.handlers

    def invoke(self, invocation: LambdaInvocation) -> Performed:
        handler = self.handlers.get(invocation.function_arn)
        if handler is None:
            performed = Performed(
                error=f"no handler is registered for {invocation.function_arn} "
                "(sessim.register_lambda(function_arn, handler))"
            )
        else:
            context = LambdaContext(
                function_name=invocation.function_arn.rsplit(":function:", 1)[-1].split(":")[0],
                invoked_function_arn=invocation.function_arn,
                aws_request_id=invocation.request_id,
            )
            try:
                performed = Performed(result=handler(invocation.event, context))
            except Exception as error:  # the function failed: SES sees an invocation error
                detail = traceback.format_exc()
                performed = Performed(error=f"{type(error).__name__}: {error}\n{detail}")
        self.invocations.append((invocation, performed))
        return performed
