"""``kg serve``: a read-only SPARQL 1.1 protocol endpoint over a built graph, and its HTML view.

- ``GET /sparql?query=…``, ``POST /sparql`` with ``application/sparql-query`` or a form
  (``query=…``): SPARQL 1.1 Protocol. Results by content negotiation (``Accept``): SELECT/ASK
  as SPARQL results JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle (default),
  N-Triples, JSON-LD or RDF/XML. Updates are refused (403): the store is read-only.
- ``GET /`` (and ``/graph.html``): the HTML view the build wrote; ``GET /graph.ttl``.
  ``HEAD`` works wherever ``GET`` does.

The HTTP layer is waitress (a pure-Python WSGI server): it parses requests, bounds the
listen backlog, connections, request size and idle time, and closes a connection whose
request it refused. This module is the WSGI application (``App``) and its limits:

- Each query runs in a worker process (``kg.query.isolate.WorkerPool``): past the time
  limit, or when its client disconnects, the worker is killed and replaced; results are
  capped in rows and bytes. The query text is checked before any parser sees it
  (``kg.query.guard``: length, nesting, SERVICE).
- ``Host`` must name this server (127.0.0.1, localhost, [::1], with its port): a DNS
  rebinding page cannot reach it under a name of its own. No CORS header unless
  ``--cors-origin`` names the origin; a request from any other web origin is refused.
- The page gets a Content-Security-Policy header allowing only its own inline scripts
  (by hash), inline styles and data: images.

Each query reads the graph's current snapshot (``kg.rdf.store``): a build running beside the
server publishes a new snapshot, and the next query sees it; the old one's lease is
released when the last query using it ends.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from kg.errors import GraphError, KgError
from kg.query.guard import check_query
from kg.query.isolate import (
    MAX_BYTES,
    MAX_ROWS,
    Job,
    NotAcceptable,
    QueryCancelled,
    QueryTimeout,
    WorkerBusy,
    WorkerPool,
)
from kg.rdf import store

#: Media types for SELECT/ASK results, best first, and kg's format names for them.
RESULT_TYPES = {
    "application/sparql-results+json": "sparql-json",
    "application/sparql-results+xml": "sparql-xml",
    "text/csv": "sparql-csv",
    "text/tab-separated-values": "sparql-tsv",
    "application/json": "sparql-json",
    "application/xml": "sparql-xml",
}
#: Media types for CONSTRUCT/DESCRIBE results and kg's format names for them.
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
MAX_BODY = 1_000_000
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)
Response = tuple[HTTPStatus, bytes, str, dict[str, str]]


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offer the ``Accept`` header prefers (q-values, wildcards); the first when absent.

    Each offer takes the q of the most specific range matching it; ties go to the order of
    ``offers``. None when the header accepts none of them.
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    scored: list[tuple[float, int, str]] = []
    for rank, offer in enumerate(offers):
        family = offer.split("/")[0] + "/*"
        matches = [(2 if m == offer else 1 if m == family else 0, q)
                   for m, q in ranges if m in (offer, family, "*/*")]  # fmt: skip
        if matches:
            q = max(matches)[1]
            if q > 0:
                scored.append((q, -rank, offer))
    return max(scored)[2] if scored else None


class Snapshots:
    """Leases on the graph's current snapshot, renewed when a build switches ``OUT/store``.

    The server process never opens the store: it holds the lease, the worker that runs a
    query opens the snapshot folder it is given.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self._lock = threading.Lock()
        self._current: store.Snapshot | None = None
        self._users: dict[int, int] = {}

    @contextmanager
    def use(self) -> Iterator[Path]:
        with self._lock:
            if self._current is None or store.current(self.out) != self._current.path:
                previous = self._current
                self._current = store.open_snapshot(self.out)
                if previous is not None and not self._users.get(id(previous)):
                    previous.close()
            snapshot = self._current
            self._users[id(snapshot)] = self._users.get(id(snapshot), 0) + 1
        try:
            yield snapshot.path
        finally:
            with self._lock:
                self._users[id(snapshot)] -= 1
                if not self._users[id(snapshot)]:
                    del self._users[id(snapshot)]
                    if snapshot is not self._current:
                        snapshot.close()

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._current.close()
                self._current = None


