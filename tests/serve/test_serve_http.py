"""Hostile HTTP clients against a real ``kg serve`` process, with raw sockets on 127.0.0.1.

Negative or garbage Content-Length, a request smuggled in the body of a refused one,
stalled clients, HEAD, Host (DNS rebinding), CORS, the page's CSP in headless Chromium,
and a bounded load test (50 clients, 20 s) that prints p50/p99.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.graphs import PREFIXES
from tests.processes import alive, request, serving

pytestmark = pytest.mark.model  # the seed graph is built with the spaCy pipeline


@pytest.fixture(scope="module")
def server(seed_out: Path) -> Iterator[str]:
    """``kg serve`` on the seed graph, 3 s per query, 3 s idle timeout."""
    with serving(seed_out, "--timeout", "3", "--idle-timeout", "3") as base:
        yield base


# -- case 10: the HTTP layer --------------------------------------------------------------


def raw(base: str, data: bytes, wait: float = 5.0) -> bytes:
    """Send bytes on a fresh connection; everything the server sends until it closes."""
    port = urllib.parse.urlsplit(base).port
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(wait)
        try:
            sock.sendall(data)
        except OSError:
            pass  # the server may close before reading everything: that is the point
        out = b""
        try:
            while chunk := sock.recv(65536):
                out += chunk
        except TimeoutError:
            out += b"<still open>"
        except ConnectionResetError:
            out += b"<reset>"
    return out


def host(base: str) -> bytes:
    return urllib.parse.urlsplit(base).netloc.encode()


def test_bad_content_length_is_refused_at_once(server: str) -> None:
    for value in (b"-1", b"abc", b"1, 2", b"+5"):
        start = time.monotonic()
        answer = raw(server, b"POST /sparql HTTP/1.1\r\nHost: " + host(server) +
                     b"\r\nContent-Type: application/sparql-query\r\nContent-Length: " + value +
                     b"\r\n\r\nASK {}")  # fmt: skip
        assert answer.startswith(b"HTTP/1.1 400"), (value, answer[:200])
        assert b"<still open>" not in answer and time.monotonic() - start < 3


def test_a_request_smuggled_in_a_refused_body_is_not_answered(server: str) -> None:
    smuggled = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: " + host(server) + b"\r\n\r\n"
    answer = raw(server, b"POST /sparql HTTP/1.1\r\nHost: " + host(server) +
                 b"\r\nContent-Type: application/sparql-query\r\nContent-Length: 2000000\r\n\r\n"
                 + smuggled + b"x" * 100_000)  # fmt: skip
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert answer.count(b"HTTP/1.1 ") == 1 and b"true" not in answer
    assert b"<still open>" not in answer  # closed, not waiting for more


def test_stalled_clients_do_not_block_the_server(server: str) -> None:
    port = urllib.parse.urlsplit(server).port
    stalled = []
    for n in range(300):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: " + host(server) +
                     b"\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK"
                     if n % 2 else b"GET /sparql?query=ASK")  # fmt: skip
        stalled.append(sock)
    try:
        start = time.monotonic()
        assert alive(server)
        assert time.monotonic() - start < 5
        time.sleep(8)  # the idle timeout (3 s) and its sweep: the server closed them all
        closed = 0
        for sock in stalled:
            sock.settimeout(2)
            try:
                closed += sock.recv(1) == b""
            except OSError:
                closed += 1
        assert closed == len(stalled)
    finally:
        for sock in stalled:
            sock.close()


def test_head_host_and_cors(server: str, seed_out: Path) -> None:
    answer = raw(server, b"HEAD / HTTP/1.1\r\nHost: " + host(server) +
                 b"\r\nConnection: close\r\n\r\n")  # fmt: skip
    head, _, body = answer.partition(b"\r\n\r\n")
    size = (seed_out / "graph.html").stat().st_size
    assert head.startswith(b"HTTP/1.1 200") and f"Content-Length: {size}".encode() in head
    assert body == b""
    port = urllib.parse.urlsplit(server).port
    for name, status in ((f"localhost:{port}", b"200"), (f"[::1]:{port}", b"200"),
                         (f"evil.example:{port}", b"421"), ("127.0.0.1:1", b"421")):  # fmt: skip
        answer = raw(server, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {name}\r\n"
                     "Connection: close\r\n\r\n".encode())  # fmt: skip
        assert answer.startswith(b"HTTP/1.1 " + status), (name, answer[:100])
    # No CORS header by default, and another web origin is refused outright.
    answer = raw(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: " + host(server) +
                 b"\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n")  # fmt: skip
    assert answer.startswith(b"HTTP/1.1 403") and b"Access-Control" not in answer
    answer = raw(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: " + host(server) +
                 b"\r\nConnection: close\r\n\r\n")  # fmt: skip
    assert answer.startswith(b"HTTP/1.1 200") and b"Access-Control" not in answer


def test_cors_for_named_origins(seed_out: Path) -> None:
    with serving(seed_out, "--cors-origin", "http://localhost:8888") as base:
        for origin, allowed in (("http://localhost:8888", True), ("http://evil.example", False)):
            preflight = raw(base, b"OPTIONS /sparql HTTP/1.1\r\nHost: " + host(base) +
                            f"\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\n"
                            "Connection: close\r\n\r\n".encode())  # fmt: skip
            got = raw(base, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: " + host(base) +
                      f"\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n".encode())  # fmt: skip
            if allowed:
                assert preflight.startswith(b"HTTP/1.1 204")
                assert f"Access-Control-Allow-Origin: {origin}".encode() in preflight
                assert got.startswith(b"HTTP/1.1 200") and b"Access-Control-Allow-Origin: " \
                    + origin.encode() in got  # fmt: skip
            else:
                assert preflight.startswith(b"HTTP/1.1 403") and b"Access-Control" not in got
                assert got.startswith(b"HTTP/1.1 403")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from tests import chromium

    yield from chromium.launch()


@pytest.mark.browser
def test_page_served_with_its_csp_works_in_chromium(server: str, browser: Any) -> None:
    from tests import chromium

    status, _, _ = request(server)
    assert status == 200
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(server)
    policy = response.headers["content-security-policy"]
    assert "script-src 'sha256-" in policy and "unsafe-inline" not in policy.split(";")[1]
    page.wait_for_selector("body[data-ready='true']", state="attached",
                           timeout=chromium.READY_TIMEOUT_MS)  # fmt: skip
    assert page.evaluate("window.kgReady") is True
    assert page.evaluate("network.body.data.nodes.length") > 5
    assert errors == []
    # The policy really is enforced: an injected inline script does not run.
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = true'; document.body.appendChild(s); }""")
    assert page.evaluate("window.injected === undefined")


