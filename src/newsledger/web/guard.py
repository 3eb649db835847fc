"""What keeps the server safe to leave running: body size limits, strict response headers,
the write token, and error answers that never show a stack trace.

Errors under /api answer JSON `{"error": {"status": ..., "message": ..., "detail": ...}}`; pages
answer a small HTML page with the same status. Anything unexpected is logged on the server and
answered 500 with a fixed message.
"""
from __future__ import annotations

import hmac
import logging
from typing import Any, Awaitable, Callable, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .html import error_page

log = logging.getLogger("newsledger.web")

MAX_BODY = 2_000_000  # bytes: a long article is a few hundred kB
TOKEN_ENV = "NEWSLEDGER_WRITE_TOKEN"

# Pages run only their own script and stylesheet and load nothing from elsewhere.
STRICT_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'self'; "
                 "base-uri 'none'")


class BodyLimit:
    """Refuses request bodies over `limit` bytes with 413: by declared length at once, else by
    reading the body (at most `limit` bytes) before the app sees it, and replaying it."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _plain_error(scope, send, 413, f"request body over {self.limit} bytes")
            return
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                await _plain_error(scope, send, 413, f"request body over {self.limit} bytes")
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)


async def _plain_error(scope: Scope, send: Send, status: int, message: str) -> None:
    response = error_response(scope.get("path", ""), status, message)
    await response(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


def headers_middleware(app: FastAPI) -> None:
    """Adds the strict content policy (unless a route set its own) and no-sniff/no-referrer."""

    @app.middleware("http")
    async def secure_headers(request: Request, call_next: Callable[[Request], Awaitable[Any]]):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", STRICT_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def error_response(path: str, status: int, message: str, detail: Any = None):
    """JSON for the API, a small escaped HTML page for the pages."""
    if is_api(path):
        body = {"error": {"status": status, "message": message}}
        if detail is not None:
            body["error"]["detail"] = detail
        return JSONResponse(body, status_code=status)
    return HTMLResponse(error_page(status, message, detail), status_code=status)


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Where and what, without echoing whole inputs (which may be long or hostile)."""
    detail = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "body"))
        detail.append({"parameter": where or None, "problem": str(error.get("msg", "invalid"))[:200]})
    return detail


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return error_response(request.url.path, 422, "invalid request parameters", _validation_detail(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return error_response(request.url.path, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request.url.path, 500, "internal error (logged on the server)")


def token_matches(expected: Optional[str], given: Optional[str]) -> bool:
    """Constant-time comparison; no expected token means no writes at all."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))
