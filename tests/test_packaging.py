"""The wheel ships every sub-package and data file kg loads at run time."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO


def test_every_subpackage_is_listed_for_the_wheel():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "kg").rglob("__init__.py")
    }
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"


def test_every_data_file_kg_reads_is_package_data():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["kg"]
    data = [p for p in (REPO / "kg").rglob("*") if p.is_file() and p.suffix not in {".py", ".pyc"}]
    missing = [
        str(p.relative_to(REPO / "kg"))
        for p in data
        if "__pycache__" not in p.parts
        and not any(p.relative_to(REPO / "kg").match(pattern) for pattern in patterns)
    ]
    assert not missing, f"add patterns for {missing} to [tool.setuptools.package-data] kg"
