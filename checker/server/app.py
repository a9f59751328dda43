"""The ASGI app: /v1 (the JSON report), /v2 (LanguageTool's API), the editors' page, limits.

Every check goes through `checker.api.Checker`; this module only parses
requests, picks the Checker for the request's options and writes replies.
A client's `path` is a label in the report, never opened.
"""

from __future__ import annotations

import ctypes
import hmac
import inspect
import io
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from importlib import resources

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from checker import __version__
from checker.api import Checker, Options, make_reporter
from checker.config import ConfigError, matches
from checker.formats import FORMATS as INPUT_FORMATS
from checker.inputs import InputError
from checker.results import THRESHOLDS, Summary, exit_code, fails
from checker.run import settle_heap
from checker.safety import TimeBudgetExceeded, time_budget
from checker.server import Settings
from checker.server import languagetool
from checker.server.openapi import openapi_document

log = logging.getLogger("checker.server")

CHECKERS_KEPT = 8  # distinct select/ignore/enable sets kept loaded per worker (the rule-set cache holds as many)
THREADS = 4  # checks running at once per worker: a slow story does not hold up the next request
V1_FIELDS = {"text", "source", "path", "select", "ignore", "enable", "fail_on", "format"}


class BadRequest(Exception):
    """A client error: answered with its status and a one-line message, never a traceback."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class BodyTooLarge(Exception):
    pass


class BudgetedCheck:
    """One check in a worker thread that can be stopped once its client has had the 503.

    A thread cannot be killed, so two stops: the check's own deadline
    (checker.safety.time_budget) ends it at its next rule or regex, and
    stop() raises TimeBudgetExceeded inside the thread at its next Python
    instruction (CPython's PyThreadState_SetAsyncExc), which also ends a
    rule that loops in Python for a long time. The lock makes sure the
    exception is only ever raised while `run` is still inside the check.
    """

    def __init__(self, check, seconds: float):
        self.check, self.stop_at = check, time.monotonic() + seconds
        self.lock = threading.Lock()
        self.thread_id: int | None = None
        self.running = False

    def run(self):
        with self.lock:
            self.thread_id, self.running = threading.get_ident(), True
        try:
            with time_budget(self.stop_at - time.monotonic()):
                return self.check()
        finally:
            with self.lock:
                self.running = False

    def stop(self) -> None:
        with self.lock:
            if self.running and self.thread_id is not None:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id),
                                                           ctypes.py_object(TimeBudgetExceeded))


class Checkers:
    """The Checker for each distinct select/ignore/enable, built on first use, least recently used dropped."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.kept: OrderedDict[tuple, tuple[Checker, str]] = OrderedDict()
        self.default = self.get((), ())

    def get(self, select: tuple[str, ...], ignore: tuple[str, ...], enable: tuple[str, ...] = ()) -> Checker:
        return self.entry(select, ignore, enable)[0]

    def entry(self, select: tuple[str, ...], ignore: tuple[str, ...], enable: tuple[str, ...] = ()) -> tuple[Checker, str]:
        """The Checker and the head of its JSON report (schema version, tool, rules), written once."""
        key = (select, ignore, enable)
        if key in self.kept:
            self.kept.move_to_end(key)
            return self.kept[key]
        checker = Checker(Options(config=self.settings.config, discover_config=False, select=select, ignore=ignore,
                                  enable=enable))
        head = io.StringIO()
        make_reporter("json", head, checker).start()
        self.kept[key] = (checker, head.getvalue())
        if len(self.kept) > CHECKERS_KEPT:
            self.kept.popitem(last=False)
        return self.kept[key]


def _accepts(name: str) -> bool:
    return name in inspect.signature(Checker.check_text).parameters


# ---------------------------------------------------------------- request parsing


def _ids(value, field: str) -> tuple[str, ...]:
    """select/ignore/enable as a list of ids or one comma-separated string."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRequest(f"'{field}' must be a list of rule ids or prefixes (strings)")
    return tuple(sorted({v.strip() for item in value for v in item.split(",") if v.strip()}))


def _required(body: dict, field: str) -> str:
    value = _string(body, field)
    if value is None:
        raise BadRequest(f"missing field '{field}'")
    return value


def _string(body: dict, field: str) -> str | None:
    value = body.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"'{field}' must be a string, not {type(value).__name__}")
    if not valid_unicode(value):
        raise BadRequest(f"'{field}' holds a lone surrogate (a \\ud800-\\udfff escape without its pair): not valid Unicode")
    return value


def valid_unicode(text: str) -> bool:
    """JSON escapes can carry half a surrogate pair, which no UTF-8 reply can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


async def _json_body(request: Request) -> dict:
    raw = await request.body()
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"the body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    return body


# ---------------------------------------------------------------- the app


def create_app(settings: Settings) -> Starlette:
    try:
        checkers = Checkers(settings)
    except ConfigError as exc:
        raise SystemExit(f"checker: error: {exc}") from None
    rule_ids = [r.id for r in checkers.default.rules]
    # every loaded rule, those off by default too (`enable` or `select` turns them on): what a request may name
    loaded_ids = rule_ids + [r.id for r in checkers.default.ruleset.off]
    settle_heap()  # the loaded rules live as long as the worker (see checker.run.settle_heap)
    limiter = anyio.CapacityLimiter(THREADS)

    async def check(checker: Checker, text: str, path: str, **more):
        """Checker.check_text in a worker thread, within the time budget.

        Past the budget the client gets its 503 at once and the abandoned
        check is stopped (see BudgetedCheck) rather than left running beside
        the other requests.
        """
        budgeted = BudgetedCheck(lambda: checker.lint_text(text, path, **more), settings.time_budget)
        try:
            with anyio.fail_after(settings.time_budget):
                return await anyio.to_thread.run_sync(budgeted.run, abandon_on_cancel=True, limiter=limiter)
        except (TimeoutError, TimeBudgetExceeded):
            budgeted.stop()
            raise BadRequest(f"time budget exceeded: checking took longer than {settings.time_budget:g} s", 503) from None

    async def v1_check(request: Request) -> Response:
        body = await _json_body(request)
        unknown = sorted(set(body) - V1_FIELDS)
        if unknown:
            raise BadRequest(f"unknown field '{unknown[0]}' (known: {', '.join(sorted(V1_FIELDS))})")
        text = _required(body, "text")
        if not text.strip():
            raise BadRequest("'text' is empty")
        path = _string(body, "path") or "<text>"
        more = {}
        source = _string(body, "source")
        if source is not None:
            if not _accepts("source"):
                raise BadRequest("source checking not available")
            more["source"] = source
        fmt = _string(body, "format")
        if fmt is not None:
            if fmt not in INPUT_FORMATS:
                raise BadRequest(f"unknown format {fmt!r} (known: {', '.join(INPUT_FORMATS)})")
            if _accepts("input_format"):
                more["input_format"] = fmt
        fail_on = _string(body, "fail_on")
        if fail_on is not None and fail_on not in THRESHOLDS:
            raise BadRequest(f"'fail_on' must be one of {', '.join(THRESHOLDS)}, not {fail_on!r}")
        select, ignore, enable = (_ids(body.get(field), field) for field in ("select", "ignore", "enable"))
        for field, ids in (("select", select), ("ignore", ignore), ("enable", enable)):
            for rule_id in ids:
                if not any(matches(r, [rule_id]) for r in loaded_ids):
                    raise BadRequest(f"'{field}': {rule_id!r} matches no rule (GET /v1/rules lists them)")
        checker, head = checkers.entry(select, ignore, enable)
        try:
            result, summary = await check(checker, text, path, **more)
        except (ValueError, InputError) as exc:  # a story the library cannot read in its format, a bad source
            raise BadRequest(str(exc)) from None
        return Response(report(checker, head, result, summary, fail_on or checker.threshold), media_type="application/json")

    async def v1_rules(request: Request) -> Response:
        """The rules in force, then those off by default (`enabled: false`), as `checker rules list` lists them."""
        ruleset = checkers.default.ruleset
        return JSONResponse({"rules": [
            {"id": r.id, "kind": r.kind, "severity": str(r.severity), "issue_type": r.issue_type,
             "category": r.category, "description": r.description, "enabled": on}
            for r, on in [(r, True) for r in ruleset.rules] + [(r, False) for r in ruleset.off]]})

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "rules": len(rule_ids), "pid": os.getpid()})

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document())

    async def page(request: Request) -> Response:
        return HTMLResponse(PAGE, headers={"Content-Security-Policy": CSP})

    async def v2_languages(request: Request) -> Response:
        return JSONResponse(languagetool.LANGUAGES)

    async def v2_check(request: Request) -> Response:
        params = dict(request.query_params)
        if request.method == "POST":
            try:
                form = await request.form()
            except BodyTooLarge:
                raise
            except Exception as exc:  # a malformed form body
                raise BadRequest(f"the form body cannot be read: {exc}") from None
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
        try:
            query = languagetool.parse(params, checkers.default.rules)
        except ValueError as exc:
            raise BadRequest(str(exc)) from None
        plain = {"input_format": "text"} if _accepts("input_format") else {}  # LanguageTool's text is plain text
        result, _ = await check(checkers.default, query.text, "<languagetool>", **plain)
        return JSONResponse(languagetool.response(query, result, checkers.default.rules))

    async def bad_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BadRequest)
        if request.url.path.startswith("/v2/"):  # LanguageTool answers errors in plain text
            return PlainTextResponse(f"Error: {exc}".encode("utf-8", "backslashreplace"), status_code=exc.status)
        return Response(json.dumps({"error": str(exc)}), status_code=exc.status, media_type="application/json")

    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return JSONResponse({"error": "internal error (logged by the server)"}, status_code=500)

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/v1/check", v1_check, methods=["POST"]),
        Route("/v1/rules", v1_rules, methods=["GET"]),
        Route("/v2/check", v2_check, methods=["GET", "POST"]),
        Route("/v2/languages", v2_languages, methods=["GET"]),
    ]
    middleware = [Middleware(Limits, settings=settings)]
    if settings.cors_origins:
        middleware.insert(0, Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                        allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"]))
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={BadRequest: bad_request, Exception: internal})