@dataclass
class Settings:
    """What ``kg serve``'s options set."""

    timeout: float = 10.0
    max_rows: int = MAX_ROWS
    max_bytes: int = MAX_BYTES
    workers: int = 2
    cors_origins: tuple[str, ...] = ()
    quiet: bool = False
    memory: int | None = 2 << 30
    idle_timeout: float = 15.0
    hosts: set[str] = field(default_factory=set)


class App:
    """The WSGI application: routes, Host/Origin checks, queries through the worker pool."""

    def __init__(self, out: Path, settings: Settings, pool: WorkerPool) -> None:
        self.out = out
        self.settings = settings
        self.pool = pool
        self.snapshots = Snapshots(out)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        origin = environ.get("HTTP_ORIGIN")
        try:
            status, body, kind, headers = self._respond(environ, method, origin)
        except Exception as exc:  # never an empty reply: a bug is a 500 with one line
            status, body, kind, headers = _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"{exc}")
        headers = {**headers, **self._cors(origin)}
        head = [("Content-Type", kind), ("Content-Length", str(len(body))), *headers.items(),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "no-referrer")]  # fmt: skip
        start_response(f"{status.value} {status.phrase}", head)
        if not self.settings.quiet:
            print(f'{environ.get("REMOTE_ADDR", "-")} "{method} {environ.get("PATH_INFO", "")}" '
                  f"{status.value}", file=sys.stderr, flush=True)  # fmt: skip
        return [] if method == "HEAD" else [body]

    def _respond(self, environ: dict[str, Any], method: str, origin: str | None) -> Response:
        if not self._host_ok(environ.get("HTTP_HOST")):
            return _text(HTTPStatus.MISDIRECTED_REQUEST, "unexpected Host header")
        if origin is not None and not self._origin_ok(origin, environ.get("HTTP_HOST")):
            return _text(HTTPStatus.FORBIDDEN, f"origin {origin} may not use this server")
        path = environ.get("PATH_INFO", "")
        if method == "OPTIONS":
            return HTTPStatus.NO_CONTENT, b"", "text/plain", {
                "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type, Accept",
                "Access-Control-Max-Age": "600",
            }  # fmt: skip
        if method not in {"GET", "HEAD", "POST"}:
            status, body, kind, _ = _text(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} not allowed")
            return status, body, kind, {"Allow": "GET, HEAD, POST, OPTIONS"}
        if path == "/sparql":
            return self._sparql(environ, method)
        files = {"/": "graph.html", "/graph.html": "graph.html", "/graph.ttl": "graph.ttl"}
        if path in files and method != "POST":
            return self._file(self.out / files[path])
        return _text(HTTPStatus.NOT_FOUND, "not found")

    def _host_ok(self, host: str | None) -> bool:
        if host is None:
            return True  # HTTP/1.0 without Host: no browser, so no rebinding
        return host.lower() in self.settings.hosts

    def _origin_ok(self, origin: str, host: str | None) -> bool:
        own = host is not None and origin.lower() in {f"http://{host.lower()}"}
        return own or origin in self.settings.cors_origins

    def _cors(self, origin: str | None) -> dict[str, str]:
        if origin is None or origin not in self.settings.cors_origins:
            return {}
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin, Accept"}

    def _sparql(self, environ: dict[str, Any], method: str) -> Response:
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if method == "POST":
            length = environ.get("CONTENT_LENGTH") or "0"
            body = environ["wsgi.input"].read(int(length)).decode("utf-8", "replace")
            kind = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
            if kind == "application/sparql-query":
                params = {"query": [body]}
            elif kind == "application/sparql-update":
                params = {"update": [body]}
            elif kind == "application/x-www-form-urlencoded":
                params = parse_qs(body, keep_blank_values=True)
            else:
                return _text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported type {kind!r}")
        if "update" in params:
            return _text(HTTPStatus.FORBIDDEN, "this endpoint is read-only")
        if "query" not in params:
            return _text(HTTPStatus.BAD_REQUEST, "give a SPARQL query: query=…")
        return self._query(params["query"][0], environ)

    def _query(self, sparql: str, environ: dict[str, Any]) -> Response:
        accept = environ.get("HTTP_ACCEPT")
        rows, graph = negotiate(accept, list(RESULT_TYPES)), negotiate(accept, list(GRAPH_TYPES))
        if rows is None and graph is None:
            offers = ", ".join([*RESULT_TYPES, *GRAPH_TYPES])
            return _text(HTTPStatus.NOT_ACCEPTABLE, f"acceptable: {offers}")
        disconnected = environ.get("waitress.client_disconnected")
        try:
            check_query(sparql, hint=None)
            with self.snapshots.use() as snapshot:
                job = Job(
                    sparql, folder=str(snapshot), snapshot=True,
                    rows_format=RESULT_TYPES[rows] if rows else None,
                    graph_format=GRAPH_TYPES[graph] if graph else None,
                    max_rows=self.settings.max_rows, max_bytes=self.settings.max_bytes,
                )  # fmt: skip
                answer = self.pool.run(job, self.settings.timeout, disconnected)
        except NotAcceptable as exc:
            return _text(HTTPStatus.NOT_ACCEPTABLE, exc.problem)
        except QueryTimeout as exc:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE, exc.problem)
        except (QueryCancelled, WorkerBusy) as exc:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE, exc.problem, {"Retry-After": "1"})
        except GraphError as exc:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except KgError as exc:
            return _text(HTTPStatus.BAD_REQUEST, exc.problem)
        media = rows if answer.kind == "rows" else graph
        assert media is not None
        charset = "" if media.endswith("json") else "; charset=utf-8"
        return HTTPStatus.OK, answer.text.encode("utf-8"), f"{media}{charset}", {"Vary": "Accept"}

    def _file(self, path: Path) -> Response:
        try:
            data = path.read_bytes()
        except OSError:
            return _text(HTTPStatus.NOT_FOUND, f"{path.name} not written by the last build "
                         "(kg build --files always, kg dump or kg viz write it)")
        if path.suffix != ".html":
            return HTTPStatus.OK, data, "text/turtle; charset=utf-8", {}
        return HTTPStatus.OK, data, "text/html; charset=utf-8", {
            "Content-Security-Policy": page_policy(data),
        }  # fmt: skip


