"""Rule names are a closed table (kg.extract.rules): every rule that fires on the test
corpora is in it, every rule in it has a confidence prior, and an unknown name is refused."""

from __future__ import annotations

import json

import pytest

from kg.extract import extract_texts
from kg.extract.rules import CLAUSE_PRIORS, How, Rule, full_name
from tests.conftest import DATA, SAMPLE, SAMPLE_FILES, SEEDS, need

pytestmark = pytest.mark.model



def fired(nlp, texts: list[str]) -> set[str]:
    return {
        relation.evidence.rule
        for _, extraction in extract_texts(texts, nlp)
        for relation in extraction.relations
    }


def check_closed(rules: set[str]) -> None:
    for name in rules:
        rule, _, how = name.partition("+")
        assert rule in {r.value for r in Rule}, name
        assert not how or how in {h.value for h in How}, name


def test_every_rule_has_a_prior_and_no_default() -> None:
    assert set(CLAUSE_PRIORS) == set(Rule)


def test_an_unknown_rule_name_is_refused() -> None:
    assert full_name("svo", "passive") == "svo+passive"
    assert full_name("copula", "") == "copula"
    with pytest.raises(ValueError):
        full_name("verb-ish", "")
    with pytest.raises(ValueError):
        full_name("svo", "somehow")


def test_rules_firing_on_the_seed_and_the_qualifier_sentences_are_in_the_table(nlp) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    lines = (DATA / "qualify.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(line)["text"] for line in lines if line.strip()]
    rules = fired(nlp, texts)
    check_closed(rules)
    assert {"svo", "svo-prep", "theme-prep+control", "measure", "title", "address"} <= rules


@pytest.mark.corpus
def test_rules_firing_on_the_reuters_sample_are_in_the_table(nlp) -> None:
    need(SAMPLE.is_dir(), f"the shared Reuters corpus at {SAMPLE}")
    texts = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
    assert len(texts) == 71
    rules = fired(nlp, texts)
    check_closed(rules)
    bases = {r.partition("+")[0] for r in rules}
    assert {"svo", "svo-prep", "copula", "title", "apposition", "nominal", "address"} <= bases
    assert {"svo+passive", "svo+control", "svo+conj"} <= rules
