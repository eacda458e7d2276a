"""Extraction rules on hand-built parses (no model), then on the seed article (model)."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import kg
import kg.extract as extract_module
from kg.extract import extract, frame_keys, passes
from kg.extract.passes import p1_mentions, p2_arguments, p3_relations, p4_qualifiers, p5_confidence
from kg.extract.reader import Reader
from kg.ontology import lexicon
from tests.parses import parsed


def facts(rows: list[tuple[str, int, str, str, str, str]]) -> set[tuple[str, str, str]]:
    document, doc = parsed(rows)
    result = extract(document, doc, frames=lexicon())
    return {
        (r.subject.refers_to or r.subject.text, r.predicate, r.object.refers_to or r.object.text)
        for r in result.relations
    }


TRAVEL = [
    ("Putin", 2, "nsubj", "PROPN", "Putin", "B-PERSON"),
    ("will", 2, "aux", "AUX", "will", "O"),
    ("travel", 2, "ROOT", "VERB", "travel", "O"),
    ("to", 2, "prep", "ADP", "to", "O"),
    ("China", 3, "pobj", "PROPN", "China", "B-GPE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_prepositional_frame_maps_to_lexicon_predicate() -> None:
    document, doc = parsed(TRAVEL)
    (relation,) = extract(document, doc, frames=lexicon()).relations
    assert (relation.subject.text, relation.predicate, relation.object.text) == (
        "Putin",
        "visits",
        "China",
    )
    assert relation.object.type == "Country"
    assert not relation.open
    evidence = relation.evidence
    assert evidence.rule == "svo-prep"
    assert evidence.sentence == "Putin will travel to China."
    assert document.text[evidence.sentence_start : evidence.sentence_end] == evidence.sentence
    assert document.text[relation.object.start : relation.object.end] == "China"
    assert 0 < evidence.confidence < 1


def test_supply_with_gives_theme_and_recipient() -> None:
    rows = [
        ("China", 1, "nsubj", "PROPN", "China", "B-GPE"),
        ("supplies", 1, "ROOT", "VERB", "supply", "O"),
        ("Russia", 1, "dobj", "PROPN", "Russia", "B-GPE"),
        ("with", 1, "prep", "ADP", "with", "O"),
        ("consumer", 5, "compound", "NOUN", "consumer", "O"),
        ("goods", 3, "pobj", "NOUN", "good", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert facts(rows) == {
        ("China", "supplies", "consumer goods"),
        ("China", "suppliesTo", "Russia"),
    }


def test_negated_clause_gives_negative_evidence() -> None:
    rows = [
        ("China", 3, "nsubj", "PROPN", "China", "B-GPE"),
        ("does", 3, "aux", "AUX", "do", "O"),
        ("not", 3, "neg", "PART", "not", "O"),
        ("supply", 3, "ROOT", "VERB", "supply", "O"),
        ("Russia", 3, "dobj", "PROPN", "Russia", "B-GPE"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    (relation,) = extract(document, doc, frames=lexicon()).relations
    assert (relation.subject.text, relation.predicate, relation.object.text) == (
        "China",
        "supplies",
        "Russia",
    )
    assert relation.evidence.polarity == "negative"


def test_unknown_verb_becomes_open_relation() -> None:
    rows = [
        ("Moscow", 1, "nsubj", "PROPN", "Moscow", "B-GPE"),
        ("acknowledges", 1, "ROOT", "VERB", "acknowledge", "O"),
        ("Beijing", 1, "dobj", "PROPN", "Beijing", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    (relation,) = extract(document, doc, frames=lexicon()).relations
    assert relation.open and relation.predicate == "acknowledge"


def test_title_before_name_gives_office_and_country() -> None:
    rows = [
        ("Russian", 1, "amod", "ADJ", "russian", "B-NORP"),
        ("leader", 3, "compound", "NOUN", "leader", "O"),
        ("Vladimir", 3, "compound", "PROPN", "Vladimir", "B-PERSON"),
        ("Putin", 4, "nsubj", "PROPN", "Putin", "I-PERSON"),
        ("spoke", 4, "ROOT", "VERB", "speak", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ]
    assert ("Vladimir Putin", "leaderOf", "Russia") in facts(rows)


def test_pronoun_resolves_to_last_person() -> None:
    rows = [
        ("Vladimir", 1, "compound", "PROPN", "Vladimir", "B-PERSON"),
        ("Putin", 2, "nsubj", "PROPN", "Putin", "I-PERSON"),
        ("spoke", 2, "ROOT", "VERB", "speak", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
        ("He", 5, "nsubj", "PRON", "he", "O"),
        ("visited", 5, "ROOT", "VERB", "visit", "O"),
        ("China", 5, "dobj", "PROPN", "China", "B-GPE"),
        (".", 5, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    (relation,) = extract(document, doc, frames=lexicon()).relations
    assert relation.subject.text == "He"
    assert relation.subject.refers_to == "Vladimir Putin"
    assert relation.predicate == "visits"
    assert relation.evidence.sentence == "He visited China."


def test_frame_keys_cover_theme_and_recipient_slots() -> None:
    keys = [k for k, _, _ in frame_keys("push", "onto", True)]
    assert "push {s} onto {o}" in keys
    assert frame_keys("travel", "to", False) == [("{s} travel to {o}", "subj", "pobj")]
    assert frame_keys("visit", None, False) == []


@pytest.mark.model
def test_seed_relations(nlp) -> None:
    from kg.ingest import iter_documents
    from kg.nlp import parse
    from tests.conftest import SEED

    (document,) = list(iter_documents([SEED]))
    ((document, doc),) = list(parse([document], nlp))
    result = extract(document, doc, frames=lexicon())
    found = {
        (r.subject.refers_to or r.subject.text, r.predicate, r.object.refers_to or r.object.text)
        for r in result.relations
    }
    assert ("Vladimir Putin", "visits", "China") in found
    assert ("China", "supplies", "consumer goods") in found
    assert ("Power of Siberia-2", "proposedTo", "China") in found
    assert ("Guo Jiakun", "worksFor", "Foreign Ministry") in found
    for relation in result.relations:
        ev = relation.evidence
        assert document.text[ev.sentence_start : ev.sentence_end] == ev.sentence
        assert ev.sentence_start <= relation.subject.start < ev.sentence_end or (
            relation.subject.refers_to
        )
    names = {m.text for m in result.mentions}
    # Title case in the headline must not make names of ordinary words.
    assert not names & {"Sell Off", "Resources During Beijing Visit", "War Machine"}
    infrastructure = [m for m in result.mentions if m.type == "Infrastructure"]
    assert [m.text for m in infrastructure] == ["Power of Siberia-2"]
    commodities = {m.text for m in result.mentions if m.type == "Commodity"}
    assert {"consumer goods", "winter wheat", "raw materials"} <= commodities


def test_relative_pronoun_without_a_clause_terminates() -> None:
    rows = [
        ("That", 1, "nsubj", "PRON", "that", "O"),
        ("supplies", 1, "ROOT", "VERB", "supply", "O"),
        ("China", 1, "dobj", "PROPN", "China", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert facts(rows) == set()


def test_definite_description_refers_to_the_title_holder() -> None:
    rows = [
        ("Russian", 1, "amod", "ADJ", "russian", "B-NORP"),
        ("leader", 3, "compound", "NOUN", "leader", "O"),
        ("Vladimir", 3, "compound", "PROPN", "Vladimir", "B-PERSON"),
        ("Putin", 4, "nsubj", "PROPN", "Putin", "I-PERSON"),
        ("spoke", 4, "ROOT", "VERB", "speak", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
        ("The", 8, "det", "DET", "the", "O"),
        ("Russian", 8, "amod", "ADJ", "russian", "B-NORP"),
        ("leader", 9, "nsubj", "NOUN", "leader", "O"),
        ("visited", 9, "ROOT", "VERB", "visit", "O"),
        ("China", 9, "dobj", "PROPN", "China", "B-GPE"),
        (".", 9, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    relations = extract(document, doc, frames=lexicon()).relations
    visit = next(r for r in relations if r.predicate == "visits")
    assert visit.subject.text == "The Russian leader"
    assert visit.subject.refers_to == "Vladimir Putin"


def test_passive_with_agent_is_turned_active() -> None:
    rows = [
        ("China", 2, "nsubjpass", "PROPN", "China", "B-GPE"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("visited", 2, "ROOT", "VERB", "visit", "O"),
        ("by", 2, "agent", "ADP", "by", "O"),
        ("Putin", 3, "pobj", "PROPN", "Putin", "B-PERSON"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    (relation,) = extract(document, doc, frames=lexicon()).relations
    assert (relation.subject.text, relation.predicate, relation.object.text) == (
        "Putin", "visits", "China")
    assert relation.evidence.rule == "svo+passive"


def test_copula_with_title_noun() -> None:
    rows = [
        ("Xi", 1, "compound", "PROPN", "Xi", "B-PERSON"),
        ("Jinping", 2, "nsubj", "PROPN", "Jinping", "I-PERSON"),
        ("is", 2, "ROOT", "AUX", "be", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("president", 2, "attr", "NOUN", "president", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("China", 5, "pobj", "PROPN", "China", "B-GPE"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    assert facts(rows) == {("Xi Jinping", "leaderOf", "China")}


# -- the passes: one direction -------------------------------------------------------------

PASSES_DIR = Path(passes.__file__).parent


def _source(module: str) -> Path | None:
    base = Path(kg.__file__).parent.parent / module.replace(".", "/")
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None


def _kg_imports(path: Path) -> set[str]:
    """The kg modules a source file imports (``from package import module`` names the module,
    as in tests/test_imports.py)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                named = f"{node.module}.{alias.name}"
                found.add(named if _source(named) is not None else node.module)
    return {m for m in found if m.startswith("kg") and _source(m) is not None}


