"""`checker serve`: the checker as an HTTP service for a CMS, a web page for editors, and LanguageTool's API.

One ASGI app (Starlette, run by uvicorn). Each worker process builds the
app through `app_from_env`, so the rule set is loaded once per worker and
never per request. The settings travel to the workers in one environment
variable because uvicorn starts its workers as fresh processes.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

ENV = "CHECKER_SERVE_SETTINGS"


@dataclass(frozen=True)
class Settings:
    config: str | None = None  # config file; a server never goes looking for one in its working folder
    max_body: int = 1_000_000  # bytes of request body
    token: str | None = None  # bearer token the API endpoints demand, if set
    cors_origins: tuple[str, ...] = ()
    time_budget: float = 10.0  # seconds one check may take before the client gets a 503


def app_from_env():
    """The app factory uvicorn calls in each worker (`checker.server:app_from_env`, factory=True)."""
    from checker.server.app import create_app

    raw = json.loads(os.environ.get(ENV, "{}"))
    raw["cors_origins"] = tuple(raw.get("cors_origins", ()))
    return create_app(Settings(**raw))


def serve(settings: Settings, host: str, port: int, workers: int) -> int:
    """Run uvicorn until SIGTERM/SIGINT; in-flight requests finish before it exits."""
    import uvicorn

    os.environ[ENV] = json.dumps(asdict(settings))
    uvicorn.run("checker.server:app_from_env", factory=True, host=host, port=port, workers=workers,
                access_log=False, log_level="info", timeout_graceful_shutdown=max(30, int(settings.time_budget) + 5))
    return 0
