"""The walkthrough notebook runs from top to bottom in a real kernel."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, need

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_walkthrough_executes(tmp_path):
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:  # pragma: no cover - the test extra installs both
        need(False, "nbclient/nbformat")
    notebook = nbformat.read(REPO / "notebooks" / "walkthrough.ipynb", as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(REPO)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(
        o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in outputs
    )
    assert "consumer goods" in text
    assert "Vladimir Putin —visits→ China" in text
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert any("srcdoc" in o["data"]["text/html"] for o in html)
