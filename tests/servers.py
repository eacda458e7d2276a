"""Start real SPARQL 1.1 servers for the tests: Oxigraph's server and Virtuoso open source.

Each runs in its own temporary folder on free 127.0.0.1 ports and is stopped afterwards.
Run by hand to try one: ``python tests/servers.py oxigraph|virtuoso`` (Ctrl-C stops it).

- Oxigraph: the ``oxigraph`` CLI from PyPI (kg's ``test`` extra), ``oxigraph serve``.
- Virtuoso: Debian's ``virtuoso-opensource`` (installed by ``.ci/run``), ``virtuoso-t`` in the
  foreground with an ini written here; SPARQL updates through ``/sparql`` need
  ``GRANT SPARQL_UPDATE TO "SPARQL"``, given with ``isql-vt`` once it is up.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Endpoint:
    """A running server's SPARQL query and update URLs."""

    name: str
    query: str
    update: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def _wait_http(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server not up after {timeout}s: {log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


@contextmanager
def oxigraph_server(workdir: Path) -> Iterator[Endpoint]:
    """``oxigraph serve --location DIR --bind 127.0.0.1:PORT``."""
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("oxigraph (pip install oxigraph)")
    port = free_port()
    log = workdir / "oxigraph.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(workdir / "data"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_http(f"{base}/query?query=ASK%7B%7D", process, log, 60)
        yield Endpoint("oxigraph", f"{base}/query", f"{base}/update")
    finally:
        _stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 120
DefaultQuery = ASK {{}}
"""


@contextmanager
def virtuoso_server(workdir: Path) -> Iterator[Endpoint]:
    """Virtuoso open source in the foreground, with its own ini and database in ``workdir``."""
    binary = virtuoso_binary()
    isql = shutil.which("isql-vt") or shutil.which("isql")
    if binary is None or isql is None:
        raise FileNotFoundError("virtuoso-t and isql-vt (apt-get install virtuoso-opensource)")
    sql_port, http_port = free_port(), free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    ini = workdir / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=workdir, sql_port=sql_port, http_port=http_port))
    log = workdir / "virtuoso.out"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [binary, "-f", "-c", str(ini)], cwd=workdir, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        base = f"http://127.0.0.1:{http_port}"
        _wait_http(f"{base}/sparql?query=ASK%7B%7D", process, log, 180)
        grant = subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", "dba",
             'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        if grant.returncode != 0 or "Error" in grant.stdout + grant.stderr:
            raise RuntimeError(f"virtuoso grant failed: {grant.stdout} {grant.stderr}")
        yield Endpoint("virtuoso", f"{base}/sparql", f"{base}/sparql")
    finally:
        _stop(process)


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "oxigraph"
    start = {"oxigraph": oxigraph_server, "virtuoso": virtuoso_server}[which]
    with tempfile.TemporaryDirectory() as tmp, start(Path(tmp)) as endpoint:
        print(f"{endpoint.name}: query {endpoint.query} update {endpoint.update}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    os._exit(0)
