"""Sizes a reader can take in at once: no module of kg/ over 400 lines, no function over 60
(from its first decorator to its last line, docstring included), except the tables listed."""

from __future__ import annotations

import ast
from pathlib import Path

import kg

ROOT = Path(kg.__file__).parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

#: Functions allowed over the limit, by "path:name" (path relative to kg/).
ALLOWED = {
    # a table: vis-network's options, one literal
    "html/style.py:vis_options",
}


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> dict[str, int]:
    """Name -> lines of each function (or method, or nested function) over ``limit``."""
    found = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            lines = (node.end_lineno or node.lineno) - first + 1
            if lines > limit:
                found[node.name] = lines
    return found


def _sources() -> list[Path]:
    return sorted(ROOT.rglob("*.py"))


def test_the_checker_counts_a_function_from_its_decorator_to_its_end() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    source = f"@staticmethod\ndef long():\n{body}\n\ndef short():\n    return 1\n"
    assert long_functions(source) == {"long": 62}
    assert long_functions(source, limit=62) == {}


def test_no_module_is_over_400_lines() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in _sources()}
    assert len(sizes) > 90  # every module of kg/ was read
    assert {path: n for path, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def test_no_function_is_over_60_lines_except_the_allowed() -> None:
    found = {
        f"{path.relative_to(ROOT)}:{name}": lines
        for path in _sources()
        for name, lines in long_functions(path.read_text(encoding="utf-8")).items()
    }
    assert {key: n for key, n in found.items() if key not in ALLOWED} == {}
    stale = sorted(ALLOWED - set(found))
    assert stale == [], f"now under {MAX_FUNCTION_LINES} lines: remove {stale} from ALLOWED"
