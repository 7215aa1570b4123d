"""A hard limit on request bodies, before any parsing: a too large upload is refused (413)
without being written anywhere."""
from __future__ import annotations

from decimal import Decimal

from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..money import format_amount
from .errors import error_html


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, too_large_message(limit))


def megabytes(limit: int) -> str:
    """``5`` or ``2,5``: a byte limit in megabytes, Swedish style."""
    text = format_amount(Decimal(limit) / (1024 * 1024))
    return text[:-3] if text.endswith(",00") else text


def too_large_message(limit: int) -> str:
    return f"Filen är för stor. Största tillåtna storlek är {megabytes(limit)} MB."


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int, file_limit: int):
        self.app, self.max_bytes, self.file_limit = app, max_bytes, file_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            response = HTMLResponse(error_html(413, too_large_message(self.file_limit)), status_code=413,
                                    headers={"Connection": "close"})
            await response(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge(self.file_limit)
            return message

        await self.app(scope, limited, send)
