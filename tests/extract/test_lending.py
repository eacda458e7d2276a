"""Who lends to whom (kg.extract.lending, rule ``loan``, and the "lend _ to" verb frame),
on real parses of sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract_texts

pytestmark = pytest.mark.model


def lending(nlp, text: str) -> set[tuple[str, str]]:
    ((_, extraction),) = list(extract_texts([text], nlp))
    return {
        ((r.subject.refers_to or r.subject.text).rstrip("."),
         (r.object.refers_to or r.object.text).rstrip("."))
        for r in extraction.relations
        if r.predicate == "lendsTo"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lender", "borrower"),
    [
        # the loan noun's own phrase
        ("Acme Steel Corp took out a 40 mln dlr loan from Barclays Bank to pay its debts.",
         "Barclays Bank", "Acme Steel Corp"),
        ("The 1984 World Bank loan to Kenya financed two sugar mills.",
         "World Bank", "Kenya"),
        ("Critics pointed to an Asian Development Bank loan made to Nepal in 1983.",
         "Asian Development Bank", "Nepal"),
        # the verb over it
        ("Deutsche Bank extended a 300 mln mark credit to Poland on Monday.",
         "Deutsche Bank", "Poland"),
        ("The International Monetary Fund approved a 90 mln dlr loan for Zambia.",
         "International Monetary Fund", "Zambia"),
        ("Delta Mining Corp obtained a 25 mln dlr loan from Citibank last week.",
         "Citibank", "Delta Mining Corp"),
        ("Delta Mining Corp borrowed 25 mln dlrs from Citibank.",
         "Citibank", "Delta Mining Corp"),
        # the verb frame of the lexicon
        ("Saudi Arabia lent 200 mln dlrs to Egypt in January.", "Saudi Arabia", "Egypt"),
    ],
)  # fmt: skip
def test_the_lender_and_the_borrower_of_a_loan(nlp, text, lender, borrower) -> None:
    assert lending(nlp, text) == {(lender, borrower)}


def test_a_name_before_the_noun_is_the_party_the_phrase_leaves_open(nlp) -> None:
    lender = "Egypt said the Saudi Arabia loan to Egypt was signed on Monday."
    assert ("Saudi Arabia", "Egypt") in lending(nlp, lender)
    borrower = "Poland's new loans from Deutsche Bank were signed on Monday."
    assert lending(nlp, borrower) == {("Deutsche Bank", "Poland")}
    # with neither party stated otherwise, "the Poland loan" may be said of either
    assert lending(nlp, "The Poland loan was repaid in full on Monday.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Poland sought a new loan from Deutsche Bank.",
        "Deutsche Bank rejected the loan to Poland.",
        "Delta Mining Corp said the proposed loan from Citibank would help it.",
        "Deutsche Bank did not extend the credit to Poland.",
    ],
)
def test_a_loan_sought_refused_or_planned_states_no_lending(nlp, text) -> None:
    assert lending(nlp, text) == set()
