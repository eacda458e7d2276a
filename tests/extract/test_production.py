"""Who produces which goods (kg.extract.production, rule ``production``, and the verb frames
of ``produces``), on real parses of sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract_texts

pytestmark = pytest.mark.model


def producing(nlp, text: str) -> set[tuple[str, str]]:
    ((_, extraction),) = list(extract_texts([text], nlp))
    return {
        (r.subject.refers_to or r.subject.text, (r.object.refers_to or r.object.text).lower())
        for r in extraction.relations
        if r.predicate == "produces"
    }


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Kenya's tea crop suffered from the drought.", ("Kenya", "tea")),
        ("Indian sugar output rose 12 pct in the season.", ("India", "sugar")),
        ("The Ghana cocoa harvest started late this year.", ("Ghana", "cocoa")),
        ("Rubber production in Thailand fell in January.", ("Thailand", "rubber")),
        ("Peru's production of silver reached a record.", ("Peru", "silver")),
        ("Noranda Inc's zinc output rose last quarter.", ("Noranda Inc", "zinc")),
        ("Thailand produced 1.2 mln tonnes of rubber last year.", ("Thailand", "rubber")),
    ],
)
def test_a_noun_or_a_verb_of_production_names_the_producer(nlp, text, fact) -> None:
    assert fact in producing(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The crop suffered from the drought.",  # no goods, no producer
        "Kenya's production rose 12 pct in the season.",  # no goods named
        "The drought hurt the sugar crop.",  # no producer
    ],
)
def test_no_production_fact_without_both_the_producer_and_the_goods(nlp, text) -> None:
    assert producing(nlp, text) == set()


def test_a_possessor_produces_and_a_place_before_the_goods_says_only_where(nlp) -> None:
    facts = producing(nlp, "Ford Motor Co said its Canadian truck production fell 5 pct.")
    assert facts == {("Ford Motor Co", "truck")}
