"""The embedded store: snapshots switched atomically, read by real concurrent processes."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import GraphError
from kg.pipeline import LOCK
from kg.rdf import graph as kgraph
from kg.rdf import store
from tests.conftest import REPO, SEEDS

# A reader process: open the current snapshot, count its triples, close; print each count.
READER = """
import sys, time
from pathlib import Path
from kg.rdf.store import open_graph
out, until = Path(sys.argv[1]), time.time() + float(sys.argv[2])
while time.time() < until:
    graph = open_graph(out)
    print(len(graph), flush=True)
    graph.close()
"""

# A writer process: under the build lock, publish snapshots of graphs A and B in turn.
WRITER = """
import fcntl, sys
from pathlib import Path
from kg.rdf import graph as kgraph, store
out, rounds = Path(sys.argv[1]), int(sys.argv[2])
with open(out / ".kg.lock", "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    for i in range(rounds):
        snapshot = store.new_snapshot(out)
        kgraph.write_store(out / ("a.ttl" if i % 2 else "b.ttl"), snapshot)
        store.switch(out, snapshot)
"""


def _graph(n: int) -> Graph:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"urn:x:{i}"), URIRef("urn:p"), Literal(i)))
    return graph


def _count(out: Path) -> int:
    graph = store.open_graph(out)
    try:
        return len(graph)
    finally:
        graph.close()


def _publish(out: Path, turtle: Path) -> Path:
    snapshot = store.new_snapshot(out)
    kgraph.write_store(turtle, snapshot)
    store.switch(out, snapshot)
    return snapshot


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_store_is_a_pointer_switched_to_each_new_snapshot(tmp_path: Path) -> None:
    _graph(3).serialize(tmp_path / "a.ttl", format="turtle")
    _graph(5).serialize(tmp_path / "b.ttl", format="turtle")
    first = _publish(tmp_path, tmp_path / "a.ttl")
    assert (tmp_path / "store").is_symlink()
    assert store.current(tmp_path) == first
    assert _count(tmp_path) == 3
    second = _publish(tmp_path, tmp_path / "b.ttl")
    assert store.current(tmp_path) == second
    assert not first.exists(), "an unused old snapshot is removed at the switch"
    assert _count(tmp_path) == 5
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == [
        second.name,
        second.name + ".lease",
    ]


def test_a_snapshot_in_use_is_kept_until_its_reader_lets_go(tmp_path: Path) -> None:
    _graph(3).serialize(tmp_path / "a.ttl", format="turtle")
    _graph(5).serialize(tmp_path / "b.ttl", format="turtle")
    first = _publish(tmp_path, tmp_path / "a.ttl")
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
         "from kg.rdf.store import open_graph\ng = open_graph(Path(sys.argv[1]))\n"
         "print(len(g), flush=True)\nsys.stdin.readline()\nprint(len(g), flush=True)",
         str(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_env(),
    )  # fmt: skip
    assert reader.stdout is not None and reader.stdin is not None
    assert reader.stdout.readline().strip() == "3"
    second = _publish(tmp_path, tmp_path / "b.ttl")
    assert first.exists(), "the reader's snapshot must survive the switch"
    assert _count(tmp_path) == 5  # new readers see the new snapshot
    reader.stdin.write("\n")
    reader.stdin.flush()
    assert reader.stdout.readline().strip() == "3"  # the old reader still reads its own
    assert reader.wait(timeout=30) == 0
    third = _publish(tmp_path, tmp_path / "a.ttl")
    assert not first.exists() and not second.exists() and third.exists()


@pytest.mark.slow
def test_readers_never_fail_or_see_a_partial_store_while_builds_switch(tmp_path: Path) -> None:
    _graph(200).serialize(tmp_path / "a.ttl", format="turtle")
    _graph(2000).serialize(tmp_path / "b.ttl", format="turtle")
    _publish(tmp_path, tmp_path / "a.ttl")
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(tmp_path), "12"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )  # fmt: skip
        for _ in range(2)
    ]
    time.sleep(1.5)  # let the readers start their loops
    writer = subprocess.run(
        [sys.executable, "-c", WRITER, str(tmp_path), "12"],
        capture_output=True, text=True, env=_env(), timeout=300,
    )  # fmt: skip
    assert writer.returncode == 0, writer.stderr
    counts: list[int] = []
    for reader in readers:
        out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0, err
        counts += [int(line) for line in out.split()]
    assert len(counts) > 10
    assert set(counts) <= {200, 2000}, "a reader saw a store that is neither snapshot"
    assert set(counts) == {200, 2000}, "the readers should have seen both snapshots"
    # With the readers gone, the next switch leaves only the current snapshot.
    last = _publish(tmp_path, tmp_path / "a.ttl")
    assert [p for p in (tmp_path / "snapshots").iterdir() if p.is_dir()] == [last]


def test_a_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    from kg.pipeline import build

    with open(tmp_path / LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(GraphError, match="another kg build is writing this graph"):
            build([SEEDS], tmp_path)


def test_a_store_folder_from_before_snapshots_is_read_then_migrated(tmp_path: Path) -> None:
    _graph(3).serialize(tmp_path / "a.ttl", format="turtle")
    _graph(5).serialize(tmp_path / "b.ttl", format="turtle")
    kgraph.write_store(tmp_path / "a.ttl", tmp_path / "store")  # the old layout
    assert _count(tmp_path) == 3
    _publish(tmp_path, tmp_path / "b.ttl")
    assert (tmp_path / "store").is_symlink()
    assert _count(tmp_path) == 5


def test_no_store_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="run `kg build` first"):
        store.open_graph(tmp_path)


@pytest.mark.model
def test_kg_build_publishes_a_snapshot_readers_can_query(seed_out: Path) -> None:
    assert (seed_out / "store").is_symlink()
    snapshot = store.current(seed_out)
    assert snapshot is not None and snapshot.parent == seed_out / "snapshots"
    graph = store.open_graph(seed_out)
    assert len(graph) == len(kgraph.read_turtle(seed_out / "graph.ttl", ontology=False))  # the data
    assert not list(seed_out.glob(".staging-*"))
