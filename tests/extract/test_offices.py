"""Government offices held for a country (kg.extract.offices, rules ``office`` and
``implicit-office``), on real parses of sentences and stories written for these tests."""

from __future__ import annotations

import pytest

from tests.parses import Fact, typed_facts

pytestmark = pytest.mark.model



read = typed_facts


def offices(nlp, text: str) -> set[Fact]:
    return {f for f in read(nlp, text) if f[3] in {"office", "implicit-office"}}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Japanese Finance Minister Kiichi Miyazawa said the yen was too strong.",
         ("Kiichi Miyazawa", "officialOf", "Japan", "office")),
        ("West German Economics Minister Martin Bangemann met officials.",
         ("Martin Bangemann", "officialOf", "Germany", "office")),
        ("Brazil's Finance Minister Dilson Funaro flew to Washington.",
         ("Dilson Funaro", "officialOf", "Brazil", "office")),
        ("U.S. Trade Representative Clayton Yeutter criticised Japan.",
         ("Clayton Yeutter", "officialOf", "U.S.", "office")),
        ("Japanese central bank governor Satoshi Sumita said so.",
         ("Satoshi Sumita", "officialOf", "Japan", "office")),
        ("French Prime Minister Jacques Chirac arrived in Bonn.",
         ("Jacques Chirac", "leaderOf", "France", "office")),
    ],
)  # fmt: skip
def test_a_country_before_a_government_title_is_the_holders(nlp, text, fact) -> None:
    assert offices(nlp, text) == {fact}


@pytest.mark.parametrize(
    "text",
    [
        "Chrysler Chairman Lee Iacocca said sales rose.",
        "Nissan President Yutaka Kume said Japanese car sales fell.",
        "U.S. Ambassador to Japan Mike Mansfield met Japanese officials.",
        "Former Finance Minister Dilson Funaro criticised Brazil's plan for Brazil.",
        "Japanese President Akio Morita of Sony said little.",
    ],
)
def test_no_national_office_is_read_where_the_title_is_none(nlp, text) -> None:
    assert offices(nlp, text) == set()


BRAZIL = """BRAZIL SEEKS NEW LOANS

Brazil will ask its creditor banks for new loans, officials said on Monday.

Finance Minister Dilson Funaro said Brazil needed time to pay its debt."""


def test_a_title_without_a_country_is_the_storys_country(nlp) -> None:
    assert offices(nlp, BRAZIL) == {
        ("Dilson Funaro", "officialOf", "Brazil", "implicit-office"),
    }


ITALY = """ITALIAN COALITION MEETS

Leaders of Italy's coalition parties will meet today to settle their differences.

Deputy Prime Minister Arnaldo Forlani said the meeting would be long, and Prime Minister \
Bettino Craxi said he would not resign."""


def test_the_head_of_government_leads_and_a_deputy_is_an_official(nlp) -> None:
    assert offices(nlp, ITALY) == {
        ("Arnaldo Forlani", "officialOf", "Italy", "implicit-office"),
        ("Bettino Craxi", "leaderOf", "Italy", "implicit-office"),
    }


TWO_COUNTRIES = """BRAZIL AND ARGENTINA SIGN PACT

Brazil and Argentina signed a trade pact on Monday.

Brazil will export wheat to Argentina, and Argentina will sell oil to Brazil.

Finance Minister Dilson Funaro said the pact was important."""


def test_a_story_about_two_countries_has_no_country_of_its_own(nlp) -> None:
    assert offices(nlp, TWO_COUNTRIES) == set()


JAPAN = """JAPAN TRADE SURPLUS GROWS

Japan's trade surplus grew in February, the Japanese government said. Japan exported more \
cars.

Chrysler Chairman Lee Iacocca criticised the figures, and President Akio Morita of Sony said \
little.

"If I were Finance Minister Kiichi Miyazawa, I would resign," one dealer said."""


def test_company_officers_and_hypothetical_titles_take_no_country(nlp) -> None:
    facts = read(nlp, JAPAN)
    assert {f for f in facts if f[3] in {"office", "implicit-office"}} == set()
    assert ("Lee Iacocca", "leaderOf", "Chrysler", "company-title") in facts


def test_a_person_the_story_places_elsewhere_takes_not_its_country(nlp) -> None:
    text = BRAZIL + "\n\nArgentine Economy Minister Juan Sourrouille met Funaro. Economy " \
        "Minister Juan Sourrouille said Brazil and Argentina agreed."
    assert ("Juan Sourrouille", "officialOf", "Brazil", "implicit-office") not in offices(nlp, text)


def test_the_office_property_is_a_kind_of_works_for_and_says_so() -> None:
    from kg import ontology

    domain, range_, parent = ontology.signatures()["officialOf"]
    assert (domain, range_, parent) == ("Person", "Country", "worksFor")
    label = ontology.predicate_labels()["officialOf"]
    assert {"works", "minister", "official"} <= set(label.split())


AFFAIR = """CONGRESS DEBATES ARMS AFFAIR

Congress debated the Iran arms affair on Monday, and many members were angry.

Defense Secretary Caspar Weinberger said mistakes were made.

The arms sales to Iran were kept secret for months."""


def test_a_country_named_only_as_a_label_or_a_destination_is_not_the_storys(nlp) -> None:
    assert offices(nlp, AFFAIR) == set()


def test_a_title_in_an_open_question_is_still_held(nlp) -> None:
    text = BRAZIL + "\n\nIt is unclear whether Finance Minister Dilson Funaro will attend."
    assert ("Dilson Funaro", "officialOf", "Brazil", "implicit-office") in offices(nlp, text)
