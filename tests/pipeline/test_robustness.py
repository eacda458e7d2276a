"""kg under bad input and interruption, with real processes, files and filesystems.

Every bad input must end in one ``error:`` line naming the file and a non-zero exit (or, with
``--keep-going``, a ``warning:`` line per skipped file), and a graph already built in OUT must
stay readable and unchanged whatever happens to a build: SIGINT, SIGKILL in the middle of
writing, a file-size limit, a full filesystem.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import SEED, unprivileged
from tests.graphs import HOSTILE_BODY, HOSTILE_TITLE
from tests.processes import assert_intact, kg, lock_holder, snapshot, start, triples, wait_for

#: Every test runs the real ``kg`` command in its own process (a spaCy load each).
pytestmark = pytest.mark.slow


def one_error_line(done: subprocess.CompletedProcess[str], *words: str) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: "), lines
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# --- bad input ------------------------------------------------------------------------------

BAD_FILES = {
    "binary.txt": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8, "binary file, not text"),
    "empty.txt": (b"", "empty file"),
    "blank.md": (b"  \n\n\t\n", "empty file"),
    "mixed.txt": (b"Putin visited China.\n" + "Caf\xe9 in Beijing.\n".encode("latin-1"),
                  "not UTF-8 text (byte 24)"),
    "chrome.txt": (b"Share\nAdvertisement\nSee all\n", "no article text found"),
    "broken.html": (b"<html><head><script>var x = '<p>not text</p>';</script></head><body><div",
                    "no article text found in HTML"),
    "middle.jsonl": (b'{"id": "a", "text": "Putin visited China."}\n{"id": "b", "text": \n'
                     b'{"id": "c", "text": "Xi met Putin."}\n', "invalid JSON"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_one_error_line_and_previous_graph_kept(name, out, tmp_path):
    content, problem = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    before = snapshot(out)
    done = kg("build", SEED, bad, "-o", out)
    assert done.returncode == 2
    line = one_error_line(done, problem)
    where = f"{bad}:2" if name.endswith(".jsonl") else str(bad)
    assert line.startswith(f"error: {where}: "), line
    assert snapshot(out) == before
    assert not list(out.glob(".staging-*"))


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda tmp: tmp / "missing.txt", "no such file or directory"),
        (lambda tmp: (tmp / "empty-folder").mkdir() or tmp / "empty-folder", "no documents"),
        (lambda tmp: (tmp / "data.csv").write_text("a,b\n") and tmp, "no documents"),
    ],
    ids=["missing-path", "folder-without-documents", "folder-of-other-files"],
)
def test_bad_path_fails_before_any_work(make, problem, tmp_path):
    target = make(tmp_path)
    out = tmp_path / "out"
    done = kg("build", target, "-o", out)
    assert done.returncode == 2
    one_error_line(done, str(target), problem)
    assert not (out / "graph.ttl").exists()


def test_output_folder_not_writable(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    done = subprocess.run(
        unprivileged([sys.executable, "-m", "kg", "build", str(SEED), "-o", str(locked)]),
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 1
    one_error_line(done, str(locked), "not writable")
    assert list(locked.iterdir()) == []


def test_output_path_is_a_file(tmp_path):
    file = tmp_path / "graph"
    file.write_text("mine\n")
    done = kg("build", SEED, "-o", file)
    assert done.returncode == 1
    one_error_line(done, str(file), "not a folder")
    assert file.read_text() == "mine\n"


def test_keep_going_skips_and_counts_bad_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    for name, (content, _) in BAD_FILES.items():
        (folder / name).write_bytes(content)
    out = tmp_path / "out"
    done = kg("build", folder, "-o", out, "--keep-going")
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    # every bad file once; the JSONL file only for its bad line, its good lines are kept
    assert len(warnings) == len(BAD_FILES), done.stderr
    assert any(f"{folder / 'middle.jsonl'}:2: invalid JSON" in w for w in warnings)
    assert all(w.endswith("(skipped)") for w in warnings)
    assert f"{len(BAD_FILES)} skipped" in done.stdout
    assert "documents: 3 read, 3 added, 3 in graph" in done.stdout
    assert triples(out) > 0


def test_keep_going_with_nothing_readable_fails(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(BAD_FILES["binary.txt"][0])
    out = tmp_path / "out"
    done = kg("build", bad, "-o", out, "--keep-going")
    assert done.returncode == 2
    assert "no document could be read (1 skipped)" in done.stderr.splitlines()[-1]
    assert not (out / "graph.ttl").exists()


def test_huge_page_is_cut_and_reported(tmp_path):
    """A 50 MB page: read only as far as the limit needs, the part left out reported."""
    paragraph = ("Vladimir Putin met Xi Jinping in Beijing on Tuesday. Russia supplies oil "
                 "to China through the Power of Siberia pipeline.\n\n")
    page = tmp_path / "huge.txt"
    with open(page, "w", encoding="utf-8") as handle:
        handle.write("Putin visits Beijing\n\n")
        handle.write(paragraph * (50_000_000 // len(paragraph)))
    assert page.stat().st_size > 50_000_000
    out = tmp_path / "out"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = kg("build", page, "-o", out, "--max-doc-chars", "20000")
    assert done.returncode == 0, done.stderr
    warning = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warning) == 1
    assert warning[0].startswith(f"warning: {page}: document cut at 20,000 characters")
    assert "unread bytes left out" in warning[0]
    assert "1 truncated" in done.stdout
    # the 50 MB were never held in memory: the child stayed far below the file's size
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak_kib > before:
        assert peak_kib < 1_500_000
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Xi Jinping" in text


def test_max_doc_chars_must_be_positive(tmp_path):
    done = kg("build", SEED, "-o", tmp_path / "out", "--max-doc-chars", "0")
    assert done.returncode == 2
    assert "not a positive whole number" in done.stderr


# --- interruption ---------------------------------------------------------------------------


def test_sigint_leaves_previous_graph(out, articles):
    before, count = snapshot(out), triples(out)
    build = start("build", articles, "-o", out)
    # the lock file stays from the first build: wait until THIS build holds it (it writes
    # its PID there), so the signal lands in kg's code, not in the interpreter's start-up
    assert wait_for(lambda: lock_holder(out) == build.pid or build.poll() is not None)
    time.sleep(2.0)  # loading the model or parsing
    build.send_signal(signal.SIGINT)
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == (
        "error: interrupted; the previous graph is unchanged")
    assert_intact(out, before, count)
    assert not list(out.glob(".staging-*"))


@pytest.mark.parametrize("moment", ["parsing", "writing"])
def test_sigkill_leaves_previous_graph_and_next_build_completes(moment, out, articles):
    before, count = snapshot(out), triples(out)
    build = start("build", articles, "-o", out)
    if moment == "writing":
        # the instant the build starts writing its outputs (its staging folder appears)
        assert wait_for(lambda: any(out.glob(".staging-*")) or build.poll() is not None)
    else:  # while it parses: after it took the lock and loaded the model
        assert wait_for(lambda: (out / ".kg.lock").exists(), step=0.05)
        time.sleep(3.0)
    assert build.poll() is None, "the build ended before it could be killed"
    build.kill()
    build.wait(timeout=60)
    assert build.returncode == -signal.SIGKILL
    assert_intact(out, before, count)
    again = kg("build", articles, "-o", out, "-q")
    assert again.returncode == 0, again.stderr
    assert triples(out) > count
    assert not list(out.glob(".staging-*"))


def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_file_size_limit_mid_write(out, articles):
    """RLIMIT_FSIZE below the new graph's size: writing fails; the old graph stays."""
    before, count = snapshot(out), triples(out)
    limit = (out / "graph.ttl").stat().st_size + 4096  # the seed fits, the bigger graph not
    done = kg("build", articles, "-o", out, preexec_fn=_limit_file_size(limit))
    assert done.returncode == 1, done.stderr
    one_error_line(done, str(out), "cannot write the graph", "File too large")
    assert_intact(out, before, count)
    again = kg("build", articles, "-o", out, "-q")
    assert again.returncode == 0, again.stderr


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


