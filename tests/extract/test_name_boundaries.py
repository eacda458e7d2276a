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


def test_a_results_headline_ends_the_name_at_its_company_form() -> None:
    rows = [
        ("NORDVIK", 2, "compound", "PROPN", "Nordvik", "B-ORG"),
        ("STEEL", 2, "compound", "PROPN", "Steel", "I-ORG"),
        ("CORP", 5, "compound", "PROPN", "Corp", "I-ORG"),
        ("2ND", 4, "amod", "ADJ", "2nd", "I-ORG"),
        ("QTR", 5, "compound", "PROPN", "Qtr", "O"),
        ("NET", 5, "ROOT", "PROPN", "Net", "O"),
    ]
    assert mentions_of(rows) == {"NORDVIK STEEL CORP": "Organization"}


def test_a_one_word_name_with_a_chairman_or_shares_is_a_company() -> None:
    rows = [
        ("Nordvik", 1, "compound", "PROPN", "Nordvik", "B-PERSON"),
        ("shares", 2, "nsubj", "NOUN", "share", "O"),
        ("rose", 2, "ROOT", "VERB", "rise", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Nordvik": "Organization"}
    rows[1] = ("shrugged", 1, "ROOT", "VERB", "shrug", "O")
    rows[0] = ("Nordvik", 1, "nsubj", "PROPN", "Nordvik", "B-PERSON")
    assert mentions_of(rows[:2]) == {"Nordvik": "Person"}


def test_a_company_form_after_of_is_no_name_of_its_own() -> None:
    rows = [
        ("Nordvik", 5, "nsubj", "PROPN", "Nordvik", "B-ORG"),
        ("of", 0, "prep", "ADP", "of", "O"),
        ("Granite", 3, "compound", "PROPN", "Granite", "O"),
        ("Falls", 1, "pobj", "PROPN", "Falls", "O"),
        ("Ltd", 3, "appos", "PROPN", "Ltd", "O"),
        ("rose", 5, "ROOT", "VERB", "rise", "O"),
    ]
    assert mentions_of(rows) == {"Nordvik": "Organization"}
    rows = [  # "Nordvik said Granite Falls Ltd rose"
        ("Nordvik", 1, "nsubj", "PROPN", "Nordvik", "B-ORG"),
        ("said", 1, "ROOT", "VERB", "say", "O"),
        ("Granite", 3, "compound", "PROPN", "Granite", "O"),
        ("Falls", 4, "compound", "PROPN", "Falls", "O"),
        ("Ltd", 5, "nsubj", "PROPN", "Ltd", "O"),
        ("rose", 1, "ccomp", "VERB", "rise", "O"),
    ]
    assert mentions_of(rows)["Granite Falls Ltd"] == "Organization"


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


@pytest.mark.model
def test_a_company_of_a_country_is_the_company_from_there(nlp) -> None:
    found = named(nlp, "Calder agreed to sell its stake to Nordvik Corp of Japan for 158 mln "
                       "dlrs.")  # fmt: skip
    assert found["Nordvik Corp"] == "Organization" and found["Japan"] == "Country"
    assert not any(name.endswith("Japan") and name != "Japan" for name in found)


@pytest.mark.model
def test_a_name_with_a_company_form_the_tagger_missed_is_found(nlp) -> None:
    found = named(nlp, "OSLO, May 4 - Nordvik Steel Corp said it named a new president.")
    assert found.get("Nordvik Steel Corp") == "Organization"
    assert not any("May" in name for name in found)


@pytest.mark.model
def test_a_place_before_newspaper_stays_the_place(nlp) -> None:
    found = named(nlp, "He was convicted of murdering Phoenix newspaper reporter Don Bolles.")
    assert found["Phoenix"] == "Place" and found["Don Bolles"] == "Person"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Holt Foods is now owned by <Marlow and Marlow>, the largest baker in the region.",
         "Marlow and Marlow"),
        ("Three groups bid for <Societe Generale de Tuyaux Fins (SGTF)>, which makes pipes.",
         "Societe Generale de Tuyaux Fins"),
        ("<Dunmore's Catering Inc> said it acquired Harbour Meals Ltd.",
         "Dunmore's Catering Inc"),
    ],
)
def test_a_name_in_the_wires_brackets_is_one_organisation(nlp, text: str, name: str) -> None:
    """The wire marks a company's full name with angle brackets: what they hold is one
    organisation, not the pieces the tagger cuts it into at "and" or "de"."""
    found = named(nlp, text)
    assert found.get(name) == "Organization", found
    assert not [m for m in found if m != name and (m in name or name in m)], found


@pytest.mark.model
def test_a_ticker_in_brackets_stays_a_ticker(nlp) -> None:
    found = named(nlp, "Halvard Motors Corp <HMC> said it would close the plant.")
    assert found.get("Halvard Motors Corp") == "Organization", found
    assert not [m for m in found if "<" in m or ">" in m or "Corp HMC" in m], found


