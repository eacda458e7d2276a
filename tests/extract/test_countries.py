"""Countries on real parses: typed Country from the table whatever the tagger guessed, by name,
demonym or long form; companies named after a country apart from it; a capital that owns a
market or a firm is the city."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Document
from kg.ontology import lexicon
from kg.resolve import resolve

pytestmark = pytest.mark.model


def entities(nlp, text: str) -> dict[str, tuple[str, set[str]]]:
    document = Document("c", text, "c.txt")
    result = resolve(document, extract(document, nlp(text), frames=lexicon()))
    return {e.name: (e.type, set(e.aliases)) for e in result.entities}


@pytest.mark.parametrize(
    ("text", "country", "written"),
    [
        ("Tanzania raised its coffee export tax on Monday.", "Tanzania", "Tanzania"),
        ("The United Republic of Tanzania signed the accord.", "Tanzania",
         "United Republic of Tanzania"),
        ("Surinam and Guyana cut bauxite output this year.", "Suriname", "Surinam"),
        ("Nicaraguan officials rejected the offer.", "Nicaragua", "Nicaraguan"),
        ("Luxembourg and Panama signed a tax treaty.", "Panama", "Panama"),
        ("Burma will export more rice next year.", "Myanmar", "Burma"),
        ("Soviet officials said the USSR would buy more grain.", "Soviet Union", "USSR"),
    ],
)
def test_a_country_is_typed_country_from_any_of_its_names(nlp, text, country, written) -> None:
    found = entities(nlp, text)
    assert country in found, found
    type_, aliases = found[country]
    assert type_ == "Country"
    assert written == country or written in aliases


def test_a_dissolved_state_is_apart_from_its_successor(nlp) -> None:
    found = entities(nlp, "The Soviet Union and East Germany signed a trade pact with Russia.")
    assert {"Soviet Union", "East Germany", "Russia"} <= found.keys(), found
    assert all(found[c][0] == "Country" for c in ("Soviet Union", "East Germany", "Russia"))
    assert "Germany" not in found


@pytest.mark.parametrize(
    ("text", "company", "country"),
    [
        ("Air Jamaica will buy two aircraft. Jamaica owns most of its shares.", "Air Jamaica",
         "Jamaica"),
        ("Kenya Airways said profits rose. Kenya is its largest owner.", "Kenya Airways", "Kenya"),
        # "Hongkong", the 1980s wire's spelling in company names, is no name of Hong Kong.
        ("Hongkong Bank raised its prime rate. Hong Kong cut taxes.", "Hongkong Bank",
         "Hong Kong"),
    ],
)
def test_a_company_named_after_a_country_stays_apart_from_it(nlp, text, company, country):
    found = entities(nlp, text)
    assert found[company][0] == "Organization", found
    assert found[country][0] == "Country"
    assert company not in found[country][1] and country not in found[company][1]


@pytest.mark.parametrize(
    ("text", "capital", "state"),
    [
        ("Ottawa's largest caterer said its sales rose.", "Ottawa", False),
        ("Traders sold coffee bought on London's futures market last year.", "London", False),
        ("London's biggest bank reported a loss.", "London", False),
        ("The London May price reached a low of 1,270 stg per tonne.", "London", False),
        ("Beijing's largest trading partner is the United States.", "Beijing", True),
        ("Washington's biggest concern is inflation.", "Washington", True),
        ("Managua has rejected the peace plan.", "Managua", True),
        ("Bonn wants lower interest rates in Europe.", "Bonn", True),
    ],
)
def test_a_capital_owning_a_market_or_firm_is_the_city(nlp, text, capital, state) -> None:
    found = entities(nlp, text)
    as_state = [name for name, (type_, aliases) in found.items()
                if type_ == "Country" and capital in aliases]  # fmt: skip
    assert bool(as_state) == state, found
    if not state:
        assert found[capital][0] == "Place"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tanzania Breweries Ltd raised its beer prices on Monday.", "Tanzania Breweries Ltd"),
        ("Surinam News Agency reported the strike on Tuesday.", "Surinam News Agency"),
        ("Vatican Radio broadcast the speech on Sunday.", "Vatican Radio"),
    ],
)
def test_a_company_named_after_a_country_keeps_its_whole_name(nlp, text, name) -> None:
    found = entities(nlp, text)
    assert name in found, found
    assert found[name][0] == "Organization"


@pytest.mark.parametrize(
    ("text", "country", "body"),
    [
        ("The U.S. Congress approved the trade bill on Friday.", "United States", "Congress"),
        ("The U.S. Navy sent two frigates to the Gulf.", "United States", "Navy"),
    ],
)
def test_a_country_before_its_own_body_is_a_name_of_its_own(nlp, text, country, body) -> None:
    found = entities(nlp, text)
    assert found.get(country, ("", set()))[0] == "Country", found
    assert found.get(body, ("", set()))[0] == "Organization", found
