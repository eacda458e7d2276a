"""Readers during a real build, and a build killed at each step of publishing its graph.

Readers (``kg query`` processes, a ``kg serve`` process answering SPARQL over HTTP) must get
an answer every time, always the whole old graph or the whole new one. A build killed with
SIGKILL while it writes its store, or between the renames that publish its outputs, must
leave what readers see whole, and the next build must clear what the killed one left.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kg.rdf import store
from kg.rdf.graph import read_turtle
from tests.conftest import REPO, SEED
from tests.news import ARTICLES
from tests.processes import (
    COUNT,
    assert_intact,
    get,
    kg,
    serving,
    snapshot,
    start,
    triples,
    wait_for,
)

pytestmark = [pytest.mark.slow, pytest.mark.model]

# built, out (OUT holding the seed graph, a copy per test) and articles (100 of them) are
# tests/pipeline/conftest.py's


def served_count(base: str) -> int:
    status, _, body = get(base, COUNT, "application/sparql-results+json")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def leftovers(out: Path) -> list[str]:
    """What a build leaves in OUT besides the published outputs and the current snapshot."""
    current = store.current(out)
    assert current is not None
    extra = [p.name for p in out.iterdir() if p.name.startswith((".staging-", ".store-link-"))]
    keep = {current.name, current.name + store.LEASE}
    extra += [f"snapshots/{p.name}" for p in (out / store.SNAPSHOTS).iterdir()
              if p.name not in keep]  # fmt: skip
    return sorted(extra)


def test_readers_keep_working_during_a_build(out: Path, articles: Path) -> None:
    """An incremental build (its snapshot a checkpoint of the current one, sharing its table
    files) while readers read: each answer is the whole old graph or the whole new one."""
    old, old_snapshot = triples(out), store.current(out)
    assert old_snapshot is not None
    held = store.open_snapshot(out)  # keeps the old snapshot's files for the check below
    tables = {p.stat().st_ino for p in old_snapshot.glob("*.sst")}
    with serving(out) as base:
        assert served_count(base) == old
        build = start("build", articles, "-o", out, "-q")
        stop = threading.Event()
        http: list[int] = []
        cli: list[subprocess.CompletedProcess[str]] = []

        def ask_server() -> None:
            while not stop.is_set():
                http.append(served_count(base))
                time.sleep(0.02)

        def run_query() -> None:
            while not stop.is_set():
                cli.append(kg("query", COUNT, "-g", out, "--format", "csv"))

        readers = [threading.Thread(target=ask_server), threading.Thread(target=run_query)]
        for reader in readers:
            reader.start()
        try:
            _, stderr = build.communicate(timeout=900)
            new = triples(out)
            # and on, until the readers in both loops have answered with the new graph
            assert wait_for(lambda: new in http and any(
                done.stdout.split()[-1:] == [str(new)] for done in list(cli)), timeout=120)
        finally:
            stop.set()
            for reader in readers:
                reader.join(timeout=120)
        assert build.returncode == 0, stderr
        assert new > old
        current = store.current(out)
        assert current is not None and current != old_snapshot
        assert tables & {p.stat().st_ino for p in current.glob("*.sst")}, "not a checkpoint"
        held.close()
        assert all(done.returncode == 0 for done in cli), [d.stderr for d in cli]
        counts = [int(done.stdout.split()[-1]) for done in cli]
        assert len(counts) >= 3 and set(counts) == {old, new}, counts
        assert len(http) >= 20 and set(http) == {old, new}, sorted(set(http))
        # once the new graph was served, never the old one again
        assert http[http.index(new):] == [new] * (len(http) - http.index(new))
        assert served_count(base) == new
        print(f"{len(http)} HTTP answers, {len(cli)} kg query answers: {old} then {new}")
    # The old snapshot stays only if the server still held it at the switch (the next build
    # removes it then); nothing else is left behind.
    assert set(leftovers(out)) <= {f"snapshots/{old_snapshot.name}",
                                   f"snapshots/{old_snapshot.name}{store.LEASE}"}


def test_sigkill_while_the_new_snapshot_is_written(out: Path, articles: Path) -> None:
    """Killed the moment its snapshot folder appears (Oxigraph bulk-loading into it): readers
    see the old graph; the next build removes the unpublished snapshot."""
    before, count = snapshot(out), triples(out)
    old = store.current(out)

    def new_snapshot_folder() -> bool:
        return any(p.is_dir() and p != old for p in (out / store.SNAPSHOTS).iterdir())

    build = start("build", articles, "-o", out)
    assert wait_for(lambda: new_snapshot_folder() or build.poll() is not None, timeout=900)
    assert build.poll() is None, "the build ended before it could be killed"
    build.kill()
    build.wait(timeout=60)
    assert build.returncode == -signal.SIGKILL
    assert_intact(out, before, count)
    assert len(leftovers(out)) >= 1  # the unpublished snapshot (and its lease), unreachable
    again = kg("build", SEED, "-o", out, "-q")  # nothing new to add: it republishes
    assert again.returncode == 0, again.stderr
    assert triples(out) == count
    assert leftovers(out) == []


#: A build that SIGKILLs itself at the Nth audit event ``name`` whose arguments mention
#: ``needle`` (Python's audit hooks fire just before the operation: ``os.replace`` raises
#: ``os.rename``), i.e. at an exact step of publishing its outputs.
KILL_AT = """
import os, signal, sys
from kg.cli import main
name, needle = sys.argv[1], sys.argv[2]
def hook(event, args):
    if event == name and needle in repr(args):
        os.kill(os.getpid(), signal.SIGKILL)
