"""``kg serve``: a read-only SPARQL 1.1 protocol endpoint over a built graph, and its HTML view.

- ``GET /sparql?query=…``, ``POST /sparql`` with ``application/sparql-query`` or a form
  (``query=…``): SPARQL 1.1 Protocol. Results by content negotiation (``Accept``): SELECT/ASK
  as SPARQL results JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle (default),
  N-Triples, JSON-LD or RDF/XML. Updates are refused (403): the store is read-only.
- ``GET /`` (and ``/graph.html``): the HTML view the build wrote; ``GET /graph.ttl``.

Each request reads the graph's current snapshot (``kg.rdf.store``): a build running beside the
server publishes a new snapshot, and the next request sees it; the old one is released when
the last request using it ends.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from rdflib import Graph

from kg.errors import GraphError, KgError
from kg.query import format_result, run_query
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
#: Media types for CONSTRUCT/DESCRIBE results and rdflib's serializer names.
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
MAX_BODY = 1_000_000


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
    """The graph's current snapshot, reopened when a build switches ``OUT/store``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._lock = threading.Lock()
        self._graph: Graph | None = None
        self._path: Path | None = None
        self._users: dict[int, int] = {}

    @contextmanager
    def use(self) -> Iterator[Graph]:
        with self._lock:
            if self._graph is None or store.current(self.out) != self._path:
                previous = self._graph
                self._graph = store.open_graph(self.out)
                self._path = self._graph.store._kg_snapshot.path  # type: ignore[attr-defined]
                if previous is not None and not self._users.get(id(previous)):
                    previous.close()
            graph = self._graph
            self._users[id(graph)] = self._users.get(id(graph), 0) + 1
        try:
            yield graph
        finally:
            with self._lock:
                self._users[id(graph)] -= 1
                if not self._users[id(graph)]:
                    del self._users[id(graph)]
                    if graph is not self._graph:
                        graph.close()

    def close(self) -> None:
        with self._lock:
            if self._graph is not None:
                self._graph.close()
                self._graph = None


class Handler(BaseHTTPRequestHandler):
    """SPARQL protocol and static files; one instance per request."""

    server: KgServer
    protocol_version = "HTTP/1.1"
    server_version = "kg"

    def do_GET(self) -> None:  # noqa: N802 (the http.server naming)
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            if "update" in params:
                return self._send(HTTPStatus.FORBIDDEN, "this endpoint is read-only\n")
            if "query" not in params:
                return self._send(HTTPStatus.BAD_REQUEST, "give a SPARQL query: ?query=…\n")
            return self._query(params["query"][0])
        files = {"/": "graph.html", "/graph.html": "graph.html", "/graph.ttl": "graph.ttl"}
        if url.path in files:
            return self._file(self.server.out / files[url.path])
        self._send(HTTPStatus.NOT_FOUND, "not found\n")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(HTTPStatus.NOT_FOUND, "not found\n")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large\n")
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            return self._query(body)
        if kind == "application/sparql-update":
            return self._send(HTTPStatus.FORBIDDEN, "this endpoint is read-only\n")
        if kind == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return self._send(HTTPStatus.FORBIDDEN, "this endpoint is read-only\n")
            if "query" in form:
                return self._query(form["query"][0])
            return self._send(HTTPStatus.BAD_REQUEST, "give a SPARQL query: query=…\n")
        self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported content type {kind!r}\n")

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _query(self, sparql: str) -> None:
        accept = self.headers.get("Accept")
        try:
            with self.server.snapshots.use() as graph:
                result = run_query(graph, sparql)
                if result.type in {"CONSTRUCT", "DESCRIBE"}:
                    media = negotiate(accept, list(GRAPH_TYPES))
                    if media is None:
                        return self._not_acceptable(list(GRAPH_TYPES))
                    assert result.graph is not None
                    text = result.graph.serialize(format=GRAPH_TYPES[media])
                else:
                    media = negotiate(accept, list(RESULT_TYPES))
                    if media is None:
                        return self._not_acceptable(list(RESULT_TYPES))
                    text = format_result(result, RESULT_TYPES[media])
        except GraphError as exc:
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, f"{exc}\n")
        except KgError as exc:
            return self._send(HTTPStatus.BAD_REQUEST, f"{exc.problem}\n")
        charset = "" if media.endswith("json") else "; charset=utf-8"
        self._send(HTTPStatus.OK, text, f"{media}{charset}")

    def _not_acceptable(self, offers: list[str]) -> None:
        self._send(HTTPStatus.NOT_ACCEPTABLE, "acceptable: " + ", ".join(offers) + "\n")

    def _file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError:
            return self._send(HTTPStatus.NOT_FOUND, f"{path.name} not built yet\n")
        kind = "text/html" if path.suffix == ".html" else "text/turtle"
        kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, data, kind)

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")

    def _send(
        self, status: HTTPStatus, body: str | bytes, kind: str = "text/plain; charset=utf-8"
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if not self.server.quiet:
            super().log_message(format, *args)


class KgServer(ThreadingHTTPServer):
    """A threading HTTP server bound to one graph folder."""

    daemon_threads = True

    def __init__(self, out: Path, host: str = "127.0.0.1", port: int = 7878, quiet: bool = False):
        self.out = out
        self.quiet = quiet
        self.snapshots = Snapshots(out)
        super().__init__((host, port), Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.snapshots.close()


def make_server(out: str | Path, host: str = "127.0.0.1", port: int = 7878) -> KgServer:
    """A server for the graph in ``out`` (checked to hold a store); call ``serve_forever``."""
    folder = Path(out)
    if store.current(folder) is None:
        raise GraphError("no graph store here; run `kg build` first", folder)
    try:
        return KgServer(folder, host, port)
    except OSError as exc:
        raise GraphError(f"cannot listen on {host}:{port}: {exc.strerror}", folder) from exc