def _reached(module: str) -> set[str]:
    """Every kg module ``module`` imports, directly or through others (its parent packages,
    which Python loads first anyway, left out)."""
    parents = {".".join(module.split(".")[:n]) for n in range(1, module.count(".") + 1)}
    seen: set[str] = set()
    todo = [module]
    while todo:
        path = _source(todo.pop())
        assert path is not None
        for target in _kg_imports(path) - parents - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_no_pass_reaches_a_later_pass() -> None:
    for n, name in enumerate(passes.PASSES):
        later = {f"kg.extract.passes.{p}" for p in passes.PASSES[n + 1 :]}
        assert not _reached(f"kg.extract.passes.{name}") & later, name


def test_extract_runs_the_passes_in_the_order_of_the_files_and_of_architecture_md() -> None:
    files = sorted(p.stem for p in PASSES_DIR.glob("p*.py"))
    assert list(passes.PASSES) == files
    tree = ast.parse(inspect.getsource(extract_module.extract))
    called = [
        node.func.value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "run"
        and isinstance(node.func.value, ast.Name)
    ]
    assert called == list(passes.PASSES)
    text = (Path(kg.__file__).parent.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    listed = re.findall(r"`passes/(p\d_\w+)\.py`", text)
    assert list(dict.fromkeys(listed)) == list(passes.PASSES)


def test_each_pass_assigns_its_own_records_only() -> None:
    rows = [
        ("Russian", 1, "amod", "ADJ", "russian", "B-NORP"),
        ("leader", 3, "compound", "NOUN", "leader", "O"),
        ("Vladimir", 3, "compound", "PROPN", "Vladimir", "B-PERSON"),
        ("Putin", 4, "nsubj", "PROPN", "Putin", "I-PERSON"),
        ("spoke", 4, "ROOT", "VERB", "speak", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
        ("He", 7, "nsubj", "PRON", "he", "O"),
        ("visited", 7, "ROOT", "VERB", "visit", "O"),
        ("China", 7, "dobj", "PROPN", "China", "B-GPE"),
        (".", 7, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    reader = Reader(document, doc, lexicon())
    p1_mentions.run(reader)
    mentions, by_token = list(reader.mentions), dict(reader.by_token)
    assert [m.text for m in mentions] == ["Russian", "Vladimir Putin", "China"]
    assert not reader.discourse and not reader.candidates
    p2_arguments.run(reader)
    first, second = (reader.discourse[s.start] for s in reader.sentences)
    assert first.last_person is None
    assert second.last_person is not None and second.last_person.text == "Vladimir Putin"
    assert not reader.candidates
    p3_relations.run(reader)
    visit = next(f for f in reader.candidates if f.predicate == "visits")
    assert (visit.subject.text, visit.subject.refers_to) == ("He", "Vladimir Putin")
    assert reader.titles == {"leader": "Vladimir Putin", "russian leader": "Vladimir Putin"}
    assert not reader.qualifiers and not reader.confidences
    p4_qualifiers.run(reader)
    assert len(reader.qualifiers) == len(reader.candidates) and not reader.confidences
    p5_confidence.run(reader, propositions=False)
    assert len(reader.confidences) == len(reader.candidates) and not reader.propositions
    assert all(0.0 < c < 1.0 for c in reader.confidences)
    # No pass after the first adds, removes or retypes a mention.
    assert reader.mentions == mentions and reader.by_token == by_token


@pytest.mark.model
def test_relations_are_the_same_with_or_without_the_propositions(nlp) -> None:
    """The clauses of a sentence are scored only when a fact asks (kg build) or all at once
    (propositions asked for): the relations and their confidences are the same."""
    from kg.ingest import iter_documents
    from kg.nlp import parse
    from tests.conftest import SEED

    ((document, doc),) = list(parse(list(iter_documents([SEED])), nlp))
    eager = extract(document, doc, frames=lexicon())
    lazy = extract(document, doc, frames=lexicon(), propositions=False)
    assert eager.propositions and not lazy.propositions
    assert lazy.relations == eager.relations
    assert {r.evidence.confidence for r in lazy.relations} != {None}
