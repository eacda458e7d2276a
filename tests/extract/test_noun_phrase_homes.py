"""A person's home from two names in one noun phrase (kg.extract.nominal, rule ``nominal``):
only "X of PLACE" says where someone lives; a place in apposition or before a noun says a
visit or a topic. Real parses of sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract_texts

pytestmark = pytest.mark.model


def homes(nlp, text: str) -> set[tuple[str, str]]:
    ((_, extraction),) = list(extract_texts([text], nlp))
    return {(r.subject.text, r.object.text) for r in extraction.relations
            if r.predicate == "livesIn"}  # fmt: skip


def test_a_person_of_a_place_lives_there(nlp) -> None:
    text = "Investor David La Roche of North Kingstown, R.I., said he would buy shares."
    assert ("David La Roche", "North Kingstown") in homes(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Herman De Croo, in Washington for talks with officials, said the tax was unfair.",
        "Polish central bank head Wladyslaw Baka, in talks in Washington last week, said so.",
        "The Reagan Iran speech was said to admit a need for change.",
    ],
)
def test_a_place_beside_a_name_is_no_home(nlp, text) -> None:
    assert homes(nlp, text) == set()
