"""Property-based tests: ingest and extraction over arbitrary Unicode text never crash, and
every piece of evidence points at exactly the text it quotes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import parse_html, parse_markdown, parse_text
from kg.model import Document
from kg.stages import process

SUBJECTS = ["Vladimir Putin", "China", "Russia", "The Kremlin", "Xi Jinping", "He",
            "Foreign Ministry spokesperson Guo Jiakun", "The European Union (EU)", "Beijing"]
VERBS = ["visited", "supplies", "met", "proposed", "exports", "did not supply", "has refused",
         "plans to buy", "told Reuters it supplies"]
OBJECTS = ["China", "wheat", "consumer goods", "Russia", "the Power of Siberia-2 pipeline",
           "Xi Jinping", "oil and gas", "the U.S."]
TAILS = ["", " to China", " in Beijing on Tuesday", " by 8% in the first half of the year",
         " between January and July", ", officials said"]
#: Arbitrary characters (controls, marks, other scripts, quotes) glued into sentences.
NOISE = st.text(max_size=4)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = [draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(VERBS)),
             draw(st.sampled_from(OBJECTS)) + draw(st.sampled_from(TAILS))]
    text = " ".join(words) + draw(st.sampled_from([".", "!", "", "?", "…"]))
    for _ in range(draw(st.integers(0, 3))):  # noise at random places, words may be cut
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(NOISE) + text[at:]
    return text


#: News-like paragraphs: real sentences with entities and relations, hostile bytes in them.
NEWS = st.lists(
    st.lists(sentence(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4
).map(lambda paragraphs: "\n\n".join(paragraphs))
ANY_TEXT = st.one_of(st.text(max_size=400), NEWS)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def check_document(document: Document, limit: int) -> None:
    assert document.text == document.text.strip()
    assert 0 < len(document.text) <= limit
    previous = 0
    for section in document.sections:
        assert previous <= section.start < section.end <= len(document.text)
        previous = section.end


@pytest.mark.parametrize("parse", [parse_text, parse_markdown], ids=["text", "markdown"])
@SETTINGS
@given(raw=ANY_TEXT, limit=st.integers(min_value=1, max_value=500))
def test_ingest_never_crashes(parse, raw: str, limit: int) -> None:
    try:
        document = parse(raw, "fuzz.txt", max_doc_chars=limit)
    except InputError as error:
        assert error.path is not None and str(error).startswith("fuzz.txt: ")
        return
    check_document(document, limit)
    assert document.id == parse(raw, "other.txt", max_doc_chars=limit).id


@settings(max_examples=40, deadline=None)
@given(body=ANY_TEXT, title=st.text(max_size=40))
def test_html_ingest_never_crashes(body: str, title: str) -> None:
    from html import escape

    raw = f"<html><head><title>{escape(title)}</title></head><body><p>{escape(body)}</p>"
    try:
        document = parse_html(raw, "fuzz.html")
    except InputError:
        return
    check_document(document, 1_000_000)


#: Rules read over the whole story, whose facts may join a name of the sentence to one named
#: in another sentence (the story's country, issuer or company).
STORY_RULES = {"implicit-office", "underwriter", "implicit-title"}


@pytest.mark.model
@SETTINGS
@given(raw=NEWS)
@example(raw="Vladimir Putin visited China®.")  # once a fact whose object named nothing
def test_evidence_offsets_point_at_what_they_quote(nlp, raw: str) -> None:
    try:
        document = parse_text(raw, "fuzz.txt")
    except InputError:
        return
    for result in process([document], nlp):
        keys = {entity.key for entity in result.entities}
        for fact in result.facts:
            evidence = fact.evidence
            text = document.text
            assert text[evidence.sentence_start : evidence.sentence_end] == evidence.sentence
            story_level = evidence.rule.split("+")[0] in STORY_RULES
            for quoted, (start, end) in (
                (fact.subject_text, fact.subject_span),
                (fact.object_text, fact.object_span),
            ):
                if story_level:  # one end may be named elsewhere in the story
                    assert 0 <= start < end <= len(text)
                else:
                    assert evidence.sentence_start <= start < end <= evidence.sentence_end
                assert text[start:end] == quoted
            assert fact.subject in keys and fact.object in keys
            assert 0.0 <= evidence.confidence <= 1.0
            assert evidence.section == document.section_at(evidence.sentence_start)
