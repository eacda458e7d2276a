"""Within-document resolution on hand-made mentions."""

from __future__ import annotations

from kg.extract import Extraction
from kg.model import Document, Evidence, Mention, Relation
from kg.resolve import resolve

DOC = Document("d1", "x" * 400, "test")


def m(text: str, start: int, type_: str, refers_to: str | None = None, named: bool = True):
    return Mention("d1", text, start, start + len(text), type_, refers_to, named)


def rel(s: Mention, predicate: str, o: Mention) -> Relation:
    ev = Evidence("d1", "A sentence.", 0, 11, "body", "svo", 0.7)
    return Relation(s, predicate, o, ev)


def test_short_name_pronoun_and_demonym_join_their_entities() -> None:
    full = m("Vladimir Putin", 0, "Person")
    short = m("Putin", 50, "Person")
    he = m("He", 80, "Person", refers_to="Vladimir Putin", named=False)
    leader = m("the Russian leader", 90, "Person", refers_to="Vladimir Putin", named=False)
    russian = m("Russian", 120, "Country", refers_to="Russia", named=False)
    china = m("China", 140, "Country")
    extraction = Extraction(
        (full, short, russian, china),
        (rel(he, "visits", china), rel(leader, "leaderOf", russian)),
    )
    result = resolve(DOC, extraction)
    entities = {e.key: e for e in result.entities}
    putin = entities["person/vladimir-putin"]
    assert putin.name == "Vladimir Putin"
    assert set(putin.aliases) == {"Putin", "the Russian leader"}  # pronouns are no aliases
    assert entities["country/russia"].aliases == ("Russian",)
    assert {(f.subject, f.predicate, f.object) for f in result.facts} == {
        ("person/vladimir-putin", "visits", "country/china"),
        ("person/vladimir-putin", "leaderOf", "country/russia"),
    }
    reasons = {(alias, reason) for alias, _, reason in result.merges}
    assert {("Putin", "name-part"), ("Russian", "demonym"),
            ("the Russian leader", "description")} <= reasons


def test_ambiguous_short_name_stays_apart() -> None:
    a, b = m("John Smith", 0, "Person"), m("Mary Smith", 20, "Person")
    short = m("Smith", 40, "Person")
    result = resolve(DOC, Extraction((a, b, short), ()))
    assert {e.name for e in result.entities} == {"John Smith", "Mary Smith", "Smith"}


def test_country_names_fold_through_the_table() -> None:
    a, b = m("U.S.", 0, "Country"), m("United States", 10, "Country")
    result = resolve(DOC, Extraction((a, b), ()))
    (entity,) = result.entities
    assert (entity.key, entity.name, entity.aliases) == (
        "country/united-states", "United States", ("U.S.",))


def test_different_types_with_one_name_stay_apart() -> None:
    person, org = m("Jordan", 0, "Person"), m("Jordan", 20, "Organization")
    result = resolve(DOC, Extraction((person, org), ()))
    assert {e.key for e in result.entities} == {"person/jordan", "organization/jordan"}


def test_concepts_only_become_entities_through_facts() -> None:
    china = m("China", 0, "Country")
    trade = m("trade", 20, "Concept", named=False)
    lone = m("ceremony", 40, "Concept", named=False)
    result = resolve(DOC, Extraction((china, lone), (rel(china, "boost", trade),)))
    assert {e.key for e in result.entities} == {"country/china", "concept/trade"}
