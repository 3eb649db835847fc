"""`newsledger serve`: the store in a browser (server-rendered pages) and as a REST API.

    from newsledger.store import Store
    from newsledger.web import create_app
    app = create_app(Store("sqlite:///newsledger.db"))   # an ASGI app; `serve` runs it with uvicorn
    serve(store, workers=2)                              # or in worker processes, each with its own store

Safe by default: read-only unless `allow_writes` (then every write needs the token from
$NEWSLEDGER_WRITE_TOKEN), 127.0.0.1 unless told otherwise, request bodies limited, every value
HTML-escaped, a strict Content-Security-Policy, all assets served from the package, and errors
answered with a status code and a message, never a stack trace.
"""
from __future__ import annotations

import json
import os
from importlib import resources
from typing import Optional

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..store import FilterError, Store, StoreError
from . import api, pages
from .guard import MAX_BODY, TOKEN_ENV, BodyLimit, error_response, headers_middleware, install_error_handlers
from .state import State

__all__ = ["create_app", "serve", "TOKEN_ENV"]
SERVE_ENV = "NEWSLEDGER_SERVE"  # how `serve` tells its worker processes the store and the options (JSON)


def create_app(store: Store, *, allow_writes: bool = False, token: Optional[str] = None,
               max_body: int = MAX_BODY, model: Optional[str] = None) -> FastAPI:
    if allow_writes and not token:
        raise ValueError(f"writes need a token: set ${TOKEN_ENV}")
    app = FastAPI(title="newsledger", version=__version__, openapi_url=f"{api.API}/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="Events and claims of the stored articles, with their evidence.")
    app.state.newsledger = State(store=store, allow_writes=allow_writes, token=token, model=model)
    install_error_handlers(app)

    @app.exception_handler(FilterError)
    async def bad_filter(request, exc: FilterError):
        return error_response(request.url.path, 422, str(exc)[:300])

    @app.exception_handler(StoreError)
    async def store_down(request, exc: StoreError):
        return error_response(request.url.path, 503, "the store is not available")

    headers_middleware(app)
    app.add_middleware(BodyLimit, limit=max_body)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static/docs", StaticFiles(directory=str(resources.files("fastapi_offline") / "static")),
              name="docs-assets")
    app.mount("/static", StaticFiles(directory=str(resources.files(__package__) / "static")), name="static")
    return app


def serve(store: Store, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1, **options) -> None:
    """Runs the app with uvicorn until interrupted. With `workers` > 1, that many processes share
    the port (Python runs one request at a time per process): each opens the store itself and
    builds the app from $NEWSLEDGER_SERVE, the token from the environment as before."""
    import uvicorn

    if workers <= 1:
        uvicorn.run(create_app(store, **options), host=host, port=port, log_level="info",
                    server_header=False, proxy_headers=False)
        return
    os.environ[SERVE_ENV] = json.dumps({"url": store.url, **{k: v for k, v in options.items() if k != "token"}})
    store.close()
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="info", server_header=False, proxy_headers=False)


def app_from_environment() -> FastAPI:
    """The app of one worker process of `serve(..., workers=N)`."""
    options = json.loads(os.environ[SERVE_ENV])
    return create_app(Store(options.pop("url")), token=os.environ.get(TOKEN_ENV) or None, **options)
