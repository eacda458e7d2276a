"""Hostile queries against real ``kg serve`` and ``kg query`` processes (127.0.0.1 only).

Queries nested deep enough to crash Oxigraph's parser, SERVICE to a listening server
(which must never be contacted), a cross product past the time limit (the CPU must stop),
clients that leave, a query past the memory limit, a result past the cap. The HTTP layer
itself is tested in ``test_serve_http.py``.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.processes import alive, post, request, serving

pytestmark = pytest.mark.model  # the seed graph is built with the spaCy pipeline

DEEP_BRACES = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
DEEP_PARENS = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "?o" + ")" * 5000 + ") }"
# No brackets at all, yet 12,000 chained "!" overflow the engine's stack.
LONG_NOTS = "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 12000 + "?o) }"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def kg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True,
                          text=True, env=ENV, timeout=timeout)  # fmt: skip


def one_line_error(run: subprocess.CompletedProcess[str], words: str) -> None:
    """A refused command: exit 2 (no signal, no traceback), one ``error:`` line."""
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: "), run.stderr
    assert words in run.stderr and "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def server(seed_out: Path) -> Iterator[str]:
    """``kg serve`` on the seed graph, 3 s per query, at most 500 rows, 3 s idle timeout."""
    with serving(seed_out, "--timeout", "3", "--max-rows", "500", "--idle-timeout", "3") as base:
        yield base


# -- case 1: one request must not kill the server ----------------------------------------


def test_deep_queries_are_refused_by_the_server(server: str) -> None:
    url = f"{server}sparql?" + urllib.parse.urlencode({"query": DEEP_BRACES})
    assert len(url) > 18_000
    status, kind, body = request(url)
    assert status == 400 and b"nested too deeply: 3,000 levels" in body, body
    assert kind.startswith("text/plain") and body.count(b"\n") == 1
    status, _, body = post(server, DEEP_PARENS)
    assert status == 400 and b"nested too deeply: 5,002 levels" in body, body
    # A query the scan lets through that still overflows the engine kills only a worker.
    status, _, body = post(server, LONG_NOTS)
    assert status == 400 and b"crashed the query engine (SIGSEGV)" in body, body
    assert alive(server)


@pytest.mark.slow
def test_deep_queries_are_one_line_in_the_cli(seed_out: Path, tmp_path: Path) -> None:
    for name, text, words in (("braces", DEEP_BRACES, "nested too deeply: 3,000 levels"),
                              ("parens", DEEP_PARENS, "nested too deeply: 5,002 levels"),
                              ("nots", LONG_NOTS, "crashed the query engine")):  # fmt: skip
        path = tmp_path / f"{name}.rq"
        path.write_text(text)
        one_line_error(kg("query", "-g", str(seed_out), "-f", str(path)), words)
    # Depth within the limit still runs.
    ok = tmp_path / "ok.rq"
    ok.write_text("SELECT (COUNT(*) AS ?n) WHERE " + "{" * 100 + "?s ?p ?o" + "}" * 100)
    run = kg("query", "-g", str(seed_out), "-f", str(ok), "--format", "csv")
    flat = kg("query", "-g", str(seed_out), "--format", "csv",
              "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # fmt: skip
    assert run.returncode == 0 and run.stdout == flat.stdout and int(flat.stdout.split()[1]) > 100


# -- case 2: SERVICE never leaves the machine --------------------------------------------


@contextmanager
def listening() -> Iterator[tuple[str, list[str]]]:
    """A tiny SPARQL endpoint on 127.0.0.1 recording every request it gets."""
    hits: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            hits.append(f"{self.command} {self.path}")
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = (b'{"head":{"vars":["x"]},"results":{"bindings":'
                    b'[{"x":{"type":"literal","value":"outside"}}]}}')
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def service_queries(url: str) -> list[str]:
    return [
        f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}",
        f"select ?x where {{ sErViCe\t<{url}>{{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ SERVICE # a comment\n <{url}> {{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ SERVICE SILENT <{url}> {{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ \\u0053ERVICE <{url}> {{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?x ?p ?o }} }}",
        "SELECT ?x WHERE { SERVICE <file:///etc/passwd> { ?x ?p ?o } }",
    ]


def test_service_is_refused_and_nothing_is_contacted(server: str, seed_out: Path) -> None:
    with listening() as (url, hits):
        for query in service_queries(url):
            status, _, body = post(server, query)
            assert status == 400 and b"SERVICE is refused" in body, (query, body)
            one_line_error(kg("query", "-g", str(seed_out), query), "SERVICE is refused")
        assert hits == []
        # The same listener is reachable: with the CLI's opt-in, the query does reach it.
        run = kg("query", "-g", str(seed_out), "--allow-service", "--format", "csv",
                 service_queries(url)[0])  # fmt: skip
        assert run.returncode == 0 and "outside" in run.stdout, run.stderr
        assert hits and hits[0].startswith(("POST", "GET"))
    # An unreachable or file: SERVICE, allowed, is still one line, never a traceback.
    for query in service_queries("http://127.0.0.1:9/sparql")[::6]:
        run = kg("query", "-g", str(seed_out), "--allow-service", query)
        one_line_error(run, "query failed")


# -- case 5: time and size limits that stop the work ------------------------------------


def tree_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) of a process and all its descendants, by pid."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
    tree, todo = {}, [pid]
    while todo:
        current = todo.pop()
        if current in stats:
            tree[current] = stats[current][1]
            todo += [p for p, (ppid, _) in stats.items() if ppid == current]
    return tree


def burned(pid: int, seconds: float) -> float:
    """CPU seconds the process tree used over the next ``seconds``."""
    before = tree_cpu(pid)
    time.sleep(seconds)
    after = tree_cpu(pid)
    return sum(after[p] - before.get(p, 0.0) for p in after)


@pytest.mark.slow
def test_a_query_past_its_time_limit_is_stopped(seed_out: Path) -> None:
    with serving(seed_out, "--timeout", "2", pid=True) as (base, pid):
        start = time.monotonic()
        status, _, body = post(base, CROSS)
        took = time.monotonic() - start
        assert status == 503 and b"time limit of 2 s" in body, body
        assert took < 10
        used = burned(pid, 3)
        print(f"\nCPU of kg serve and its workers in the 3 s after a timeout: {used:.2f} s")
        assert used < 0.3
        assert alive(base)
    one_line_error(kg("query", "-g", str(seed_out), "--timeout", "2", CROSS), "time limit")


@pytest.mark.slow
def test_queries_whose_clients_left_are_stopped(seed_out: Path) -> None:
    with serving(seed_out, "--timeout", "120", pid=True) as (base, pid):
        port = int(urllib.parse.urlsplit(base).port or 0)
        body = CROSS.encode()
        clients = []
        for _ in range(2):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                         b"Content-Type: application/sparql-query\r\nContent-Length: %d\r\n\r\n%s"
                         % (port, len(body), body))  # fmt: skip
            clients.append(sock)
        time.sleep(1.5)
        running = burned(pid, 2)
        assert running > 0.3, running  # the two queries are running (a loaded machine: loose)
        for sock in clients:
            sock.close()
        time.sleep(1.5)
        used = burned(pid, 3)
        print(f"\nCPU of kg serve and its workers in 3 s after two clients left: {used:.2f} s")
        assert used < 0.3
        assert alive(base)


@pytest.mark.slow
def test_a_query_past_the_memory_limit_is_stopped(seed_out: Path) -> None:
    # hundreds of millions of rows to sort, whatever the seed graph's size (828 triples: 567M)
    sort = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?f ?i"
    with serving(seed_out, "--max-memory", "300", "--timeout", "60") as base:
        # the client waits longer than the server's own time limit: the answer is the
        # server's (memory or time), never the client giving up first
        status, _, body = post(base, sort, timeout=90)
        assert status == 400 and b"memory limit of 300 MiB" in body, body
        assert alive(base)


def test_results_are_capped(server: str, seed_out: Path) -> None:
    status, _, body = post(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and b"result too large: more than 500 rows" in body, body
    status, _, body = post(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 500", "text/csv")
    assert status == 200 and len(list(csv.reader(io.StringIO(body.decode())))) == 1 + 500
    status, _, body = post(server, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert status == 400 and b"more than 500 triples" in body, body
    one_line_error(kg("query", "-g", str(seed_out), "--max-rows", "10",
                      "SELECT * WHERE { ?s ?p ?o }"), "more than 10 rows")  # fmt: skip
    # Named queries run the same way: capped, and within a time limit.
    one_line_error(kg("query", "-g", str(seed_out), "--named", "predicates",
                      "--max-rows", "1"), "more than 1 rows")  # fmt: skip
    run = kg("query", "-g", str(seed_out), "--named", "predicates", "--timeout", "60")
    assert run.returncode == 0 and run.stdout.split()[:2] == ["predicate", "facts"], run.stderr
