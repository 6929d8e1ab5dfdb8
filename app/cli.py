"""The `testme` command: serve the console (default), `testme schema check PATH`,
`testme schema pull` (see `app.schema_pull`), `testme schema diff OLD NEW`, or
`testme sandbox coverage [--schema FILE]`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app.access_log import StripQueryString
from app.protocol.schema_loader import SchemaError, load_schema
from app.settings import Settings, SettingsError


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="testme",
        description="A console for Kaltura api_v3; without --service-url a sandbox answers.",
        epilog="Also: `testme schema check PATH` validates a schema file; "
        "`testme schema pull [--service-url URL] [-o FILE]` saves a server's schema; "
        "`testme schema diff OLD NEW` lists what changed between two schema files; "
        "`testme sandbox coverage [--schema FILE]` lists what the sandbox answers.",
    )
    parser.add_argument("--host", help="interface to listen on (default 127.0.0.1; TESTME_HOST)")
    parser.add_argument("--port", type=int, help="port (default 8000; TESTME_PORT)")
    parser.add_argument(
        "--service-url", help="a Kaltura server, e.g. https://www.kaltura.com (TESTME_SERVICE_URL)"
    )
    parser.add_argument("--schema", dest="schema_path", help="a schema XML file (TESTME_SCHEMA)")
    parser.add_argument(
        "--data-dir", help="sandbox database and schema cache (default ./var; TESTME_DATA_DIR)"
    )
    parser.add_argument(
        "--allowed-hosts",
        help="host names to answer to beside the loopback ones, comma-separated "
        "(TESTME_ALLOWED_HOSTS)",
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        help="reverse proxies whose X-Forwarded-Host/-Proto to believe, comma-separated "
        "(TESTME_FORWARDED_ALLOW_IPS)",
    )
    return parser


def exposure_warning(settings: Settings) -> str | None:
    """What to say when the sandbox's secrets (shown on the console page) are on the network."""
    if not (settings.sandbox and settings.listens_beyond_loopback):
        return None
    return (
        f"testme: warning: listening on {settings.host} in sandbox mode: the sandbox's admin "
        "secret, user secret and admin login are shown on the console page to anyone who can "
        "open it"
    )


def host_names_note(settings: Settings) -> str | None:
    """Listening on every interface, the console still answers only the names it knows (DNS
    rebinding): say so at start-up rather than leave a 400 to puzzle over."""
    if settings.host not in ("0.0.0.0", "::") or settings.allowed_hosts:
        return None
    return (
        "testme: answering only to localhost, 127.0.0.1 and [::1]; list the names or addresses "
        "it is reached by in TESTME_ALLOWED_HOSTS"
    )


def schema_check(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="testme schema check", description="Load a schema and summarize it."
    )
    parser.add_argument("path", type=Path)
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit non-zero when the schema refers to unknown types",
    )
    args = parser.parse_args(argv)
    try:
        schema = load_schema(args.path)
    except SchemaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(schema.summary())
    for warning in schema.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if schema.warnings:
        print(
            f"{len(schema.warnings)} references to unknown types (shown as JSON fields)",
            file=sys.stderr,
        )
    return 1 if args.strict and schema.warnings else 0


def schema_diff(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="testme schema diff",
        description="What changed between two schema files: services, actions, parameters, "
        "types, properties, enum values and errors added or removed, types changed, parameters "
        "made required, deprecations.",
    )
    parser.add_argument("old", type=Path, help="the older schema file")
    parser.add_argument("new", type=Path, help="the newer schema file")
    args = parser.parse_args(argv)
    from app.reference.schema_diff import as_text, compare

    try:
        old, new = load_schema(args.old), load_schema(args.new)
    except SchemaError as exc:  # names the file and the line, as `schema check` does
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(as_text(compare(old, new)))
    return 0


def sandbox_coverage(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="testme sandbox coverage",
        description="Per service, which actions the sandbox keeps state for, simulates, or "
        "answers with SANDBOX_ACTION_NOT_SIMULATED.",
    )
    parser.add_argument("--schema", type=Path, help="a schema XML file (default: the embedded one)")
    args = parser.parse_args(argv)
    from app.resources import default_schema_path
    from app.sandbox.engine import build_engine
    from app.sandbox.engine.coverage import coverage, report

    try:
        schema = load_schema(args.schema or default_schema_path())
    except SchemaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(report(coverage(schema, build_engine(schema))))
    return 0


def serve(argv: Sequence[str]) -> int:
    args = _serve_parser().parse_args(argv)
    try:
        settings = Settings.from_env(**{k: v for k, v in vars(args).items() if v is not None})
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import uvicorn

    from app.web.app import create_app

    try:
        app = create_app(settings)
    except SchemaError as exc:
        print(f"error: the schema cannot be used: {exc}", file=sys.stderr)
        return 1
    for note in (exposure_warning(settings), host_names_note(settings)):
        if note:
            print(note, file=sys.stderr)
    print(
        f"testme: console on http://{settings.host}:{settings.port}/api_v3/testme/", file=sys.stderr
    )
    config = uvicorn.Config(app, host=settings.host, port=settings.port, proxy_headers=False)
    logging.getLogger("uvicorn.access").addFilter(StripQueryString())  # after uvicorn's set-up
    uvicorn.Server(config).run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:2] == ["schema", "check"]:
        return schema_check(args[2:])
    if args[:2] == ["schema", "pull"]:
        from app.schema_pull import schema_pull

        return schema_pull(args[2:])
    if args[:2] == ["schema", "diff"]:
        return schema_diff(args[2:])
    if args[:2] == ["sandbox", "coverage"]:
        return sandbox_coverage(args[2:])
    if args[:1] == ["sandbox"]:
        print("usage: testme sandbox coverage [--schema FILE]", file=sys.stderr)
        return 2
    if args[:1] == ["schema"]:
        print(
            "usage: testme schema check PATH | testme schema pull [--service-url URL] [-o FILE]"
            " | testme schema diff OLD NEW",
            file=sys.stderr,
        )
        return 2
    return serve(args)
