"""Where a name begins and ends, and what kind of name it is, in news copy (kg.extract.mentions,
kg.extract.retype): names cut at their boundaries, parties, papers, facilities, people read
from the words around them. Sentences written for these tests, not taken from a benchmark."""

from __future__ import annotations

import pytest

from kg.extract import extract, extract_texts
from kg.ontology import lexicon
from tests.parses import parsed

Row = tuple[str, int, str, str, str, str]


def mentions_of(rows: list[Row]) -> dict[str, str]:
    document, doc = parsed(rows)
    return {m.text: m.type for m in extract(document, doc, frames=lexicon()).mentions}


def named(nlp, text: str) -> dict[str, str]:
    ((_, extraction),) = list(extract_texts([text], nlp))
    return {m.text: m.type for m in extraction.mentions if m.named}


# -- on hand-built parses (the tagger's label is given) ----------------------------------------


def test_a_full_name_saying_something_of_an_organisation_is_a_person() -> None:
    rows = [
        ("said", 0, "ROOT", "VERB", "say", "O"),
        ("Perrin", 2, "compound", "PROPN", "Perrin", "B-ORG"),
        ("Fowler", 0, "nsubj", "PROPN", "Fowler", "I-ORG"),
        ("of", 2, "prep", "ADP", "of", "O"),
        ("Harbour", 5, "compound", "PROPN", "Harbour", "B-ORG"),
        ("Analytical", 3, "pobj", "PROPN", "Analytical", "I-ORG"),
        (".", 0, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Perrin Fowler": "Person", "Harbour Analytical": "Organization"}


def test_a_name_before_newspaper_is_the_paper() -> None:
    rows = [
        ("The", 3, "det", "DET", "the", "O"),
        ("Morning", 2, "compound", "PROPN", "Morning", "B-EVENT"),
        ("Ledger", 3, "compound", "PROPN", "Ledger", "I-EVENT"),
        ("newspaper", 4, "nsubj", "NOUN", "newspaper", "O"),
        ("said", 4, "ROOT", "VERB", "say", "O"),
        ("so", 4, "advmod", "ADV", "so", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Morning Ledger": "Organization"}


def test_a_named_hotel_is_a_facility_but_not_where_it_has_shares() -> None:
    hotel = [
        ("They", 1, "nsubj", "PRON", "they", "O"),
        ("sold", 1, "ROOT", "VERB", "sell", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("Harbour", 4, "compound", "PROPN", "Harbour", "B-ORG"),
        ("Hotel", 1, "dobj", "PROPN", "Hotel", "I-ORG"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(hotel) == {"Harbour Hotel": "Infrastructure"}
    shares = [
        ("They", 1, "nsubj", "PRON", "they", "O"),
        ("sold", 1, "ROOT", "VERB", "sell", "O"),
        ("Harbour", 3, "compound", "PROPN", "Harbour", "B-ORG"),
        ("Hotel", 4, "compound", "PROPN", "Hotel", "I-ORG"),
        ("shares", 1, "dobj", "NOUN", "share", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(shares) == {"Harbour Hotel": "Organization"}


def test_a_given_name_before_a_place_word_keeps_the_person() -> None:
    rows = [
        ("Jeffery", 1, "compound", "PROPN", "Jeffery", "B-PERSON"),
        ("Lane", 2, "nsubj", "PROPN", "Lane", "I-PERSON"),
        ("resigned", 2, "ROOT", "VERB", "resign", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Jeffery Lane": "Person"}
    rows[0] = ("Abbey", 1, "compound", "PROPN", "Abbey", "B-PERSON")
    assert mentions_of(rows) == {"Abbey Lane": "Place"}


def test_a_name_in_apposition_to_an_office_is_a_person() -> None:
    rows = [
        ("It", 1, "nsubj", "PRON", "it", "O"),
        ("promoted", 1, "ROOT", "VERB", "promote", "O"),
        ("its", 3, "poss", "PRON", "its", "O"),
        ("officer", 1, "dobj", "NOUN", "officer", "O"),
        (",", 3, "punct", "PUNCT", ",", "O"),
        ("Abbey", 6, "compound", "PROPN", "Abbey", "B-GPE"),
        ("Lane", 3, "appos", "PROPN", "Lane", "I-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Abbey Lane": "Person"}


def test_a_name_never_ends_in_a_conjunction_nor_the_wire_sign_off() -> None:
    rows = [
        ("AB", 1, "compound", "PROPN", "AB", "B-ORG"),
        ("Tornvik", 4, "nsubj", "PROPN", "Tornvik", "I-ORG"),
        ("and", 1, "cc", "CCONJ", "and", "I-ORG"),
        ("Solna", 1, "conj", "PROPN", "Solna", "B-ORG"),
        ("sold", 4, "ROOT", "VERB", "sell", "O"),
        ("in", 4, "prep", "ADP", "in", "O"),
        ("Canada", 5, "pobj", "PROPN", "Canada", "B-GPE"),
        ("REUTER", 6, "appos", "PROPN", "REUTER", "I-GPE"),
    ]
    assert mentions_of(rows) == {
        "AB Tornvik": "Organization",
        "Solna": "Organization",
        "Canada": "Country",
    }


def test_the_kind_noun_before_a_name_is_no_part_of_it() -> None:
    rows = [
        ("The", 2, "det", "DET", "the", "O"),
        ("Irish", 2, "amod", "ADJ", "Irish", "B-ORG"),
        ("magazine", 5, "nsubj", "NOUN", "magazine", "I-ORG"),
        ("Leisure", 2, "appos", "PROPN", "Leisure", "I-ORG"),
        ("Weekly", 3, "compound", "PROPN", "Weekly", "I-ORG"),
        ("said", 5, "ROOT", "VERB", "say", "O"),
        ("so", 5, "advmod", "ADV", "so", "O"),
        (".", 5, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Leisure Weekly": "Organization"}


# -- on real parses ----------------------------------------------------------------------------


@pytest.mark.model
def test_party_names_are_organisations_whole(nlp) -> None:
    found = named(nlp, "The Christian Democrats quit the coalition of Socialists, Social "
                       "Democrats and Liberals on Monday.")  # fmt: skip
    assert found == {
        "Christian Democrats": "Organization",
        "Socialists": "Organization",
        "Social Democrats": "Organization",
        "Liberals": "Organization",
    }


@pytest.mark.model
def test_an_organisation_run_on_into_a_person_is_two_names(nlp) -> None:
    found = named(nlp, "The talks included Governor of the Bank of England Robin "
                       "Leigh-Pemberton.")  # fmt: skip
    assert found == {"Bank of England": "Organization", "Robin Leigh-Pemberton": "Person"}


@pytest.mark.model
def test_the_sign_off_after_the_last_sentence_is_no_part_of_a_name(nlp) -> None:
    assert named(nlp, "Exports rose 12 pct to the U.S. REUTER") == {"U.S.": "Country"}
