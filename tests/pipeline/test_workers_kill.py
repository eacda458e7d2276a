"""A ``kg build --workers 2`` killed in the middle leaves no process and no lock behind.

Real builds of 1,000 news articles (made from tests/data/news), killed with SIGKILL (no
clean-up of the parent runs) or SIGTERM a few seconds after their workers started. Within
seconds every process the build started (workers, multiprocessing's resource tracker) must
be gone, the graph must be the one before the build, and the next build must run. Both ways
workers start are covered: fork (a build extending a graph: no other thread is running yet)
and spawn (a fresh graph).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.news import write_news
from tests.processes import lock_holder, snapshot

#: The build's articles: so many that on a quiet machine it is still parsing when it is
#: killed 4 s after its workers start.
COUNT = 1000

pytestmark = pytest.mark.slow


def children_map() -> dict[int, list[int]]:
    """Parent PID -> child PIDs, for every process in /proc."""
    found: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            found.setdefault(parent, []).append(int(entry))
    return found


def descendants(pid: int) -> set[int]:
    tree, seen, todo = children_map(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen


def running(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition, timeout: float, step: float = 0.1) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return condition()


def kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """1,000 news articles: the 50 of tests/data/news and 19 rounds made from them."""
    return write_news(tmp_path_factory.mktemp("articles"), COUNT)


@pytest.fixture(scope="module")
def prior(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph of the seed article, to be extended by the builds that get killed."""
    out = tmp_path_factory.mktemp("prior") / "out"
    done = kg("build", SEED, "-o", out, "-q")
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize(("sig", "extend"), [
    (signal.SIGKILL, True),   # workers forked
    (signal.SIGKILL, False),  # workers spawned (a fresh graph: the store's thread runs)
    (signal.SIGTERM, True),
])
def test_killed_parallel_build_leaves_no_workers_and_no_lock(
    prior: Path, thousand: list[Path], tmp_path: Path, sig: signal.Signals, extend: bool
) -> None:
    out = tmp_path / "out"
    if extend:
        shutil.copytree(prior, out, symlinks=True)
    before = snapshot(out) if extend else None
    articles = thousand  # long enough to be killed mid-way
    log = tmp_path / "stderr.txt"  # a file, not a pipe: orphans would hold a pipe open
    with open(log, "w") as stderr_file:
        build = subprocess.Popen(
            [sys.executable, "-m", "kg", "build", *map(str, articles), "-o", str(out),
             "--workers", "2", "-q"],
            stdout=subprocess.DEVNULL, stderr=stderr_file)
    started: set[int] = set()
    try:
        # the build holds the lock (its PID in .kg.lock: its SIGTERM handler is set) and
        # its workers run
        assert wait_for(lambda: lock_holder(out) == build.pid
                        and len(descendants(build.pid)) >= 2, 240, 0.2), \
            "the workers never started"
        time.sleep(4)  # the workers load their pipeline and start parsing
        started = descendants(build.pid)
        assert build.poll() is None, "the build finished before it was killed"
        build.send_signal(sig)
        build.wait(timeout=60)
        gone = wait_for(lambda: not any(running(pid) for pid in started), 10)
        left = {pid: Path(f"/proc/{pid}/cmdline").read_bytes()[:120]
                for pid in started if running(pid)}
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
        for pid in started:  # never leave an orphan behind, even when the test fails
            if running(pid):
                os.kill(pid, signal.SIGKILL)
    assert gone, f"processes of the killed build still running: {left}"
    stderr = log.read_text()
    if sig == signal.SIGTERM:
        assert build.returncode == 143
        assert stderr.strip() == "error: terminated; the previous graph is unchanged"
    else:
        assert build.returncode == -signal.SIGKILL
    with open(out / ".kg.lock", "a") as lock:  # nobody holds the lock any more
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(lock, fcntl.LOCK_UN)
    if before is not None:
        assert snapshot(out) == before  # the killed build changed nothing readers see
    done = kg("build", SEED, articles[0], "-o", out, "-q")
    assert done.returncode == 0, done.stderr
