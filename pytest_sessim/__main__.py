"""``python -m pytest_sessim serve``: the simulator as a standalone local server."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pytest_sessim")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="answer SES v1/v2 over HTTP (any SDK's endpoint_url), SMTP, and read endpoints",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=0, help="HTTP port (0: a free one)")
    serve.add_argument("--smtp-port", type=int, default=0, help="SMTP port (0: a free one)")
    serve.add_argument("--no-smtp", action="store_true", help="do not start the SMTP interface")
    serve.add_argument("--region", default=None, help="SES Region (default us-east-1)")
    serve.add_argument(
        "--verified", nargs="*", default=None, metavar="IDENTITY", help="verified identities"
    )
    serve.add_argument("--sandbox", action="store_true", default=None, help="start in the sandbox")
    serve.add_argument(
        "--auto-verify",
        action="store_true",
        default=None,
        help="verify identities created through the API at once",
    )
    serve.add_argument("--seed", type=int, default=None, help="seed for generated ids")
    serve.add_argument("--smtp-username", default=None)
    serve.add_argument("--smtp-password", default=None)
    serve.add_argument(
        "--smtp-plaintext-auth",
        action="store_true",
        help="accept AUTH without STARTTLS (SES answers 530 Must issue a STARTTLS command first)",
    )
    serve.add_argument(
        "--now",
        default=None,
        help="pin the clock at this ISO 8601 time (it then moves only by POST /_sessim/clock); "
        "by default it follows wall time",
    )
    serve.add_argument("--config", default=None, help="a JSON file of settings")
    serve.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)

    from .server.app import serve as run
    from .server.state import ServerSettings

    settings = ServerSettings.from_file(args.config) if args.config else ServerSettings()
    if args.region:
        settings.region = args.region
    if args.verified is not None:
        settings.verified = [*settings.verified, *args.verified]
    if args.sandbox is not None:
        settings.sandbox = args.sandbox
    if args.auto_verify is not None:
        settings.auto_verify = args.auto_verify
    if args.seed is not None:
        settings.seed = args.seed
    if args.smtp_username:
        settings.smtp_username = args.smtp_username
    if args.smtp_password:
        settings.smtp_password = args.smtp_password
    if args.smtp_plaintext_auth:
        settings.smtp_plaintext_auth = True
    if args.now is not None:
        from .options import parse_now

        settings.now = parse_now(args.now)
    return run(
        settings,
        host=args.host,
        port=args.port,
        smtp_port=None if args.no_smtp else args.smtp_port,
        verbose=args.verbose,
    )


if __name__ == "__main__":
    sys.exit(main())