def test_full_filesystem(tmp_path, articles):
    """A real, small tmpfs filled up: the build reports it; the graph on it is unchanged."""
    if not _can_mount():
        pytest.skip("mounting a small filesystem needs root (RLIMIT_FSIZE covers the rest)")
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], check=True)
    try:
        out = mount / "out"
        done = kg("build", SEED, "-o", out, "-q")
        assert done.returncode == 0, done.stderr
        before, count = snapshot(out), triples(out)
        free = shutil.disk_usage(mount).free
        filler = mount / "filler"
        with open(filler, "wb") as handle:  # leave about 100 KB free
            handle.truncate(0)
            chunk = b"\0" * (1 << 20)
            left = free - 100_000
            while left > 0:
                handle.write(chunk[: min(len(chunk), left)])
                left -= len(chunk)
        done = kg("build", articles, "-o", out)
        assert done.returncode == 1, done.stderr
        one_error_line(done, str(out), "No space left on device")
        assert_intact(out, before, count)
        filler.unlink()
        again = kg("build", articles, "-o", out, "-q")
        assert again.returncode == 0, again.stderr
        assert triples(out) > count
    finally:
        subprocess.run(["umount", str(mount)], check=False)


# --- concurrency ----------------------------------------------------------------------------


def test_second_build_fails_fast_while_first_runs(out, articles, tmp_path):
    first = start("build", articles, "-o", out)
    assert wait_for(lambda: (out / ".kg.lock").exists(), step=0.05)
    time.sleep(3.0)  # the first build holds the lock by now (it takes it before parsing)
    t0 = time.monotonic()
    second = kg("build", SEED, "-o", out)
    waited = time.monotonic() - t0
    first_running = first.poll() is None
    first.communicate(timeout=600)
    assert first.returncode == 0
    assert first_running, "the first build finished before the second started"
    assert second.returncode == 1
    one_error_line(second, str(out), "another kg build is writing this graph")
    assert waited < 60  # it did not wait for the first build's lock


