"""Hostile input through real ``kg build`` processes: special files, hostile JSONL, paths
that cannot be used, duplicate and non-string ids, escape sequences in file names and
labels, memory bounded by ``--max-doc-chars``.

Each problem is one ``error:`` line naming the file (exit 2), or with ``--keep-going`` one
``warning:`` line and a skipped count; nothing hangs, nothing prints a traceback, and
nothing from the data reaches the terminal raw.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED, unprivileged

ARTICLE = SEED.read_text(encoding="utf-8")
OTHER = ("Harbour workers in Rotterdam ended their strike on Monday, the union said. "
         "Vladimir Putin visited China in May.")


def kg(*args: str | Path, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, **kwargs)


def one_error_line(done: subprocess.CompletedProcess[str], expected: str) -> None:
    """Exit 2 and exactly one stderr line, ``error: <expected>``."""
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [f"error: {expected}"], done.stderr


def warnings(done: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in done.stderr, done.stderr
    return [line for line in done.stderr.splitlines() if line.startswith("warning: ")]


def summary_line(done: subprocess.CompletedProcess[str]) -> str:
    return next(line for line in done.stdout.splitlines() if line.startswith("documents: "))


@pytest.fixture
def fifo_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "x.txt")  # nobody ever writes to it
    return folder


@pytest.mark.slow
def test_fifo_in_input_folder_fails_fast(fifo_folder: Path, tmp_path: Path) -> None:
    """Case 4: the build used to block on open() forever, holding the lock."""
    done = kg("build", fifo_folder, "-o", tmp_path / "out", timeout=300)
    one_error_line(done, f"{fifo_folder / 'x.txt'}: not a regular file (fifo)")
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.slow
def test_keep_going_skips_every_kind_of_bad_input(fifo_folder: Path, tmp_path: Path) -> None:
    """Cases 4, 6, 7 and 9 in one --keep-going build: each problem one warning, skipped and
    counted, the good documents built."""
    (fifo_folder / "loop.txt").symlink_to(fifo_folder / "loop.txt")
    locked = fifo_folder / "locked"
    (locked / "deep").mkdir(parents=True)
    (locked / "deep" / "b.txt").write_text(OTHER, encoding="utf-8")
    locked.chmod(0)
    feed = fifo_folder / "feed.jsonl"
    feed.write_text("\n".join([
        json.dumps({"id": "r1", "text": OTHER}),
        "[" * 100_000 + "]" * 100_000,  # a RecursionError before
        json.dumps({"id": "r1", "text": OTHER + " It rained."}),  # same id, other text
        json.dumps({"id": "r1", "text": OTHER}),  # the same record again: not an error
        json.dumps({"id": True, "text": "Boris Johnson met Emmanuel Macron in Paris."}),
    ]) + "\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    missing = tmp_path / "missing.txt"
    try:
        done = subprocess.run(  # file permissions apply to it, also under root
            unprivileged([sys.executable, "-m", "kg", "build", str(missing),
                          str(tmp_path / "empty"), str(fifo_folder),
                          "-o", str(tmp_path / "out"), "--keep-going"]),
            capture_output=True, text=True, timeout=300)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert sorted(warnings(done)) == sorted(f"warning: {w} (skipped)" for w in [
        f"{missing}: no such file or directory",
        f"{tmp_path / 'empty'}: no documents (.txt .md .html .jsonl) in folder",
        f"{locked}: permission denied",
        f"{feed}:2: invalid JSON: nested too deeply",
        f"{feed}:3: id 'r1' was read before, with another text, from {feed}:1",
        f"{feed}:5: 'id' must be a string",
        f"{fifo_folder / 'loop.txt'}: too many levels of symbolic links",
        f"{fifo_folder / 'x.txt'}: not a regular file (fifo)",
    ])
    assert summary_line(done) == "documents: 4 read, 2 added, 2 in graph, 8 skipped, 1 repeated"


@pytest.mark.slow
def test_keep_going_build_that_read_nothing_fails(tmp_path: Path) -> None:
    done = kg("build", tmp_path / "missing", "-o", tmp_path / "out", "--keep-going")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"warning: {tmp_path / 'missing'}: no such file or directory (skipped)",
        f"error: {tmp_path / 'missing'}: no document could be read (1 skipped)",
    ]


@pytest.mark.parametrize("case", ["loop", "long name", "fifo", "missing", "empty"])
def test_unusable_command_line_path_is_one_line(tmp_path: Path, case: str) -> None:
    """Case 6 and 7 without --keep-going: one line, before anything is loaded."""
    path = tmp_path / {"long name": "n" * 300 + ".txt"}.get(case, case + ".txt")
    problem = {"loop": "too many levels of symbolic links", "long name": "file name too long",
               "fifo": "not a regular file or folder (fifo)",
               "missing": "no such file or directory",
               "empty": "no documents (.txt .md .html .jsonl) in folder"}[case]
    if case == "loop":
        path.symlink_to(path)
    elif case == "fifo":
        os.mkfifo(path)
    elif case == "empty":
        path.mkdir()
    one_error_line(kg("build", path, "-o", tmp_path / "out", timeout=120), f"{path}: {problem}")


@pytest.mark.parametrize(("lines", "expected"), [
    (["[" * 100_000 + "]" * 100_000], ":1: invalid JSON: nested too deeply"),
    ([json.dumps({"id": "a", "text": ARTICLE}), json.dumps({"id": "a", "text": OTHER})],
     ":2: id 'a' was read before, with another text, from {feed}:1"),
    ([json.dumps({"id": 7, "text": OTHER})], ":1: 'id' must be a string"),
])
@pytest.mark.slow
def test_bad_jsonl_record_stops_the_build_with_one_line(
    tmp_path: Path, lines: list[str], expected: str
) -> None:
    """Cases 6 and 9 without --keep-going (a duplicate id with another text is an error)."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = kg("build", feed, "-o", tmp_path / "out")
    one_error_line(done, f"{feed}{expected.format(feed=feed)}")
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.slow
def test_escape_sequences_reach_no_terminal(tmp_path: Path) -> None:
    """Case 11: a file name with ESC and a newline stays one escaped error line; an entity
    label with ESC is printed escaped by ``kg query`` (table) and ``kg show``."""
    folder = tmp_path / "in"
    folder.mkdir()
    bad = folder / "bad\x1b[31mred\nname.txt"
    bad.write_bytes(b"\x00\x01binary")
    done = kg("build", folder, "-o", tmp_path / "nothing")
    escaped = str(folder) + "/bad\\x1b[31mred\\nname.txt"
    one_error_line(done, f"{escaped}: binary file, not text")

    feed = tmp_path / "evil.jsonl"
    feed.write_text(json.dumps({"id": "e", "text": (
        "Vladimir Putin met Evil\x1b[31m Corp officials in Moscow on Monday. "
        "Evil\x1b[31m Corp said it would grow.")}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    built = kg("build", feed, "-o", out, "-q")
    assert built.returncode == 0, built.stderr
    label = "SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    table = kg("query", label, "-g", out)
    assert table.returncode == 0, table.stderr
    assert "Evil\\x1b[31m Corp" in table.stdout and "\x1b" not in table.stdout
    csv = kg("query", label, "-g", out, "--format", "csv")  # data formats stay exact
    assert "Evil\x1b[31m Corp" in csv.stdout
    show = kg("show", "Evil\x1b[31m Corp", "-g", out)
    assert show.returncode == 0, show.stderr
    assert show.stdout.startswith("Evil\\x1b[31m Corp  [Organization]")
    assert "\x1b" not in show.stdout


# -- memory bounded by --max-doc-chars (case 8) ------------------------------------------

PEAK = ("import resource, subprocess, sys; "
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "sys.stderr.write(done.stderr); "
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_build(*args: str | Path) -> tuple[int, int, str]:
    """Run ``kg build`` in a fresh wrapper process: (exit code, peak RSS in MB, stderr)."""
    done = subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-m", "kg", "build",
                           *map(str, args)], capture_output=True, text=True, timeout=900)
    code, kilobytes = map(int, done.stdout.split())
    return code, kilobytes // 1024, done.stderr


@pytest.mark.slow
def test_huge_jsonl_line_is_not_loaded(tmp_path: Path) -> None:
    """A 200 MB single-line JSONL with --max-doc-chars 1000: 1 GB peak before, 0.2 GB now."""
    feed = tmp_path / "big.jsonl"
    paragraph = json.dumps(ARTICLE.replace("\n\n", " ") + "\n\n")[1:-1]
    with open(feed, "w", encoding="utf-8") as handle:
        handle.write('{"id": "big", "title": "Big", "text": "')
        for _ in range(200_000_000 // len(paragraph)):
            handle.write(paragraph)
        handle.write('"}\n')
    code, peak, stderr = peak_build(feed, "-o", tmp_path / "out", "--max-doc-chars", "1000",
                                    "-q")
    assert code == 0, stderr
    assert "document cut at 1,000 characters" in stderr
    print(f"peak RSS of the 200 MB JSONL build: {peak} MB")
    assert peak < 600, f"peak RSS {peak} MB"


@pytest.mark.slow
def test_long_document_memory_does_not_follow_its_length(tmp_path: Path) -> None:
    """A 200,000-character text document is parsed in pieces (a 1M-character one took
    3.3 GB before, 0.6 GB now; a 40-article build takes 0.3 GB)."""
    paragraphs = [p for p in ARTICLE.split("\n\n")[1:] if p.strip()]
    text = "Long report\n\n"
    while len(text) < 200_000:
        text += "\n\n".join(paragraphs) + "\n\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(text, encoding="utf-8")
    code, peak, stderr = peak_build(tmp_path / "in", "-o", tmp_path / "out", "-q")
    assert code == 0, stderr
    print(f"peak RSS of the 200,000-character document's build: {peak} MB")
    assert peak < 700, f"peak RSS {peak} MB"
