"""The wheel ships every sub-package and data file kg loads at run time."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO

CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_subpackage_and_data_folder_is_listed_for_the_wheel():
    listed = set(CONFIG["packages"])
    folders = {
        ".".join(path.relative_to(REPO).parts)
        for path in (REPO / "kg").rglob("*")
        if path.is_dir() and path.name != "__pycache__"
    }
    missing = sorted(folders - listed)
    assert not missing, f"add {missing} to [tool.setuptools] packages"


def test_every_data_file_kg_reads_is_package_data():
    patterns = CONFIG["package-data"]
    missing = []
    for path in (REPO / "kg").rglob("*"):
        if not path.is_file() or path.suffix in {".py", ".pyc"} or "__pycache__" in path.parts:
            continue
        package = ".".join(path.parent.relative_to(REPO).parts)
        if not any(path.match(pattern) for pattern in patterns.get(package, [])):
            missing.append(str(path.relative_to(REPO)))
    assert not missing, f"add patterns for {missing} to [tool.setuptools.package-data]"
