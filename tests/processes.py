"""Real kg processes for the tests: the command line (``kg``, ``start``), ``kg serve``
(``serving``, ``get``), and what a reader of a graph folder sees (``snapshot``, ``triples``)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import REPO

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def kg(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run the real ``kg`` command line in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        capture_output=True, text=True, timeout=600, **kwargs,
    )


def start(*args: str | Path, **kwargs) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )


def snapshot(out: Path) -> dict[str, str]:
    """A digest of the graph OUT publishes: graph.ttl, graph.html, the store snapshot that
    ``OUT/store`` names and every file in it (an unpublished snapshot a killed build left
    behind is not part of it: no reader can reach it, the next build removes it)."""
    from kg.rdf import store

    current = store.current(out)
    files = [out / "graph.ttl", out / "graph.html"]
    files += sorted(p for p in current.rglob("*") if p.is_file()) if current else []
    digest = {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    digest["store ->"] = str(current.relative_to(out)) if current else ""
    return digest


def triples(out: Path) -> int:
    """The number of triples a reader sees in OUT's store (through ``kg query``)."""
    done = kg("query", COUNT, "-g", out, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


def wait_for(predicate, timeout: float = 120.0, step: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def assert_intact(out: Path, before: dict[str, str], count: int) -> None:
    assert snapshot(out) == before
    assert triples(out) == count



@contextmanager
def serving(out: Path, *options: str, pid: bool = False) -> Iterator[Any]:
    """``kg serve -g OUT --port 0 [options]`` as a real process; yields its base URL (and
    its pid with ``pid=True``), stops it after (SIGTERM, which stops its workers too).

    Its stderr goes to a file: a pipe nobody reads would fill up under load and block the
    server's logging, and so the server."""
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "-g", str(out), "--port", "0", "-q", *options],
            stdout=subprocess.PIPE, stderr=log, text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )  # fmt: skip
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("serving "):
            process.wait(timeout=30)
            log.seek(0)
            raise AssertionError(f"kg serve did not start: {line!r} {log.read()[-2000:]}")
        try:
            base = line.split(" at ", 1)[1].split(" ", 1)[0]
            yield (base, process.pid) if pid else base
        finally:
            process.terminate()
            process.wait(timeout=30)


def get(base: str, query: str, accept: str | None = None):
    url = f"{base}sparql?" + urllib.parse.urlencode({"query": query})
    return request(url, headers={"Accept": accept} if accept else {})


def request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
            timeout: float = 30):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type"), exc.read()


def post(base: str, sparql: str, accept: str | None = None, timeout: float = 30):
    """POST a SPARQL query to ``kg serve`` at ``base``: (status, headers, body)."""
    headers = {"Content-Type": "application/sparql-query"}
    if accept:
        headers["Accept"] = accept
    return request(f"{base}sparql", sparql.encode(), headers, timeout)


def alive(base: str) -> bool:
    """True when the server at ``base`` still answers a query."""
    status, _, body = post(base, "ASK { ?s ?p ?o }")
    return status == 200 and b"true" in body


def lock_holder(out: Path) -> int | None:
    """The PID the build lock file of ``out`` names (the build holding it), if any."""
    try:
        text = (out / ".kg.lock").read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
