"""Open propositions, typed relations and calibrated confidences."""

from __future__ import annotations

import importlib.util

import pytest

from kg.extract import confidence, extract, extract_texts, typed
from kg.ontology import lexicon
from tests.conftest import SHARED, need
from tests.parses import parsed

Row = tuple[str, int, str, str, str, str]


def props(rows: list[Row]) -> set[tuple[str, ...]]:
    document, doc = parsed(rows)
    found = extract(document, doc, frames=lexicon()).propositions
    for p in found:
        assert 0.0 < p.confidence < 1.0
        for a in p.arguments:  # arguments are cut from the document's own text
            assert document.text[a.start : a.end] == a.text
    return {(p.relation, *(a.text for a in p.arguments)) for p in found}


def test_conjoined_verb_inherits_the_subject() -> None:
    rows = [
        ("He", 1, "nsubj", "PRON", "he", "O"),
        ("served", 1, "ROOT", "VERB", "serve", "O"),
        ("as", 1, "prep", "ADP", "as", "O"),
        ("minister", 2, "pobj", "NOUN", "minister", "O"),
        ("and", 1, "cc", "CCONJ", "and", "O"),
        ("became", 1, "conj", "VERB", "become", "O"),
        ("a", 7, "det", "DET", "a", "O"),
        ("judge", 5, "attr", "NOUN", "judge", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    # No object: the preposition joins the relation ("served as").
    assert props(rows) == {("served as", "He", "minister"), ("became", "He", "a judge")}


def test_relative_clause_on_a_predicate_noun_takes_the_copula_subject() -> None:
    rows = [
        ("Celeski", 1, "nsubj", "PROPN", "Celeski", "B-PERSON"),
        ("is", 1, "ROOT", "AUX", "be", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("footballer", 1, "attr", "NOUN", "footballer", "O"),
        ("who", 5, "nsubj", "PRON", "who", "O"),
        ("plays", 3, "relcl", "VERB", "play", "O"),
        ("for", 5, "prep", "ADP", "for", "O"),
        ("Newcastle", 6, "pobj", "PROPN", "Newcastle", "B-ORG"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    # The relative clause is not part of the predicate noun's argument.
    assert props(rows) == {
        ("is", "Celeski", "a footballer"),
        ("plays for", "Celeski", "Newcastle"),
    }


def test_apposition_title_and_possessive_are_nominal_propositions() -> None:
    rows = [
        ("Cruzan", 5, "nsubj", "PROPN", "Cruzan", "B-PERSON"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("an", 4, "det", "DET", "an", "O"),
        ("FDA", 4, "compound", "PROPN", "FDA", "B-ORG"),
        ("spokeswoman", 0, "appos", "NOUN", "spokeswoman", "O"),
        ("met", 5, "ROOT", "VERB", "meet", "O"),
        ("Kesey", 8, "poss", "PROPN", "Kesey", "B-PERSON"),
        ("'s", 6, "case", "PART", "'s", "O"),
        ("son", 5, "dobj", "NOUN", "son", "O"),
        (".", 5, "punct", "PUNCT", ".", "O"),
    ]
    found = props(rows)
    assert ("be", "Cruzan", "an FDA spokeswoman") in found
    assert ("has", "Kesey", "son") in found  # tense of a main verb without a tag: present
    assert ("met", "Cruzan", "Kesey 's son") in found


def test_conjoined_objects_are_also_split() -> None:
    rows = [
        ("She", 1, "nsubj", "PRON", "she", "O"),
        ("studies", 1, "ROOT", "VERB", "study", "O"),
        ("physics", 1, "dobj", "NOUN", "physics", "O"),
        ("and", 2, "cc", "CCONJ", "and", "O"),
        ("chemistry", 2, "conj", "NOUN", "chemistry", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert props(rows) == {
        ("studies", "She", "physics and chemistry"),
        ("studies", "She", "physics"),
        ("studies", "She", "chemistry"),
    }


def test_typed_relations_follow_domain_and_range() -> None:
    assert typed.refine("locatedIn", "Person", "Country") == "livesIn"
    assert typed.refine("locatedIn", "Organization", "Place") == "basedIn"
    assert typed.refine("locatedIn", "Place", "Country") == "locatedIn"
    assert typed.refine("killed", "Person", "Concept") is None
    assert typed.nominal("Person", "Organization") == "worksFor"
    assert typed.nominal("Country", "Place") == "locatedIn"
    assert typed.nominal("Person", "Person") is None


def test_nominal_apposition_with_an_organisation_is_works_for() -> None:
    rows = [
        ("Cruzan", 5, "nsubj", "PROPN", "Cruzan", "B-PERSON"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("an", 4, "det", "DET", "an", "O"),
        ("FDA", 4, "compound", "PROPN", "FDA", "B-ORG"),
        ("spokeswoman", 0, "appos", "NOUN", "spokeswoman", "O"),
        ("spoke", 5, "ROOT", "VERB", "speak", "O"),
        (".", 5, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    relations = extract(document, doc, frames=lexicon()).relations
    assert {(r.subject.text, r.predicate, r.object.text) for r in relations} == {
        ("Cruzan", "worksFor", "FDA")
    }


def test_bare_passive_and_where_clause_give_lives_in() -> None:
    rows = [
        ("Young", 2, "nsubjpass", "PROPN", "Young", "B-PERSON"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("born", 2, "ROOT", "VERB", "bear", "O"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("Whitingham", 3, "pobj", "PROPN", "Whitingham", "B-GPE"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    (relation,) = extract(document, doc, frames=lexicon()).relations
    assert (relation.subject.text, relation.predicate, relation.object.text) == (
        "Young",
        "livesIn",
        "Whitingham",
    )


def test_event_noun_states_killed() -> None:
    rows = [
        ("Sirhan", 2, "nsubjpass", "PROPN", "Sirhan", "B-PERSON"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("convicted", 2, "ROOT", "VERB", "convict", "O"),
        ("of", 2, "prep", "ADP", "of", "O"),
        ("Kennedy", 6, "poss", "PROPN", "Kennedy", "B-PERSON"),
        ("'s", 4, "case", "PART", "'s", "O"),
        ("killing", 3, "pobj", "NOUN", "killing", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    found = {
        (r.subject.text, r.predicate, r.object.text)
        for r in extract(document, doc, frames=lexicon()).relations
    }
    assert ("Sirhan", "killed", "Kennedy") in found


def test_confidence_model_is_a_probability_that_orders_features() -> None:
    base = {"rule=verb": 1.0, "args=1": 1.0, "log_sentence_len": 3.0}
    p = confidence.probability(base)
    assert 0.0 < p < 1.0
    # An extraction with no object, or in a much longer sentence, is less often right.
    assert confidence.probability({**base, "args=1": 0.0, "args=0": 1.0}) < p
    assert confidence.probability({**base, "log_sentence_len": 4.5}) < p
    assert confidence.probability({"bias": 0.0}, {"bias": 0.0}) == 0.5


def test_fact_recalibration_maps_a_clause_confidence_through_its_rule_kind() -> None:
    identity = {"bias": 0.0, "logit": 1.0}
    for c in (0.123, 0.5, 0.871):
        assert confidence.fact_probability(c, "verb", identity) == c
    titles_first = {"bias": 0.0, "logit": 1.0, "prior=title": 1.0, "prior=verb": -1.0}
    title = confidence.fact_probability(0.4, "title", titles_first)
    verb = confidence.fact_probability(0.6, "verb", titles_first)
    assert title > 0.6 > 0.4 > verb  # a title read at 0.4 now outranks a verb frame at 0.6
    low, high = confidence.fact_probability(0.0, "verb"), confidence.fact_probability(1.0, "verb")
    assert 0.0 < low < high < 1.0


#: A fixed small set (not from any benchmark): sentences and the tuples they state.
CALIBRATION_SET = {
    "The committee approved the budget on Monday .": [
        ("approved", "The committee", "the budget", "on Monday")
    ],
    "Maria Lopez , a nurse from Lima , moved to Madrid in 2010 .": [
        ("moved to", "Maria Lopez", "Madrid", "in 2010"),
        ("is", "Maria Lopez", "a nurse from Lima"),
    ],
    "The old bridge , which was built in 1890 , collapsed after the storm .": [
        ("collapsed after", "The old bridge", "the storm"),
        ("was built in", "The old bridge", "1890"),
    ],
    "Engineers at the plant repaired the pump and restarted the reactor .": [
        ("repaired", "Engineers at the plant", "the pump"),
        ("restarted", "Engineers at the plant", "the reactor"),
    ],
    "It was unclear whether this would matter , though some said that it might .": [
        ("was", "It", "unclear"),
    ],
    "The mayor 's office said the road would reopen next week .": [
        ("said", "The mayor 's office", "the road would reopen next week"),
        ("would reopen", "the road", "next week"),
        ("has", "The mayor", "office"),
    ],
}


@pytest.mark.model
def test_higher_confidence_is_more_often_right(nlp) -> None:
    """On the fixed set, the more confident half of the propositions matches better."""
    scorer = SHARED / "bench" / "carb_score.py"
    need(scorer.is_file(), f"the CaRB scorer ({scorer})")
    spec = importlib.util.spec_from_file_location("carb_score", scorer)
    assert spec is not None and spec.loader is not None
    carb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(carb)
    scored: list[tuple[float, float]] = []
    sentences = list(CALIBRATION_SET)
    for sentence, (_, extraction) in zip(sentences, extract_texts(sentences, nlp), strict=True):
        golds = [carb.OieTuple(g[0], list(g[1:]), 1.0, 0) for g in CALIBRATION_SET[sentence]]
        for p in extraction.propositions:
            pred = carb.OieTuple(p.relation, [a.text for a in p.arguments], p.confidence, 0)
            right = max(carb.match_score(g, pred)[0] for g in golds)
            scored.append((p.confidence, right))
    scored.sort()
    half = len(scored) // 2
    low = sum(r for _, r in scored[:half]) / half
    high = sum(r for _, r in scored[half:]) / (len(scored) - half)
    assert len(scored) >= 8
    print(f"mean match precision: high half {high:.3f}, low half {low:.3f}")
    assert high > low, (high, low)


def test_light_verb_noun_and_preposition_join_the_relation() -> None:
    rows = [
        ("Moscow", 1, "nsubj", "PROPN", "Moscow", "B-GPE"),
        ("took", 1, "ROOT", "VERB", "take", "O"),
        ("advantage", 1, "dobj", "NOUN", "advantage", "O"),
        ("of", 1, "prep", "ADP", "of", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("crisis", 3, "pobj", "NOUN", "crisis", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert ("took advantage of", "Moscow", "the crisis") in props(rows)
    document, doc = parsed(rows)
    (relation,) = extract(document, doc, frames=lexicon()).relations
    assert (relation.predicate, relation.object.text) == ("take advantage of", "crisis")


def test_role_noun_between_person_and_organisation_is_works_for() -> None:
    rows = [
        ("Cicippio", 1, "nsubj", "PROPN", "Cicippio", "B-PERSON"),
        ("was", 1, "ROOT", "AUX", "be", "O"),
        ("comptroller", 1, "attr", "NOUN", "comptroller", "O"),
        ("at", 2, "prep", "ADP", "at", "O"),
        ("Harvard", 5, "compound", "PROPN", "Harvard", "B-ORG"),
        ("University", 3, "pobj", "PROPN", "University", "I-ORG"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    found = {
        (r.subject.text, r.predicate, r.object.text)
        for r in extract(document, doc, frames=lexicon()).relations
    }
    assert ("Cicippio", "worksFor", "Harvard University") in found


def test_coordinated_appositions_each_link_the_name() -> None:
    rows = [
        ("Karadzic", 8, "nsubj", "PROPN", "Karadzic", "B-PERSON"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("head", 0, "appos", "NOUN", "head", "O"),
        ("and", 2, "cc", "CCONJ", "and", "O"),
        ("member", 2, "conj", "NOUN", "member", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("UNESCO", 5, "pobj", "PROPN", "UNESCO", "B-ORG"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("spoke", 8, "ROOT", "VERB", "speak", "O"),
        (".", 8, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    found = {
        (r.subject.text, r.predicate, r.object.text)
        for r in extract(document, doc, frames=lexicon()).relations
    }
    assert ("Karadzic", "worksFor", "UNESCO") in found
