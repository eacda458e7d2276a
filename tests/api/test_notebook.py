"""The walkthrough notebook is committed with its outputs; re-run from top to bottom in a real
kernel, it gives outputs of the same kinds, holding the same key facts."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, need

pytestmark = [pytest.mark.model, pytest.mark.slow]

NOTEBOOK = REPO / "notebooks" / "walkthrough.ipynb"
#: Strings the outputs hold, committed and re-run alike.
KEY_STRINGS = [
    "graph: out/walkthrough",
    "consumer goods",
    "Vladimir Putin —visits→ China",
    "negative",  # the denied "China supplies weapons", shown as such
    "weapons",
    "entities,",
    "China is https://w3id.org/kg/entity/china",
    "out/walkthrough/graph.graphml",
    "out/walkthrough/putin.html",
]


def kinds(cell) -> list[tuple[str, tuple[str, ...]]]:
    """What a code cell printed or showed: output types and their MIME types (consecutive
    stream chunks as one: how a kernel splits printed text depends on timing)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for output in cell.outputs:
        kind = (output.output_type, tuple(sorted(output.get("data", {}))))
        if not (found and kind == found[-1] and kind[0] == "stream"):
            found.append(kind)
    return found


def text(cells) -> str:
    return "\n".join(
        o.get("text", "") or o.get("data", {}).get("text/plain", "")
        for cell in cells for o in cell.outputs
    )  # fmt: skip


def test_walkthrough_reruns_like_its_committed_outputs() -> None:
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:  # pragma: no cover - the test extra installs both
        need(False, "nbclient/nbformat")
    committed = nbformat.read(NOTEBOOK, as_version=4)
    fresh = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert code and all(cell.outputs for cell in code), "committed with its outputs"
    assert "KnowledgeGraph" in code[0].source  # the notebook shows the facade

    client = NotebookClient(fresh, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})  # fmt: skip
    client.execute()
    rerun = [c for c in fresh.cells if c.cell_type == "code"]
    assert not [o for c in rerun for o in c.outputs if o.output_type == "error"]
    assert [kinds(c) for c in rerun] == [kinds(c) for c in code]
    for key in KEY_STRINGS:
        assert key in text(code), f"committed outputs lack {key!r}"
        assert key in text(rerun), f"re-run outputs lack {key!r}"
    page = [o for o in rerun[-1].outputs if "text/html" in o.get("data", {})]
    assert page and 'src="../out/walkthrough/putin.html"' in page[0]["data"]["text/html"]
    assert (REPO / "out" / "walkthrough" / "putin.html").is_file()