@pytest.mark.model
def test_the_words_before_a_ticker_are_one_company_wherever_the_story_writes_them(nlp) -> None:
    """The wire writes a listed company's ticker after its name: the capitalised words
    before it are one organisation whatever the tagger made of them ("Swedish" a
    nationality), and so are the same words elsewhere in the story, its headline too."""
    text = ("NORDIC SALT BID FAILS\n\n"
            "Brekke group fought off a bid for a large stake in Nordic Salt <NSLT ST>, "
            "the mining group said.\n\n"
            "Brekke now holds 40 pct of Nordic Salt, it said.")
    ((document, extraction),) = list(extract_texts([text], nlp))
    spans = [m for m in extraction.mentions if m.text.lower() == "nordic salt"]
    assert {m.type for m in spans} == {"Organization"}, extraction.mentions
    assert len(spans) == 3, spans
    assert not [m for m in extraction.mentions if m.text in {"Nordic", "Salt"}]


@pytest.mark.model
@pytest.mark.parametrize(("text", "name"), [
    ("Talks between Halden Foods and Marlow Bakeries Ltd <MBL> ended.", "Marlow Bakeries Ltd"),
    ("Shares of Kestrel Mining <KML> rose.", "Kestrel Mining"),
    ("The bank sold Bank of Ontario Corp <BOC> shares.", "Bank of Ontario Corp"),
    ("It hired Fenwick Brothers and Co Inc <FBC> to advise it.", "Fenwick Brothers and Co Inc"),
    ("The deal joins Halden Oil Ltd of Canada and Kestrel Plc <KSTL.L> in one group.",
     "Kestrel Plc"),
])
def test_the_name_before_a_ticker_ends_at_another_name_or_a_common_noun(
    nlp, text: str, name: str
) -> None:
    found = named(nlp, text)
    assert found.get(name) == "Organization", found


@pytest.mark.model
def test_a_ticker_with_its_exchange_is_no_name(nlp) -> None:
    found = named(nlp, "Atlas Copco AB <ASTS ST> said its profit rose.")
    assert not [m for m in found if "ASTS ST" in m], found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "apart"),
    [
        ("Harwell Banks of Florida Inc called its preferred stock for redemption.",
         "Harwell Banks of Florida Inc", "Florida"),
        ("Sony (U.K.) Ltd said it would double its capacity in Wales.",
         "Sony (U.K.) Ltd", "U.K."),
        ("Williams Cos said a fourth quarter charge of 250 mln dlrs cut its profit.",
         "Williams Cos", "Williams"),
        ('"Bonds are firm," said Laurie Milbank and Co assistant manager Machiko Suzuki.',
         "Laurie Milbank and Co", "Laurie Milbank"),
        ("H.P. Smith, analyst at Smith Barney, Harris Upham and Co said the order is small.",
         "Smith Barney, Harris Upham and Co", "Smith Barney, Harris Upham"),
    ],
)
def test_a_company_name_the_tagger_cut_is_one_organisation(
    nlp, text: str, name: str, apart: str
) -> None:
    """A name ending in a company form is one name from its first word, also where the tagger
    cut it at "of" before a place, at a parenthesis, before the form or at "and Co"."""
    found = named(nlp, text)
    assert found.get(name) == "Organization", found
    assert apart not in found and not [m for m in found if m != name and m in name], found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Shigeki Matsumoto of Nikko Securities Co Ltd said prices would rise.",
         {"Nikko Securities Co Ltd"}),
        ("The U.S. Subsidiary of Mazda Motor Corp will build the plant.", {"Mazda Motor Corp"}),
        ("The Saudi Press Agency SPA said the talks ended.", {"Saudi Press Agency"}),
        ("Shares of Unilever Plc and NV rose.", {"Unilever Plc"}),
    ],
)
def test_of_before_no_place_and_an_acronym_do_not_join_a_company_name(
    nlp, text: str, names: set[str]
) -> None:
    found = named(nlp, text)
    assert names <= set(found), found
    assert not [m for m in found if " of " in m or m.endswith((" SPA", " NV"))], found


@pytest.mark.model
def test_the_first_half_of_a_compound_written_apart_is_no_part_of_the_name(nlp) -> None:
    found = named(nlp, "The figures show trade turning into a Japan- European Community (EC) "
                       "axis.")  # fmt: skip
    assert found.get("European Community") == "Organization", found
    assert not [m for m in found if "Japan-" in m], found


def test_a_hyphenated_first_part_belongs_to_the_name() -> None:
    # the tagger's "Jean-" and "Claude Paye"; a company name it found only from "Claude"
    rows = [
        ("Jean", 3, "compound", "PROPN", "Jean", "B-ORG"),
        ("-", 3, "punct", "PUNCT", "-", "I-ORG"),
        ("Claude", 3, "compound", "PROPN", "Claude", "B-PERSON"),
        ("Paye", 4, "nsubj", "PROPN", "Paye", "I-PERSON"),
        ("spoke", 4, "ROOT", "VERB", "speak", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows, joined=frozenset({0, 1}))
    assert doc.text.startswith("Jean-Claude Paye spoke")
    found = {m.text: m.type for m in extract(document, doc, frames=lexicon()).mentions}
    assert found == {"Jean-Claude Paye": "Person"}


@pytest.mark.model
def test_a_hyphenated_company_name_the_tagger_cut_is_whole(nlp) -> None:
    assert "Tele-A-Fax Systems Inc" in named(nlp, "Tele-A-Fax Systems Inc said sales rose.")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Finance Minister Moussa Toure said the budget was balanced.",
        "Trade and Industry Minister Hajime Tamura met the envoy.",
    ],
)
def test_a_portfolio_before_a_government_title_is_no_organisation(nlp, text) -> None:
    found = named(nlp, text)
    assert not [n for n, t in found.items() if t == "Organization" and "Minister" not in n]


