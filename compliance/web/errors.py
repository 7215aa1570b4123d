"""Error pages in Swedish, never with a stack trace."""
from __future__ import annotations

import http
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException

from .security.access import NOT_FOUND, LoginRequired
from .templating import bare_page, page

log = logging.getLogger(__name__)
MESSAGES = {
    400: "Begäran kunde inte tolkas. Gå tillbaka och försök igen.",
    401: "Du behöver logga in.",
    403: "Du har inte behörighet till den här sidan.",
    404: NOT_FOUND,
    405: "Det går inte att göra så på den här sidan.",
    413: "Filen är för stor.",
    422: "Något fält i formuläret saknas eller har fel format. Gå tillbaka och fyll i formuläret igen.",
    429: "För många försök. Vänta en stund och försök igen.",
    500: "Ett oväntat fel inträffade. Ingenting har ändrats. Försök igen eller kontakta administratören.",
}


def message_for(status: int, detail: object = None) -> str:
    """A Swedish message: ``detail`` when the app wrote one, else the standard one for ``status``."""
    standard = http.HTTPStatus(status).phrase if status in http.HTTPStatus._value2member_map_ else ""
    if isinstance(detail, str) and detail and detail != standard:
        return detail
    return MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])


def error_html(status: int, message: str) -> str:
    return bare_page("error.html", code=status, message=message)


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        target = request.url.path if request.method == "GET" else "/"
        return RedirectResponse(f"/logga-in?nasta={target}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        response = page(request, "error.html", None, status=exc.status_code, code=exc.status_code,
                        message=message_for(exc.status_code, exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_form(request: Request, exc: RequestValidationError):
        return page(request, "error.html", None, status=422, code=422, message=MESSAGES[422])

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.error("oväntat fel på %s %s", request.method, request.url.path, exc_info=exc)
        return HTMLResponse(error_html(500, MESSAGES[500]), status_code=500)