sys.addaudithook(hook)
sys.exit(main(sys.argv[3:]))
"""

#: (step, audit event, needle, which graph readers of the store see after the kill, which
#: graph ``OUT/graph.ttl`` holds); ``{out}`` stands for OUT (a rename *to* ``OUT/graph.ttl``,
#: not the one inside the staging folder). The store is published first, then the files.
STEPS = [
    ("before-the-store-switch", "os.rename", ".store-link-", "old", "old"),
    ("while-collecting-the-old-snapshot", "os.rename", ".trash-", "new", "old"),
    ("before-the-data-file-rename", "os.rename", "{out}/graph.ttl'", "new", "old"),
    ("before-the-page-rename", "os.rename", "{out}/graph.html'", "new", "new"),
    # OUT/store a folder (kg before snapshots): moved into snapshots/, then the pointer link
    # renamed in its place; killed in between, readers follow the pending link
    ("mid-switch-from-a-pre-snapshot-store", "os.rename", ".store-link-", "new", "old"),
]


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three news articles of tests/data/news: a quick build that changes the seed graph."""
    folder = tmp_path_factory.mktemp("three")
    for path in ARTICLES[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.mark.parametrize("step, event, needle, seen, file", STEPS, ids=[s[0] for s in STEPS])
def test_sigkill_at_each_step_of_publishing(step, event, needle, seen, file, out, three) -> None:
    if step.endswith("pre-snapshot-store"):  # the store folder of kg before snapshots
        current = store.current(out)
        assert current is not None
        (out / "store").unlink()
        os.replace(current, out / "store")
    before, count = snapshot(out), triples(out)
    old_store = {k: v for k, v in before.items() if k.startswith(("snapshots/", "store"))}
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT, event, needle.format(out=out),
         "build", str(three), "-o", str(out)],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    now = snapshot(out)
    # whatever graph.ttl (the data) is now, it parses whole
    ttl = len(read_turtle(out / "graph.ttl", ontology=False))
    if seen == "old":
        assert {k: v for k, v in now.items() if k in old_store} == old_store
        assert triples(out) == count
    else:
        assert now["store ->"] != before["store ->"]
        assert triples(out) > count
    assert ttl == (count if file == "old" else triples(out))
    # The next build publishes one consistent graph (graph.ttl, page and store agree) and
    # clears what the killed one left behind.
    again = kg("build", three, "-o", out, "-q")
    assert again.returncode == 0, again.stderr
    assert triples(out) == len(read_turtle(out / "graph.ttl", ontology=False)) > count
    assert leftovers(out) == []