def test_a_name_with_a_title_of_someone_at_an_organisation_in_apposition_is_a_person() -> None:
    rows = [
        ("Pierre", 1, "compound", "PROPN", "Pierre", "B-ORG"),
        ("Dumont", 8, "nsubj", "PROPN", "Dumont", "I-ORG"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("Director", 4, "compound", "PROPN", "Director", "O"),
        ("General", 1, "appos", "PROPN", "General", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("Acme", 5, "pobj", "PROPN", "Acme", "B-ORG"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("spoke", 8, "ROOT", "VERB", "speak", "O"),
        (".", 8, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Pierre Dumont": "Person", "Acme": "Organization"}


def test_two_names_joined_by_a_hyphen_stay_two() -> None:
    rows = [
        ("Reagan", 3, "compound", "PROPN", "Reagan", "B-PERSON"),
        ("-", 3, "punct", "PUNCT", "-", "O"),
        ("Gorbachev", 3, "compound", "PROPN", "Gorbachev", "B-PERSON"),
        ("talks", 4, "nsubj", "NOUN", "talk", "O"),
        ("ended", 4, "ROOT", "VERB", "end", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows, joined=frozenset({0, 1}))
    found = {m.text: m.type for m in extract(document, doc, frames=lexicon()).mentions}
    assert found == {"Reagan": "Person", "Gorbachev": "Person"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Analysts said Standard and Poor's Corp cut its rating of the notes.",
         "Standard and Poor's Corp"),
    ],
)  # fmt: skip
def test_the_first_words_of_a_company_name_the_tagger_missed_are_the_names(
    nlp, text, name
) -> None:
    assert name in named(nlp, text)


@pytest.mark.model
def test_two_companies_joined_by_and_stay_two(nlp) -> None:
    found = named(nlp, "Chrysler and Ford Motor Co raised their prices on Monday.")
    assert "Chrysler" in found and "Ford Motor Co" in found


@pytest.mark.model
def test_a_street_or_a_river_the_tagger_missed_is_a_place(nlp) -> None:
    assert named(nlp, "Traders on Wall Street said the dollar fell.").get("Wall Street") == "Place"


def test_a_first_word_of_a_company_name_outside_the_taggers_entity_is_the_names() -> None:
    rows = [
        ("Anchor", 2, "compound", "PROPN", "Anchor", "O"),
        ("Glass", 2, "compound", "PROPN", "Glass", "B-ORG"),
        ("Corp", 3, "nsubj", "PROPN", "Corp", "I-ORG"),
        ("said", 3, "ROOT", "VERB", "say", "O"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Anchor Glass Corp": "Organization"}


def test_an_entity_the_trim_leaves_empty_is_no_mention() -> None:
    # the tagger's entity is only "the" and a dash: nothing of a name is left to widen
    rows = [
        ("the", 2, "det", "DET", "the", "B-ORG"),
        ("-", 2, "punct", "PUNCT", "-", "I-ORG"),
        ("Acme", 3, "nsubj", "PROPN", "Acme", "B-ORG"),
        ("rose", 3, "ROOT", "VERB", "rise", "O"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Acme": "Organization"}


@pytest.mark.model
@pytest.mark.parametrize(("text", "name"), [
    ("Sweden's Brekke group fought back a bid by Jim Lake for a stake in Nordic Salt.",
     "Brekke group"),
    ("Analysts say the Halvorsen family has more than 20 pct of Nordic Salt.",
     "Halvorsen family"),
])  # fmt: skip
def test_a_name_before_group_or_family_names_the_group(nlp, text: str, name: str) -> None:
    found = named(nlp, text)
    assert found.get(name) == "Organization", found


@pytest.mark.model
def test_a_name_before_a_ticker_may_hold_a_place_joined_by_and(nlp) -> None:
    found = named(nlp, "The price of Hongkong and Shanghai Hotels Ltd <SHLH.HK>'s stock soared.")
    assert found.get("Hongkong and Shanghai Hotels Ltd") == "Organization", found


@pytest.mark.model
@pytest.mark.parametrize(("text", "name"), [
    ("The FDIC approved the merger of Harbor Bank and Trust Co, Glenmora, La., on Friday.",
     "Harbor Bank and Trust Co"),
    ("Kestrel Trust and Banking Co Ltd will provide the letter of credit.",
     "Kestrel Trust and Banking Co Ltd"),
])  # fmt: skip
def test_a_line_of_business_after_and_is_part_of_the_company_name(nlp, text, name) -> None:
    found = named(nlp, text)
    assert found.get(name) == "Organization", found
