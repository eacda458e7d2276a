"""The banks that underwrite a company's offering (kg.extract.offerings, rule
``underwriter``), on real parses of stories written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract_texts

pytestmark = pytest.mark.model


def underwriting(nlp, text: str) -> set[tuple[str, str]]:
    ((_, extraction),) = list(extract_texts([text], nlp))
    # a name that ends the sentence keeps its full stop in the mention ("Inc.")
    return {
        ((r.subject.refers_to or r.subject.text).rstrip("."),
         (r.object.refers_to or r.object.text).rstrip("."))
        for r in extraction.relations
        if r.predicate == "underwrites" and r.evidence.rule == "underwriter"
    }  # fmt: skip


def test_the_underwriters_named_apart_from_the_issuer(nlp) -> None:
    text = (
        "Acme Steel Corp said its common stock offering was increased to 30 mln shares.\n\n"
        "The underwriters are Drexel Burnham Lambert Inc and Salomon Brothers Inc.\n"
    )
    assert underwriting(nlp, text) == {
        ("Drexel Burnham Lambert Inc", "Acme Steel Corp"),
        ("Salomon Brothers Inc", "Acme Steel Corp"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Hallmark Stores Inc is raising 137 mln dlrs through an offering of secured bonds, "
        "said lead underwriter Salomon Brothers Inc.",
        "Hallmark Stores Inc said it will sell 40 mln dlrs of notes in a public offering. "
        "The offering is being underwritten by Salomon Brothers Inc.",
    ],
)
def test_a_bank_named_by_its_role_underwrites_the_one_issuer(nlp, text) -> None:
    assert underwriting(nlp, text) == {("Salomon Brothers Inc", "Hallmark Stores Inc")}


def test_no_underwriter_fact_without_exactly_one_issuer(nlp) -> None:
    two = (
        "Hallmark Stores Inc is raising 137 mln dlrs through an offering of bonds. "
        "Acme Steel Corp priced its offering of notes on Tuesday. "
        "The underwriter is Salomon Brothers Inc."
    )
    assert underwriting(nlp, two) == set()
    none = "Salomon Brothers Inc, a big underwriter, said bond prices fell."
    assert underwriting(nlp, none) == set()
