"""``kg viz``: a page of a built graph (its store or its Turtle file), with one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.rdf.graph import write_turtle
from tests.html_fixtures import CHINA, PUTIN, RUSSIA, build_graph


def _nodes(page: Path) -> set[str]:
    match = re.search(r"var kgAllNodes = (\[.*?\]);\n", page.read_text("utf-8"))
    assert match
    return {node["id"] for node in json.loads(match.group(1))}


@pytest.fixture()
def turtle(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    write_turtle(build_graph(hostile=True), path)
    return path


def test_viz_of_a_turtle_file_with_focus(turtle: Path, tmp_path: Path, capsys) -> None:
    page = tmp_path / "pages" / "putin.html"
    code = main(["viz", "-g", str(turtle), "-o", str(page), "--focus", "PUTIN", "--hops", "1"])
    assert code == 0
    assert capsys.readouterr().out.strip() == f"wrote {page}"
    assert _nodes(page) == {str(PUTIN), str(CHINA), str(RUSSIA)}


def test_viz_filters_and_default_output(turtle: Path) -> None:
    assert (
        main(["viz", "-g", str(turtle), "--types", "country, person", "--min-confidence", "0.8"])
        == 0
    )
    assert _nodes(turtle.with_name("view.html")) == {str(PUTIN), str(CHINA), str(RUSSIA)}


@pytest.mark.parametrize(
    "args, message, code",
    [
        (["--focus", "Nobody"], "no entity named 'Nobody'", 3),  # not found, as kg show
        (["--types", "planet"], "unknown type 'planet'", 3),
        (["--max-nodes", "0"], "max_nodes must be at least 1", 2),
        (["--min-confidence", "2"], "min_confidence must be within 0 and 1", 2),
    ],
)
def test_viz_errors_are_one_line(
    turtle: Path, capsys, args: list[str], message: str, code: int
) -> None:
    assert main(["viz", "-g", str(turtle), *args]) == code
    err = capsys.readouterr().err
    assert err.startswith(f"error: {turtle}: ") and message in err
    assert err.count("\n") == 1
    assert not turtle.with_name("view.html").exists()


def test_viz_of_a_missing_graph(tmp_path: Path, capsys) -> None:
    assert main(["viz", "-g", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "run `kg build` first" in err


@pytest.mark.model
def test_viz_of_a_built_store(seed_out: Path, seed_graph, tmp_path: Path) -> None:
    """From the Oxigraph store of `kg build`: the same entities as the page it wrote."""
    page = tmp_path / "seed.html"
    assert main(["viz", "-g", str(seed_out), "-o", str(page)]) == 0
    assert _nodes(page) == _nodes(seed_out / "graph.html")
    focused = tmp_path / "putin.html"
    assert main(["viz", "-g", str(seed_out), "-o", str(focused), "--focus", "putin"]) == 0
    assert 1 < len(_nodes(focused)) < len(_nodes(page))
