"""Ingest at its limits, in this process: special files, OS errors, JSONL lines streamed
past the limit, hostile nesting, ids, huge HTML. (The same cases through real ``kg build``
processes are in ``test_hardening_build.py``.)"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import count_sources, iter_documents
from kg.ingest.jsonl import line_limit

TEXT = ("The harbour strike in Rotterdam ended on Monday after two weeks, the union said. "
        "Dockworkers will return to work on Tuesday.")


def documents(paths: list[Path], **kwargs: int) -> tuple[list, list[InputError]]:
    """The documents read with ``--keep-going`` semantics, and the errors skipped."""
    errors: list[InputError] = []
    found = list(iter_documents(paths, on_error=errors.append, **kwargs))
    return found, errors


def raised(paths: list[Path], **kwargs: int) -> InputError:
    with pytest.raises(InputError) as caught:
        list(iter_documents(paths, **kwargs))
    return caught.value


# -- only regular files are opened ---------------------------------------------------------


def test_fifo_in_a_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "x.txt")  # no writer: opening it for reading would block
    started = time.monotonic()
    error = raised([tmp_path])
    assert (error.path, error.problem) == (str(tmp_path / "x.txt"), "not a regular file (fifo)")
    found, errors = documents([tmp_path])
    assert [d.source for d in found] == [str(tmp_path / "a.txt")]
    assert [e.problem for e in errors] == ["not a regular file (fifo)"]
    assert time.monotonic() - started < 10


def test_fifo_jsonl_socket_and_device_given_as_paths(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "feed.jsonl")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.txt"))
    try:
        assert raised([tmp_path / "feed.jsonl"]).problem == "not a regular file or folder (fifo)"
        assert raised([tmp_path / "sock.txt"]).problem == "not a regular file or folder (socket)"
        assert raised([Path("/dev/zero")]).problem == \
            "not a regular file or folder (character device)"
        # inside a folder the JSONL reader refuses the FIFO too
        error = raised([tmp_path])
        assert error.problem.startswith("not a regular file (")
    finally:
        server.close()


def test_symlink_loop_and_overlong_name_are_one_line_errors(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    assert raised([tmp_path / "a.txt"]).problem == "too many levels of symbolic links"
    long = tmp_path / ("n" * 300 + ".txt")
    assert raised([long]).problem == "file name too long"
    # in a folder, a looping link is skipped with --keep-going like any unreadable file
    (tmp_path / "ok.txt").write_text(TEXT)
    found, errors = documents([tmp_path])
    assert len(found) == 1 and {e.problem for e in errors} == {"too many levels of symbolic links"}


def test_command_line_paths_go_through_keep_going(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(TEXT)
    (tmp_path / "empty").mkdir()
    paths = [tmp_path / "missing.txt", tmp_path / "empty", tmp_path / "ok.txt"]
    found, errors = documents(paths)
    assert len(found) == 1
    assert [(e.path, e.problem) for e in errors] == [
        (str(tmp_path / "missing.txt"), "no such file or directory"),
        (str(tmp_path / "empty"), "no documents (.txt .md .html .jsonl) in folder"),
    ]
    assert count_sources(paths) == 1
    with pytest.raises(InputError, match="no such file"):
        count_sources(paths, strict=True)


# -- JSONL ---------------------------------------------------------------------------------


def test_deeply_nested_jsonl_line_is_an_input_error(tmp_path: Path) -> None:
    file = tmp_path / "n.jsonl"
    nested = "[" * 100_000 + "]" * 100_000
    file.write_text(json.dumps({"text": TEXT}) + "\n" + nested + "\n"
                    + json.dumps({"text": TEXT + " More."}) + "\n")
    found, errors = documents([file])
    assert len(found) == 2
    assert [(e.path, e.problem) for e in errors] == [
        (f"{file}:2", "invalid JSON: nested too deeply")]
    # the same nesting on a line longer than the limit goes through the streaming reader
    found, errors = documents([file], max_doc_chars=100)
    assert len(found) == 2 and len(errors) == 1


def test_over_long_line_is_streamed_and_cut(tmp_path: Path) -> None:
    file = tmp_path / "big.jsonl"
    body = ("Ünïcode words and \"quotes\" \\ backslashes ß é😀. " * 40 + "\n\n") * 400
    record = {"title": "Big One", "extra": {"a": [1, 2, {"b": "}]\"x"}], "c": None},
              "text": body, "id": "big-1", "published": "2024-03-05", "n": -1.5e3}
    lines = [json.dumps(record), json.dumps({"text": TEXT, "id": "small"}),
             json.dumps(record, ensure_ascii=False)]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert os.path.getsize(file) > 3 * line_limit(1000)
    found, errors = documents([file], max_doc_chars=1000)
    assert errors == []
    first, small, third = found
    assert (first.id, first.title, first.published) == ("big-1", "Big One", "2024-03-05")
    assert small.id == "small" and small.text == TEXT and small.source == f"{file}:2"
    for document in (first, third):
        assert 500 <= len(document.text) <= 1000
        assert body.startswith(document.text[len("Big One\n\n"):].rstrip())
        assert document.skipped_bytes > 500_000
    assert third.source == f"{file}:3"


@pytest.mark.parametrize(("line", "problem"), [
    ('{"text": "unterminated', "invalid JSON"),
    ('{"text": "x" "y"}', "invalid JSON"),
    ('{"id": 7, "text": "PAD"}', "'id' must be a string"),
    ('{"id": true, "text": "PAD"}', "'id' must be a string"),
    ('{"note": "PAD"}', "record has no 'text'"),
    ('{"text": "PAD"} trailing', "invalid JSON"),
])
def test_bad_lines_are_errors_whole_or_streamed(tmp_path: Path, line: str, problem: str) -> None:
    for pad in (10, 200_000):  # read whole; streamed (longer than the limit)
        file = tmp_path / "bad.jsonl"
        file.write_text(json.dumps({"text": TEXT}) + "\n" + line.replace("PAD", "w " * pad)
                        + "\n" + json.dumps({"text": TEXT + " Again."}) + "\n")
        found, errors = documents([file], max_doc_chars=1000)
        assert len(found) == 2, (pad, errors)  # the line after the bad one is read
        assert [e.path for e in errors] == [f"{file}:2"]
        assert problem in errors[0].problem


def test_lone_surrogate_becomes_replacement_character(tmp_path: Path) -> None:
    file = tmp_path / "s.jsonl"
    file.write_text('{"text": "Bad \\ud800 char in Rotterdam.", "id": "s"}\n')
    (document,), _ = documents([file])
    assert document.text == "Bad \ufffd char in Rotterdam."


# -- HTML ----------------------------------------------------------------------------------


def test_huge_html_page_is_read_in_linear_time(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>Paragraph {n}. {TEXT}</p>\n" for n in range(25_000))
    page = ("<html><head><title>Port news</title><script>var x = '<p>not text</p>';</script>"
            "</head><body><nav><p>Home | World</p></nav><article>"
            + paragraphs + "</article></body></html>")
    file = tmp_path / "big.html"
    file.write_text(page)
    assert len(page) > 3_000_000
    started = time.monotonic()
    (document,), errors = documents([file], max_doc_chars=200_000)
    assert time.monotonic() - started < 30  # trafilatura took about 4 s a megabyte
    assert errors == [] and document.title == "Port news"
    assert document.text.startswith(f"Port news\n\nParagraph 0. {TEXT}\n\nParagraph 1. ")
    assert "not text" not in document.text and "Home" not in document.text
    assert 100_000 <= len(document.text) <= 200_000 and document.skipped_chars > 0