def report(checker: Checker, head: str, result, summary: Summary, threshold: str) -> str:
    """The `--format json` report of one story (the CLI's own reporter) with the gate's verdict added.

    `head` is what the reporter's start() wrote for this Checker: the same for
    every story, and most of a small story's reporting time (it is indented
    JSON, which Python encodes without its C encoder), so it is written once.
    """
    out = io.StringIO()
    out.write(head)
    reporter = make_reporter("json", out, checker)
    reporter.file(result)
    reporter.finish(summary)
    text = out.getvalue()
    gate = {"fail_on": threshold, "fails": fails(summary, threshold), "exit_code": exit_code(summary, threshold)}
    return text[: text.rindex("}")].rstrip() + ',\n  "gate": ' + json.dumps(gate) + "\n}\n"


# ---------------------------------------------------------------- limits


OPEN_PATHS = {"/", "/healthz"}  # the page asks for the token itself; a probe needs none


class Limits:
    """Pure ASGI middleware: bearer token, maximum body size (413), and no traceback ever reaches a client."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.settings = settings
        self.token = settings.token.encode() if settings.token else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        if self.token and scope["path"] not in OPEN_PATHS and scope["method"] != "OPTIONS":
            given = headers.get(b"authorization", b"")
            if not hmac.compare_digest(given, b"Bearer " + self.token):
                return await _error(send, 401, "missing or wrong bearer token (Authorization: Bearer TOKEN)",
                                    [(b"www-authenticate", b"Bearer")])
        limit = self.settings.max_body
        try:
            declared = int(headers.get(b"content-length", b"0"))
        except ValueError:
            return await _error(send, 400, "bad Content-Length")
        if declared > limit:
            return await _error(send, 413, f"request body over the limit of {limit} bytes")
        seen = 0
        started = False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        async def watched_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if not started:
                await _error(send, 413, f"request body over the limit of {limit} bytes")


async def _error(send, status: int, message: str, extra: list | None = None) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


PAGE = resources.files("checker.server").joinpath("page.html").read_text("utf-8")
# The page carries its own script and style and fetches only this server.
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'"
