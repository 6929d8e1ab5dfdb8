"""Errors in one place.

    ConsoleError            something the console answers with a fragment, not a 500
     └── NotFound           unknown service, action or type in a console request (404)

Upstream failures are not exceptions here: they are results to show (see `upstream.Answer`).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from app.web.templating import templates


class ConsoleError(Exception):
    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ConsoleError):
    status_code = 404


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ConsoleError)
    async def console_error(request: Request, exc: ConsoleError) -> Response:
        response: HTMLResponse = templates.TemplateResponse(
            request, "_problem.html", {"message": exc.message}, status_code=exc.status_code
        )
        response.headers["Vary"] = "HX-Request"
        return response
