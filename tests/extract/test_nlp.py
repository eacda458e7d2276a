"""The NLP stage: headline true-casing (no model) and the pipeline itself (model)."""

from __future__ import annotations

import pytest

from kg.errors import ModelError
from kg.model import Document, Section
from kg.nlp import load_model, parse, truecase_headlines

HEADLINE = "Putin to Sell Off Russian Resources During Beijing Visit"
BODY = "Russian leader Vladimir Putin will sell resources. He flies to Beijing for a visit."


def document(headline: str = HEADLINE, body: str = BODY) -> Document:
    text = f"{headline}\n\n{body}"
    sections = (Section("headline", 0, len(headline)), Section("body", len(headline) + 2,
                                                                len(text)))
    return Document("d", text, "t", title=headline, sections=sections)


def test_headline_words_take_the_case_the_body_gives_them() -> None:
    cased = truecase_headlines(document())
    assert cased.startswith("Putin to sell off Russian resources during Beijing visit")
    assert len(cased) == len(document().text)
    assert cased[len(HEADLINE):] == document().text[len(HEADLINE):]


def test_all_caps_headline_and_no_headline() -> None:
    doc = document("STANDARD OIL TO FORM FINANCIAL UNIT",
                   "Standard Oil Co said it would form a financial unit.")
    assert truecase_headlines(doc).startswith("Standard Oil to form financial unit")
    plain = Document("d", "No Sections Here.", "t")
    assert truecase_headlines(plain) == "No Sections Here."


def test_unknown_model_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="no_such_pipeline"):
        load_model("no_such_pipeline")


@pytest.mark.model
def test_title_case_headline_makes_no_false_names(nlp) -> None:
    ((_, doc),) = list(parse([document()], nlp))
    names = {(e.text, e.label_) for e in doc.ents}
    assert ("Sell Off", "PERSON") not in names
    assert not any("Resources" in text or "Visit" in text for text, _ in names)
    # Blank lines always end a sentence: the headline never fuses with the body.
    starts = {s.start_char for s in doc.sents}
    assert len(HEADLINE) + 2 in starts


def test_long_document_is_parsed_in_pieces_with_true_offsets(nlp, monkeypatch) -> None:
    """A document longer than ``PIECE_CHARS`` is parsed piece by piece and joined into one
    ``Doc``: its text is the document's, every evidence offset points at the right text,
    and the facts are those of the document parsed whole."""
    from kg import nlp as stage
    from kg.pipeline import process
    from tests.conftest import SEED

    article = SEED.read_text(encoding="utf-8").strip()
    paragraphs = [p for p in article.split("\n\n")[1:] if p.strip()]
    text = "Long report\n\n" + "\n\n".join(paragraphs * 6)
    document = Document("long", text, "long-report.txt", title="Long report",
                        sections=(Section("headline", 0, 11), Section("body", 13, len(text))))
    monkeypatch.setattr(stage, "PIECE_CHARS", 2_000)
    pieces = list(stage.split_text(text, 2_000))
    assert len(pieces) >= 5 and "".join(pieces) == text
    (parsed_doc,) = [doc for _, doc in parse([document], nlp)]
    assert parsed_doc.text == text
    (chunked,) = process([document], nlp)
    assert chunked.facts
    for fact in chunked.facts:
        evidence = fact.evidence
        assert text[evidence.sentence_start : evidence.sentence_end] == evidence.sentence
        assert text[slice(*fact.subject_span)] == fact.subject_text
        assert text[slice(*fact.object_span)] == fact.object_text
    monkeypatch.setattr(stage, "PIECE_CHARS", 10**7)
    (whole,) = process([document], nlp)

    def keys(result):
        return sorted((f.subject, f.predicate, f.object, f.evidence.sentence_start)
                      for f in result.facts)

    assert keys(chunked) == keys(whole)


def test_the_wires_brackets_are_read_as_an_acronym_or_a_plain_name() -> None:
    from kg.nlp import readable_brackets

    text = "<Halden Air Ltd> ordered jets from Boeing Co <BA> and Atlas Copco <ASTS ST>."
    read = readable_brackets(text)
    assert read == " Halden Air Ltd  ordered jets from Boeing Co (BA) and Atlas Copco (ASTS ST)."
    assert len(read) == len(text)
    assert readable_brackets("a < b and c > d") == "a < b and c > d"  # no name, no ticker


@pytest.mark.model
def test_a_ticker_mid_clause_keeps_the_clauses_facts(nlp) -> None:
    from kg.extract import extract_texts

    text = ("<Halden Airways Ltd> has placed a firm order with Boeing Co <BA> for four "
            "aircraft at a cost of 250 mln dlrs each, chairman Jim Leslie said.")
    ((_, extraction),) = list(extract_texts([text], nlp))
    facts = {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}
    assert ("Halden Airways Ltd", "place order with", "Boeing Co") in facts, facts
    assert not [m for m in extraction.mentions if m.text in {"BA", "<BA>", "(BA)"}]
