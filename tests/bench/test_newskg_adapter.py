"""bench/newskg.py: a real build of three small articles, read back as NewsKG lines.

The articles are written for this test (the NewsKG gold stays out of the repository).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED, need

ARTICLES = {
    "news/a1.txt": "Acme Corp buys Zenith Mining\n\n"
    "Acme Corp said on Monday it bought Zenith Mining Ltd for 40 million dlrs.\n\n"
    "Anna Berg, the chief executive of Acme Corp, visited Chile in March.\n",
    "news/a2.txt": "Egypt halts wheat imports\n\n"
    "Egypt did not import wheat from Russia last year, the ministry said.\n\n"
    "Peter Holm met Anna Berg on Tuesday.\n",
    "news/a3.txt": "Holm wins award\n\n"
    "Peter Holm won a prize for his research. "
    "Holm works for the Nordic Institute in Oslo.\n",
}
ENT = "https://w3id.org/kg/entity/"

ENTITIES = {
    "news/a1.txt": {
        ("chile", "Chile", "Country"),
        ("acme", "Acme Corp", "Organization"),
        ("zenith-mining", "Zenith Mining Ltd", "Organization"),
        ("anna-berg", "Anna Berg", "Person"),
    },
    "news/a2.txt": {
        ("wheat", "wheat", "Commodity"),
        ("egypt", "Egypt", "Country"),
        ("russia", "Russia", "Country"),
        ("anna-berg", "Anna Berg", "Person"),
        ("peter-holm", "Peter Holm", "Person"),
    },
    "news/a3.txt": {
        # "a prize" is a generic concept: no entity, and "won a prize" no fact (below)
        ("nordic-institute", "Nordic Institute", "Organization"),
        ("peter-holm", "Peter Holm", "Person"),
        ("oslo", "Oslo", "Place"),
    },
}
FACTS = {
    "news/a1.txt": {
        ("acme", "acquires", "zenith-mining", "positive", "asserted"),
        ("anna-berg", "leader of", "acme", "positive", "asserted"),
        ("anna-berg", "visits", "chile", "positive", "asserted"),
    },
    "news/a2.txt": {
        # denied and attributed ("the ministry said"): evidence only, negative polarity
        ("egypt", "import", "wheat", "negative", "reported"),
        ("egypt", "imports from", "russia", "negative", "reported"),
        ("peter-holm", "meets with", "anna-berg", "positive", "asserted"),
    },
    "news/a3.txt": {
        ("peter-holm", "works for", "nordic-institute", "positive",
         "asserted"),
        ("nordic-institute", "based in", "oslo", "positive", "asserted"),
    },
}


def run_adapter(root: Path, listing: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "bench" / "newskg.py"), str(root), str(listing), *extra],
        capture_output=True, text=True, timeout=600,
    )


@pytest.mark.model
def test_newskg_adapter_prints_the_built_graph_as_newskg_lines(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for name, text in ARTICLES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{name}\n" for name in ARTICLES), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    done = run_adapter(root, listing, "-o", str(pred))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
    assert [line["doc"] for line in lines] == list(ARTICLES)
    for line in lines:
        doc = line["doc"]
        got = {(e["id"].removeprefix(ENT), e["label"], e["type"]) for e in line["entities"]}
        assert got == ENTITIES[doc], doc
        facts = {
            (f["subject"].removeprefix(ENT), f["predicate"], f["object"].removeprefix(ENT),
             f["polarity"], f["modality"])
            for f in line["facts"]
        }
        assert facts == FACTS[doc], doc
        assert len(facts) == len(line["facts"])  # one line per fact and polarity
        for fact in line["facts"]:
            assert 0.0 < fact["confidence"] <= 1.0
            assert fact["evidence"]
            assert all(e.startswith("https://w3id.org/kg/evidence/") for e in fact["evidence"])
    by_doc = {line["doc"]: {e["id"]: e for e in line["entities"]} for line in lines}
    # one id for one entity in every article, and the graph's aliases with it
    holm = ENT + "peter-holm"
    assert by_doc["news/a2.txt"][holm] == by_doc["news/a3.txt"][holm]
    assert by_doc["news/a3.txt"][holm]["aliases"] == ["Holm"]
    zenith = by_doc["news/a1.txt"][ENT + "zenith-mining"]
    assert zenith["aliases"] == ["Zenith Mining"]


def test_newskg_adapter_names_a_missing_listed_file(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("news/absent.txt\n", encoding="utf-8")
    done = run_adapter(tmp_path, listing)
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"error: {listing}: {tmp_path / 'news/absent.txt'}: no such file"
    ]


def test_newskg_bins_reads_the_scorers_verdicts_per_fact(tmp_path: Path) -> None:
    scorer = SHARED / "bench" / "newskg_score.py"
    need(scorer.is_file(), "the shared NewsKG scorer")
    people = [{"id": "e1", "name": "Anna Berg", "type": "Person", "mentions": ["Berg"]},
              {"id": "e2", "name": "Acme Corp", "type": "Organization", "mentions": ["Acme"]}]
    gold = [
        {"doc": "a.txt", "entities": people, "facts": [
            {"subject": "e1", "predicate": "chief executive of", "object": "e2",
             "cues": ["chief", "execut", "works for"], "polarity": "positive", "key": True}]},
        {"doc": "b.txt", "entities": people, "facts": [
            {"subject": "e2", "predicate": "sue", "object": "e1", "cues": ["sue"],
             "polarity": "negative"}]},
    ]
    ends = [{"id": "p", "label": "Anna Berg", "aliases": [], "type": "Person"},
            {"id": "o", "label": "Acme", "aliases": [], "type": "Organization"},
            {"id": "x", "label": "shares", "aliases": [], "type": "Other"}]
    pred = [
        {"doc": "a.txt", "entities": ends, "facts": [
            {"subject": "p", "predicate": "works for", "object": "o", "confidence": 0.35},
            {"subject": "p", "predicate": "buys", "object": "x", "confidence": 0.95}]},
        {"doc": "b.txt", "entities": ends, "facts": [
            {"subject": "o", "predicate": "sues", "object": "p", "confidence": 0.55,
             "polarity": "negative"},
            {"subject": "o", "predicate": "praises", "object": "p", "confidence": 0.65}]},
    ]
    files = {"gold": gold, "pred": pred}
    for name, lines in files.items():
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    argv = [sys.executable, str(REPO / "bench" / "newskg_bins.py"), "--scorer", str(scorer),
            "--gold", str(tmp_path / "gold.jsonl"), "--pred", str(tmp_path / "pred.jsonl")]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "newskg F1=0.667 P=0.500 R=1.000 key_R=1.000" in done.stdout
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 0.")]
    assert rows == ["| 0.3-0.4 | 1 | 1 | 1.000 | 1.000 |", "| 0.5-0.6 | 1 | 1 | 1.000 | 1.000 |",
                    "| 0.6-0.7 | 1 | 0 | 0.000 | 1.000 |", "| 0.9-1.0 | 1 | 0 | 0.000 | 0.000 |"]
    # the second article alone: its denied fact is right, the other is not
    second = subprocess.run([*argv, "--lines", "2-2"], capture_output=True, text=True,
                            timeout=60)
    assert "articles=1 predicted_articles=1 gold_facts=1 pred_facts=2 right=1" in second.stdout
    assert "missed gold facts: 0" in second.stdout
