"""Every example in every ``--help`` runs: each ``kg …`` (and ``curl …``) line after
"example:" is run by bash, as a real process, in a folder holding what the examples name
(seeds/, news/, more.jsonl, my-aliases.tsv, queries/), against the graph the build examples
make. Servers the examples talk to are real: ``kg serve`` itself, and an ArcadeDB Bolt
server for ``kg push`` (its address and credentials put in place of the example's)."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg import cli
from tests import engines
from tests.conftest import REPO, SEED, SEEDS

#: Where kg's modules are: a traceback through them is a failing example.
KG_PACKAGE = f"{Path(kg.__file__).resolve().parent}/"

pytestmark = [pytest.mark.model, pytest.mark.slow]

BIN = Path(sys.executable).parent
NEWS = (
    "Acme Corporation opened a factory in Ohio on Monday, the company said.\n\n"
    "Chief executive Jane Smith told Reuters that Acme will hire 300 workers in Ohio.\n"
)


def help_texts() -> dict[str, str]:
    """The --help text of ``kg`` and of each sub-command."""
    parser = cli._parser()
    texts = {"kg": parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            texts.update({name: sub.format_help() for name, sub in action.choices.items()})
    return texts


def examples(text: str) -> list[str]:
    """The command lines after "example:" (comment lines and prose left out)."""
    lines = text.split("example:\n", 1)[1].splitlines()
    found = []
    for line in lines:
        if not line.startswith("  "):
            break
        if line.strip().startswith(("kg ", "curl ")):
            found.append(line.strip())
    return found


HELP = help_texts()
#: Build examples run first (the others read their graph), then the rest in this order
#: (``remove`` last but for the servers': it takes the Acme and Xi Jinping articles out).
ORDER = ["build", "kg", "query", "show", "validate", "dump", "viz", "export", "remove", "serve",
         "push"]  # fmt: skip


def test_every_command_has_examples_and_all_are_covered() -> None:
    assert sorted(HELP) == sorted(ORDER)
    assert all(examples(text) for text in HELP.values())


def run(line: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", line], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env=env or environ())  # fmt: skip


def environ() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}


def check(line: str, done: subprocess.CompletedProcess) -> None:
    """Exit 0 and no traceback through kg's code. (A Dask LocalCluster's worker may log a
    heartbeat traceback of distributed's own while the cluster shuts down after a build
    that succeeded; that is the library's noise, not a failing example.)"""
    assert done.returncode == 0, f"{line}\n{done.stderr}"
    # kg's own package: a checkout in a folder named kg holds its .venv under ".../kg/" too
    assert f'File "{KG_PACKAGE}' not in done.stderr, f"{line}\n{done.stderr}"
    if "--dask" not in line:
        assert "Traceback" not in done.stderr, f"{line}\n{done.stderr}"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding what the examples name, and the graph the build examples make."""
    root = tmp_path_factory.mktemp("examples")
    (root / "seeds").symlink_to(SEEDS)
    (root / "queries").symlink_to(REPO / "kg" / "queries")  # the named queries as files
    (root / "news").mkdir()
    (root / "news" / "acme.txt").write_text(NEWS, encoding="utf-8")
    shutil.copy(SEED, root / "news" / "putin.txt")
    (root / "more.jsonl").write_text(
        '{"id": "m1", "text": "Xi Jinping visited Moscow in May.", "title": "Visit", '
        '"published": "2025-05-08", "url": "https://example.com/visit"}\n', encoding="utf-8")
    (root / "my-aliases.tsv").write_text(
        "Acme Corporation\tOrganization\tAcme;ACM\n", encoding="utf-8")
    for line in examples(HELP["build"]):
        check(line, run(line, root))
    return root


@pytest.mark.parametrize("command", [c for c in ORDER if c not in {"serve", "push"}])
def test_examples_run(workspace: Path, command: str) -> None:
    if command == "build":  # run by the fixture; the graph holds what they added
        assert (workspace / "out" / "graph.ttl").is_file()
        graph = (workspace / "out" / "graph.ttl").read_text(encoding="utf-8")
        assert "Acme" in graph and "Xi Jinping" in graph
        return
    for line in examples(HELP[command]):
        check(line, run(line, workspace))


def test_serve_examples_run(workspace: Path) -> None:
    port = str(engines.free_port())
    serve, *clients = (line.replace("7878", port) for line in examples(HELP["serve"]))
    server = subprocess.Popen(["bash", "-c", f"exec {serve}"], cwd=workspace, env=environ(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith("serving out at http://127.0.0.1:")
        for line in clients:
            done = run(f"curl -sSf {line.removeprefix('curl ')}", workspace)
            check(line, done)
            assert "kg/entity/china" in done.stdout
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0


def test_push_examples_run(workspace: Path, arcadedb: str) -> None:
    env = {**environ(), "NEO4J_USERNAME": engines.ARCADE_USER,
           "NEO4J_PASSWORD": engines.ARCADE_PASSWORD}  # fmt: skip
    for line in examples(HELP["push"]):
        real = line.replace("bolt://localhost:7687", arcadedb).replace(
            "--user neo4j --password secret",
            f"--user {engines.ARCADE_USER} --password {engines.ARCADE_PASSWORD}")
        check(line, run(real, workspace, env))