def page_policy(html: bytes) -> str:
    """The page's Content-Security-Policy: its own inline scripts (by hash), inline styles,
    data: images; nothing fetched, no framing, no forms, no base URL."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.finditer(html)
    ]
    scripts = " ".join(hashes) or "'none'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def _text(status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> Response:
    line = " ".join(message.split()) + "\n"  # one line, whatever the error said
    return status, line.encode("utf-8"), "text/plain; charset=utf-8", headers or {}


class KgServer:
    """waitress serving :class:`App` on one address; ``serve_forever``, then ``close``."""

    def __init__(self, out: Path, host: str, port: int, settings: Settings) -> None:
        from waitress.server import create_server

        self.out = out
        self.settings = settings
        if settings.quiet:  # waitress warns when requests queue up; -q means no log at all
            logging.getLogger("waitress").setLevel(logging.ERROR)
        self.pool = WorkerPool(settings.workers, settings.memory)
        self.app = App(out, settings, self.pool)
        try:
            self._server = create_server(
                self.app, host=host, port=port, threads=max(8, 2 * settings.workers),
                backlog=1024, connection_limit=512, asyncore_use_poll=True,
                channel_timeout=max(1, round(settings.idle_timeout)),
                cleanup_interval=max(1, round(settings.idle_timeout / 3)),
                max_request_body_size=MAX_BODY, max_request_header_size=64 * 1024,
                channel_request_lookahead=1, ident="kg", expose_tracebacks=False,
                clear_untrusted_proxy_headers=True,
            )  # fmt: skip
        except BaseException:
            self.pool.close()
            raise
        self.host, self.port = host, int(self._server.effective_port)
        names = {*LOCAL_NAMES, host.lower()}
        settings.hosts = names | {f"{name}:{self.port}" for name in names}

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def serve_forever(self) -> None:
        self._server.run()

    def close(self) -> None:
        self._server.close()
        self.pool.close()
        self.app.snapshots.close()


def make_server(
    out: str | Path, host: str = "127.0.0.1", port: int = 7878, settings: Settings | None = None
) -> KgServer:
    """A server for the graph in ``out`` (checked to hold a store); call ``serve_forever``."""
    folder = Path(out)
    if store.current(folder) is None:
        raise GraphError("no graph store here; run `kg build` first", folder)
    try:
        return KgServer(folder, host, port, settings or Settings())
    except OSError as exc:
        raise GraphError(f"cannot listen on {host}:{port}: {exc.strerror}", folder) from exc
