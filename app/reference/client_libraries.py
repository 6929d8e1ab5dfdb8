"""The official Kaltura client libraries and a first call with each: `session.start`.

Each package name was checked once against its registry (see `verified`), not guessed: the
page tells a person what to install, so a wrong name sends them to a stranger's package.
Pure: no I/O and no web imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.protocol.call import Call, EnumConst, Scalar
from app.protocol.schema import Schema
from app.reference import samples


@dataclass(frozen=True)
class Library:
    language: str  # a `samples.LANGUAGES` id when the console writes samples for it, else ""
    name: str
    package: str
    install: str
    verified: str  # how the package name was checked


LIBRARIES: tuple[Library, ...] = (
    Library(
        "python",
        "Python",
        "KalturaApiClient",
        "pip install KalturaApiClient",
        "pip index versions KalturaApiClient (PyPI)",
    ),
    Library(
        "javascript",
        "JavaScript (Node.js)",
        "kaltura-client",
        "npm install kaltura-client",
        "npm view kaltura-client (npm registry)",
    ),
    Library(
        "php",
        "PHP",
        "kaltura/api-client-library",
        "composer require kaltura/api-client-library",
        "packagist.org/packages/kaltura/api-client-library",
    ),
    Library(
        "java",
        "Java",
        "com.kaltura:KalturaApiClient",
        "Maven: <groupId>com.kaltura</groupId> <artifactId>KalturaApiClient</artifactId>",
        "central.sonatype.com/artifact/com.kaltura/KalturaApiClient",
    ),
    Library(
        "ruby",
        "Ruby",
        "kaltura-client",
        "gem install kaltura-client",
        "developer.kaltura.com/api-docs/Client_Libraries",
    ),
)


PARTNER_PLACEHOLDER = "123456"
"""Written when the console does not know the partner (a real server): the page says to
replace it. A number, so the sample stays valid code in every language."""


def session_start(partner_id: str) -> Call:
    """The first call everyone makes: an admin session from the partner's secret. The secret
    is a `secret` parameter, so every renderer reads it from KALTURA_SECRET, never writes it."""
    return Call(
        "session",
        "start",
        params=(
            ("secret", Scalar("secret", "string")),
            ("userId", Scalar("", "string")),
            ("type", EnumConst("2", "KalturaSessionType", "ADMIN")),
            ("partnerId", Scalar(partner_id or PARTNER_PLACEHOLDER, "int")),
        ),
    )


def first_calls(schema: Schema, service_url: str, partner_id: str) -> dict[str, str]:
    """`session.start` written with each library the console has a sample writer for."""
    context = samples.SampleContext(schema, service_url)
    call = session_start(partner_id)
    return {
        lib.language: samples.render(lib.language, call, context)
        for lib in LIBRARIES
        if lib.language
    }
