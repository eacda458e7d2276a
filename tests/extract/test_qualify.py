"""Qualifiers of facts (kg.qualify): time intervals, quantities, attribution, polarity, modality.

Pure parts first (time normalisation, quantity phrases, the graph's triples and shapes),
then the hand-written sentences of ``tests/data/qualify.jsonl`` one category per test, then
the seed article built with a publication date, through the library and the CLI.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDF

from kg.cli import main
from kg.extract import extract_texts
from kg.extract.qualify.quantity import parse
from kg.extract.qualify.timex import normalise
from kg.model import Document, DocumentResult, Entity, Evidence, Fact, Mention, Quantity
from kg.ontology import KG
from kg.rdf import graph as kgraph
from tests.conftest import REPO, SEEDS

PUBLISHED = "2025-08-29"  # the seed is a page without a date; it reports August 28 news
ANCHOR = date(2025, 8, 29)  # a Friday


def _spec(path: Path):
    spec = importlib.util.spec_from_file_location("bench_qualify", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _spec(REPO / "bench" / "qualify.py")


# -- time expressions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tense", "start", "end"),
    [
        ("the first half of the year", "past", "2025-01-01", "2025-06-30"),
        ("between January and July", "past", "2025-01-01", "2025-07-31"),
        ("later this week", "future", "2025-08-29", "2025-08-31"),
        ("for the past 10 years", "present", "2015-08-29", "2025-08-29"),
        ("August 28", "past", "2025-08-28", "2025-08-28"),
        ("May 8, 2025", "past", "2025-05-08", "2025-05-08"),
        ("last year", "past", "2024-01-01", "2024-12-31"),
        ("in 2019", "past", "2019-01-01", "2019-12-31"),
        ("March", "past", "2025-03-01", "2025-03-31"),
        ("December", "past", "2024-12-01", "2024-12-31"),
        ("December", "future", "2025-12-01", "2025-12-31"),
        ("Q3 2024", "past", "2024-07-01", "2024-09-30"),
        ("the fourth quarter of last year", "past", "2024-10-01", "2024-12-31"),
        ("Monday", "past", "2025-08-25", "2025-08-25"),
        ("Monday", "future", "2025-09-01", "2025-09-01"),
        ("next week", "future", "2025-09-01", "2025-09-07"),
        ("since 2014", "present", "2014-01-01", "2025-08-29"),
        ("until 2030", "future", None, "2030-12-31"),
        ("from 2011 to 2022", "past", "2011-01-01", "2022-12-31"),
        ("December-February", "past", "2024-12-01", "2025-02-28"),
        ("two weeks ago", "past", "2025-08-15", "2025-08-15"),
        ("earlier this year", "past", "2025-01-01", "2025-08-29"),
        ("the first nine months of 2024", "past", "2024-01-01", "2024-09-30"),
        ("yesterday", "past", "2025-08-28", "2025-08-28"),
    ],
)
def test_time_expressions_become_intervals(text, tense, start, end) -> None:
    span = normalise(text, ANCHOR, tense)
    assert span is not None, text
    got = tuple(d.isoformat() if d else None for d in span)
    assert got == (start, end)


def test_relative_times_without_an_anchor_stay_unresolved() -> None:
    for text in ("the first half of the year", "later this week", "August 28", "Monday"):
        assert normalise(text, None) is None, text
    # Absolute ones need no anchor; vague ones are never placed.
    assert normalise("May 8, 2025", None) == (date(2025, 5, 8), date(2025, 5, 8))
    for vague in ("recently", "for years", "four-day", "in recent years"):
        assert normalise(vague, ANCHOR) is None, vague


# -- quantities --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "amount", "unit", "approximate"),
    [
        ("8%", "PERCENT", "8", "percent", False),
        ("27.5%", "PERCENT", "27.5", "percent", False),
        ("$5 million", "MONEY", "5000000", "USD", False),
        ("almost 40 percent", "PERCENT", "40", "percent", True),
        ("€3.5bn", "MONEY", "3500000000", "EUR", False),
        ("100 billion roubles", "MONEY", "100000000000", "RUB", False),
        ("5.2 million tonnes", "QUANTITY", "5200000", "tonne", False),
        ("more than 300,000 barrels per day", "QUANTITY", "300000", "barrel per day", True),
        ("about a third", "CARDINAL", "33.3", "percent", True),
        ("4.0 mln dlrs", "MONEY", "4000000", "USD", False),
    ],
)
def test_quantity_phrases(text, label, amount, unit, approximate) -> None:
    assert parse(text, label) == (Decimal(amount), unit, approximate)


# -- the graph -----------------------------------------------------------------------------------

TEXT = "Reuters said China did not supply Russia. Exports fell by 8% in the first half."


def _qualified_result() -> DocumentResult:
    reuters = Mention("d", "Reuters", 0, 7, "Organization")
    denied = Evidence(
        "d", TEXT[:41], 0, 41, "body", "svo", 0.7,
        polarity="negative", modality="reported", attribution_text="Reuters",
        attributed_to=reuters,
    )  # fmt: skip
    measured = Evidence(
        "d", TEXT[42:], 42, len(TEXT), "body", "measure", 0.6,
        time_text="the first half", valid_from="2025-01-01", valid_until="2025-06-30",
        time_resolved=True,
        quantities=(Quantity("8%", Decimal(8), "percent", "down"),),
    )  # fmt: skip
    return DocumentResult(
        document=Document("d", TEXT, "t.txt", published=PUBLISHED),
        entities=(
            Entity("organization/reuters", "Reuters", "Organization", (), ("d",)),
            Entity("country/china", "China", "Country", (), ("d",)),
            Entity("country/russia", "Russia", "Country", (), ("d",)),
        ),
        facts=(
            Fact("country/china", "supplies", "country/russia", denied),
            Fact("country/china", "exportsTo", "country/russia", measured),
        ),
    )


def test_graph_writes_qualifiers_and_no_triple_for_a_denied_fact() -> None:
    graph = kgraph.new_graph()
    kgraph.add_result(graph, _qualified_result())
    china, russia = kgraph.entity_iri("country/china"), kgraph.entity_iri("country/russia")
    assert (china, KG.supplies, russia) not in graph
    assert (china, KG.exportsTo, russia) in graph
    (denied,) = graph.subjects(RDF.predicate, KG.supplies)
    assert graph.value(denied, KG.polarity) == Literal("negative")
    assert graph.value(denied, KG.modality) == Literal("reported")
    assert graph.value(denied, KG.attributedTo) == kgraph.entity_iri("organization/reuters")
    (measured,) = graph.subjects(RDF.predicate, KG.exportsTo)
    assert graph.value(measured, KG.validFrom).toPython() == date(2025, 1, 1)
    assert graph.value(measured, KG.validUntil).toPython() == date(2025, 6, 30)
    assert graph.value(measured, KG.timeResolved).toPython() is True
    q = graph.value(measured, KG.quantity)
    assert graph.value(q, KG.amount).toPython() == Decimal(8)
    assert graph.value(q, KG.unit) == Literal("percent")
    assert graph.value(q, KG.direction) == Literal("down")
    ok, report = kgraph.validate(graph)
    assert ok, report


def test_shapes_reject_a_denied_fact_stated_as_a_triple() -> None:
    graph = kgraph.new_graph()
    kgraph.add_result(graph, _qualified_result())
    china, russia = kgraph.entity_iri("country/china"), kgraph.entity_iri("country/russia")
    graph.add((china, KG.supplies, russia))
    ok, report = kgraph.validate(graph)
    assert not ok and "denied fact" in report


# -- hand-written sentences, one test per category ----------------------------------------------

ROWS = bench.load()


def test_sentence_set_covers_every_category() -> None:
    assert len(ROWS) >= 60
    for category in bench.CATEGORIES:
        mine = [r for r in ROWS if r["category"] == category]
        assert len(mine) >= 10, category
        assert all(r["verb"] in r["text"] for r in mine)


@pytest.mark.model
@pytest.mark.parametrize("category", bench.CATEGORIES)
def test_category_accuracy(nlp, category) -> None:
    outcomes = bench.evaluate(nlp, [r for r in ROWS if r["category"] == category])
    right, total = bench.accuracy(outcomes, category)
    misses = [f"{o.row['id']}: {o.row['text']} -> {bench._shown(o.got)}" for o in outcomes
              if not o.ok]  # fmt: skip
    assert right == total, "\n".join(misses)  # every split scores 100% (bench/README.md)


# -- the seed, built with a publication date ----------------------------------------------------


@pytest.fixture(scope="module")
def dated_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dated") / "out"
    assert main(["build", str(SEEDS), "-o", str(out), "--published", PUBLISHED, "-q"]) == 0
    return out


def _evidence(graph, predicate, sentence_part):
    found = [
        ev for ev in graph.subjects(RDF.predicate, predicate)
        if sentence_part in str(graph.value(ev, KG.sentence))
    ]  # fmt: skip
    assert found, (predicate, sentence_part)
    return found


def _quantities(graph, ev):
    return {
        (graph.value(q, KG.amount).toPython(), str(graph.value(q, KG.unit)),
         str(graph.value(q, KG.direction)))
        for q in graph.objects(ev, KG.quantity)
    }  # fmt: skip


def _span(graph, ev):
    return str(graph.value(ev, KG.validFrom)), str(graph.value(ev, KG.validUntil))


@pytest.mark.model
def test_seed_trade_fall_carries_8_percent_first_half_and_reuters(dated_seed) -> None:
    graph = kgraph.read_turtle(dated_seed / "graph.ttl")
    (ev,) = [
        e for p in set(graph.predicates(None, None)) if "trade" in str(p)
        for e in _evidence(graph, p, "Trade turnover between Russia and China fell by 8%")
    ]  # fmt: skip
    assert _quantities(graph, ev) == {(Decimal(8), "percent", "down")}
    assert str(graph.value(ev, KG.timeText)) == "the first half of the year"
    assert _span(graph, ev) == ("2025-01-01", "2025-06-30")
    reuters = graph.value(ev, KG.attributedTo)
    assert str(graph.value(reuters, kgraph.RDFS.label)) == "Reuters"
    assert "told Reuters" in str(graph.value(ev, KG.attributionText))
    assert str(graph.value(ev, KG.modality)) == "reported"


@pytest.mark.model
def test_seed_exports_fall_carries_27_5_percent_january_to_july(dated_seed) -> None:
    graph = kgraph.read_turtle(dated_seed / "graph.ttl")
    (ev,) = _evidence(graph, KG.exportsTo, "fell by 27.5%")
    assert graph.value(ev, RDF.subject) == kgraph.entity_iri("china")
    assert graph.value(ev, RDF.object) == kgraph.entity_iri("russia")
    assert _quantities(graph, ev) == {(Decimal("27.5"), "percent", "down")}
    assert _span(graph, ev) == ("2025-01-01", "2025-07-31")


@pytest.mark.model
def test_seed_power_of_siberia_is_a_failed_attempt_over_ten_years(dated_seed) -> None:
    graph = kgraph.read_turtle(dated_seed / "graph.ttl")
    evidence = _evidence(graph, KG.proposes, "unsuccessfully tried to push")
    evidence += _evidence(graph, KG.proposedTo, "unsuccessfully tried to push")
    for ev in evidence:
        assert str(graph.value(ev, KG.modality)) == "attempt"
        assert graph.value(ev, KG.failed).toPython() is True
        assert "past 10 years" in str(graph.value(ev, KG.timeText))
        assert _span(graph, ev) == ("2015-08-29", "2025-08-29")


@pytest.mark.model
def test_seed_refusal_and_dismissed_claims_are_not_positive_facts(dated_seed) -> None:
    graph = kgraph.read_turtle(dated_seed / "graph.ttl")
    for part in ("refused to allow", "dismissed media claims"):
        # their objects ("wheat exports", "involvement") are generic: statements, not evidence
        evidence = [
            ev for ev in graph.subjects(RDF.type, KG.ConceptStatement)
            if part in str(graph.value(ev, KG.sentence))
        ]  # fmt: skip
        assert evidence, part
        for ev in evidence:
            fact = (
                graph.value(ev, RDF.subject),
                graph.value(ev, RDF.predicate),
                graph.value(ev, RDF.object),
            )
            assert fact[0] is not None and fact[1] is not None and fact[2] is None, fact
            assert str(graph.value(ev, KG.polarity)) == "negative", fact
            assert fact not in graph, fact  # no triple of the subject with that predicate
    ok, report = kgraph.validate(graph)
    assert ok, report


@pytest.mark.model
def test_seed_without_a_date_keeps_time_text_unresolved(seed_graph) -> None:
    (ev,) = _evidence(seed_graph, KG.exportsTo, "fell by 27.5%")
    assert str(seed_graph.value(ev, KG.timeText)) == "between January and July"
    assert seed_graph.value(ev, KG.timeResolved).toPython() is False
    assert seed_graph.value(ev, KG.validFrom) is None


@pytest.mark.model
def test_show_prints_time_quantity_source_and_factuality(dated_seed, capsys) -> None:
    assert main(["show", "Russia", "-g", str(dated_seed)]) == 0
    out = capsys.readouterr().out
    assert "time: between January and July → 2025-01-01 – 2025-07-31" in out
    assert "quantity: 27.5% (27.5 percent, down)" in out
    assert "source: three sources familiar with the matter told Reuters [Reuters]" in out
    assert "polarity: positive; modality: reported" in out
    assert main(["show", "Beijing", "-g", str(dated_seed)]) == 0
    out = capsys.readouterr().out
    # "Beijing has so far refused": the capital stands for China (kg.metonymy); what it
    # refused to allow, "wheat exports", is generic: a statement, listed after the facts
    # (and by the named query `statements`), denied, never among the facts.
    facts, _, statements = out.partition("statements with a generic concept")
    assert "—allow→" not in facts
    assert "NOT China —allow→ wheat exports" in statements
    argv = ["query", "--named", "statements", "--arg", "entity=China", "--format", "csv"]
    assert main([*argv, "-g", str(dated_seed)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    refused = [r for r in rows if (r["predicate"], r["object"]) == ("allow", "wheat exports")]
    assert [(r["subject"], r["polarity"]) for r in refused] == [("China", "negative")]


@pytest.mark.model
def test_facts_in_month_query_from_the_cli(dated_seed, capsys) -> None:
    def month(value: str) -> list[dict[str, str]]:
        argv = ["query", "--named", "facts-in-month", "--arg", f"month={value}"]
        assert main([*argv, "-g", str(dated_seed), "--format", "csv"]) == 0
        return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))

    june = month("2025-06")
    facts = {(r["subject"], r["predicate"], r["object"]) for r in june}
    assert ("China", "exports to", "Russia") in facts  # January–July overlaps June
    assert ("Kremlin", "proposes", "Power of Siberia-2") in facts  # the past ten years
    assert not any(r["subject"] == "Beijing" for r in june)  # denied: never listed
    rows = month("2025-08")
    assert ("China", "exports to", "Russia") not in {
        (r["subject"], r["predicate"], r["object"]) for r in rows
    }
    assert any(r["time"] == "later this week" for r in rows)


def test_build_rejects_a_malformed_publication_date(tmp_path, capsys) -> None:
    code = main(["build", str(SEEDS), "-o", str(tmp_path / "o"), "--published", "29/08/2025"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.strip() == "error: --published: not a YYYY-MM-DD date: '29/08/2025'"


@pytest.mark.model
def test_a_documents_own_date_wins_over_published(tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a1", "published": "2024-03-14", '
        '"text": "Russia\'s exports to India rose by 5% last month."}\n'
        '{"id": "a2", "text": "Russia\'s exports to Turkey rose by 9% last month."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["build", str(feed), "-o", str(out), "--published", "2025-01-20", "-q"]) == 0
    graph = kgraph.read_turtle(out / "graph.ttl")
    (india,) = _evidence(graph, KG.exportsTo, "India")
    assert _span(graph, india) == ("2024-02-01", "2024-02-29")  # the record's own date
    (turkey,) = _evidence(graph, KG.exportsTo, "Turkey")
    assert _span(graph, turkey) == ("2024-12-01", "2024-12-31")  # --published
    assert _quantities(graph, turkey) == {(Decimal(9), "percent", "up")}


@pytest.mark.model
def test_quotations_take_their_speaker_and_nothing_outside_them_does(nlp) -> None:
    def source(text: str, verb: str):
        row = {"id": "q", "text": text, "verb": verb}
        got = bench.qualify_row(nlp, row)
        return got.attribution_text, getattr(got.attributed_to, "text", None)

    text = (
        "“China does not behave like an ally,” complained a Reuters source. "
        "“Sometimes it stops payments.”"
    )
    assert source(text, "stops") == ("a Reuters source", "Reuters")
    text = 'Lavrov said "the deal is done." China supplies Russia with gas. "We are happy."'
    assert source(text, "supplies") == (None, None)
    assert source(text, "done")[1] == "Lavrov"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("He appointed former Senate Republican leader Howard Baker as chief of staff .",
         ("Howard Baker", "memberOf", "Senate")),  # a group's leader: a member of the chamber
        ("Donald Regan , the former Wall Street executive and Treasury secretary , resigned .",
         ("Donald Regan", "worksFor", "Treasury")),
        ("Jane Roe , a former engineer at Acme Corp , said sales rose .",
         ("Jane Roe", "worksFor", "Acme Corp")),
    ],
)
def test_a_former_title_held_until_the_article_not_now(nlp, text, fact) -> None:
    """"former X": the fact held before the article's date (its upper bound), not now."""
    document = Document("d", text, "t.txt", published="1987-03-05")
    ((_, extraction),) = list(extract_texts([document], nlp))
    (relation,) = [r for r in extraction.relations
                   if (r.subject.text, r.predicate, r.object.text) == fact]
    evidence = relation.evidence
    assert evidence.time_text == "former"
    assert (evidence.valid_from, evidence.valid_until) == (None, "1987-03-05")
    assert evidence.time_resolved is True


@pytest.mark.model
def test_a_title_held_now_or_a_former_states_name_has_no_time(nlp) -> None:
    text = ("Acme Corp chairman John Smith said the plan was sound . The former Soviet "
            "Union 's leader Mikhail Gorbachev visited Bonn .")
    ((_, extraction),) = list(extract_texts([Document("d", text, "t.txt")], nlp))
    assert {r.evidence.time_text for r in extraction.relations if not r.open} == {None}