# -- load: 50 clients --------------------------------------------------------------------


def listen_overflows() -> int:
    """The kernel's count of connections dropped because a listen queue was full."""
    lines = Path("/proc/net/netstat").read_text().splitlines()
    pairs = zip(lines[::2], lines[1::2], strict=True)
    names, values = next((a.split(), b.split()) for a, b in pairs if a.startswith("TcpExt:"))
    return int(values[names.index("ListenOverflows")])


@pytest.mark.slow
def test_fifty_concurrent_clients(server: str) -> None:
    """50 clients, each a new connection per request, for 20 s; p50/p99 printed."""
    query = PREFIXES + "SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n } ORDER BY ?n LIMIT 5"
    url = f"{server}sparql?" + urllib.parse.urlencode({"query": query})
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + 20
    lock = threading.Lock()

    def client() -> None:
        while time.monotonic() < stop:
            start = time.monotonic()
            try:
                status, _, body = request(url, headers={"Accept": "text/csv"})
                ok = status == 200 and b"Vladimir Putin" in body
            except OSError as exc:
                ok, status = False, str(exc)
            with lock:
                latencies.append(time.monotonic() - start)
                if not ok:
                    errors.append(str(status))

    threads = [threading.Thread(target=client) for _ in range(50)]
    overflows = listen_overflows()
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - began
    overflows = listen_overflows() - overflows
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"\n50 clients: {len(latencies)} requests in {took:.1f} s, p50 {p50 * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms, errors {len(errors)}, "
          f"listen overflows (whole machine) {overflows}")  # fmt: skip
    assert errors == []
    assert len(latencies) >= 500
    assert p99 < 5.0
