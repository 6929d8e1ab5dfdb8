"""Errors in one place.

    ConsoleError            something the console answers with a fragment, not a 500
     └── NotFound           unknown service, action or type in a console request (404)

A console request whose query does not parse (a non-numeric item index) gets the same fragment
with 400, rather than FastAPI's JSON.

Upstream failures are not exceptions here: they are results to show (see `upstream.Answer`).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response

from app.web.templating import fragment


class ConsoleError(Exception):
    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ConsoleError):
    status_code = 404


@dataclass(frozen=True)
class Problem:
    message: str


def problem(request: Request, message: str, status_code: int) -> HTMLResponse:
    return fragment(request, "_problem.html", Problem(message), status_code=status_code)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ConsoleError)
    async def console_error(request: Request, exc: ConsoleError) -> Response:
        return problem(request, exc.message, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        where = "; ".join(
            f"{error['loc'][-1]}: {error['msg']}" for error in exc.errors() if error.get("loc")
        )
        return problem(request, f"This console request does not parse ({where}).", 400)