# --- hostile text ---------------------------------------------------------------------------


def test_hostile_text_round_trips_as_plain_data(tmp_path):
    from rdflib import Graph, Literal
    from rdflib.namespace import DCTERMS

    from kg.ontology import KG

    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps({"id": "h1", "title": HOSTILE_TITLE, "text": HOSTILE_BODY})
                      + "\n", encoding="utf-8")
    out = tmp_path / "out"
    done = kg("build", source, "-o", out, "-q")
    assert done.returncode == 0, done.stderr
    turtle = Graph().parse(out / "graph.ttl", format="turtle")
    assert Literal(HOSTILE_TITLE) in set(turtle.objects(None, DCTERMS.title))
    assert not any("\0" in str(o) for o in turtle.objects())  # NUL became U+FFFD at ingest
    sentences = {str(s) for s in turtle.objects(None, KG.sentence)}
    assert any('<img src=x onerror="window.pwned=2">' in s and '"quotes", back\\slashes' in s
               and "\u200f" in s and "\ufffd" in s for s in sentences), sentences
    assert any("'})" in s for s in sentences), sentences
    jsonld = Graph().parse(data=turtle.serialize(format="json-ld"), format="json-ld")
    assert Literal(HOSTILE_TITLE) in set(jsonld.objects(None, DCTERMS.title))
    # the store (what readers query) holds the same title, character for character
    query = kg("query", "SELECT ?t WHERE { ?d dcterms:title ?t }", "-g", out, "--format", "json")
    assert query.returncode == 0, query.stderr
    rows = json.loads(query.stdout)  # an array of row objects
    assert HOSTILE_TITLE in [row["t"] for row in rows]
    # a name written as a query fragment is looked up as a name, never run
    before = snapshot(out)
    show = kg("show", 'x" } ; DROP ALL ; #', "-g", out)
    assert show.returncode == 3  # not found
    assert "no entity named" in show.stderr
    assert snapshot(out) == before
