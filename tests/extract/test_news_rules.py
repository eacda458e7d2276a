"""News conventions of the extraction stage: entity types from context (kg.retype), addresses,
source lines (kg.dateline), agent nouns and other word-order readings (kg.surface), and the
verb frames for killings. Sentences written for these tests, not taken from a benchmark."""

from __future__ import annotations

import pytest

from kg.extract import extract, extract_texts
from kg.ontology import lexicon
from tests.parses import parsed

Row = tuple[str, int, str, str, str, str]


def mentions_of(rows: list[Row]) -> dict[str, str]:
    document, doc = parsed(rows)
    return {m.text: m.type for m in extract(document, doc, frames=lexicon()).mentions}


# -- entity types from context, on hand-built parses (the tagger's label is given) ----------


def test_age_in_apposition_makes_a_person() -> None:
    rows = [
        ("Smithers", 4, "nsubj", "PROPN", "Smithers", "B-ORG"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("47", 0, "appos", "NUM", "47", "O"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("said", 4, "ROOT", "VERB", "say", "O"),
        ("so", 4, "advmod", "ADV", "so", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Smithers": "Person"}


def test_who_clause_makes_a_person() -> None:
    rows = [
        ("Greer", 6, "nsubj", "PROPN", "Greer", "B-ORG"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("who", 3, "nsubj", "PRON", "who", "O"),
        ("founded", 0, "relcl", "VERB", "found", "O"),
        ("it", 3, "dobj", "PRON", "it", "O"),
        (",", 0, "punct", "PUNCT", ",", "O"),
        ("retired", 6, "ROOT", "VERB", "retire", "O"),
        (".", 6, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Greer": "Person"}


def test_kind_noun_before_a_name_gives_its_class() -> None:
    rows = [
        ("The", 3, "det", "DET", "the", "O"),
        ("mining", 2, "compound", "NOUN", "mining", "O"),
        ("company", 3, "compound", "NOUN", "company", "O"),
        ("Arcona", 4, "nsubj", "PROPN", "Arcona", "B-GPE"),
        ("fell", 4, "ROOT", "VERB", "fall", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Arcona": "Organization"}


def test_place_head_word_and_town_of() -> None:
    rows = [
        ("Rain", 1, "nsubj", "NOUN", "rain", "O"),
        ("hit", 1, "ROOT", "VERB", "hit", "O"),
        ("Kerr", 3, "compound", "PROPN", "Kerr", "B-PERSON"),
        ("District", 1, "dobj", "PROPN", "District", "I-PERSON"),
        ("and", 3, "cc", "CCONJ", "and", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("town", 3, "conj", "NOUN", "town", "O"),
        ("of", 6, "prep", "ADP", "of", "O"),
        ("Oakbury", 7, "pobj", "PROPN", "Oakbury", "B-ORG"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Kerr District": "Place", "Oakbury": "Place"}


def test_only_people_are_assassinated() -> None:
    rows = [
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("assassinated", 1, "ROOT", "VERB", "assassinate", "O"),
        ("Okafor", 1, "dobj", "PROPN", "Okafor", "B-ORG"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Okafor": "Person"}


def test_an_organisation_word_keeps_the_tagger_label() -> None:
    rows = [
        ("Voss", 1, "compound", "PROPN", "Voss", "B-ORG"),
        ("Bank", 6, "nsubj", "PROPN", "Bank", "I-ORG"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("who", 4, "nsubj", "PRON", "who", "O"),
        ("lends", 1, "relcl", "VERB", "lend", "O"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("grew", 6, "ROOT", "VERB", "grow", "O"),
        (".", 6, "punct", "PUNCT", ".", "O"),
    ]
    assert mentions_of(rows) == {"Voss Bank": "Organization"}


# -- the same rules and the relation readings on real parses --------------------------------


def read(nlp, text: str):
    ((_, extraction),) = list(extract_texts([text], nlp))
    facts = {
        (r.subject.refers_to or r.subject.text, r.predicate, r.object.refers_to or r.object.text)
        for r in extraction.relations
        if not r.open
    }
    return extraction, facts


@pytest.mark.model
def test_state_after_a_place_is_a_place_it_lies_in(nlp) -> None:
    extraction, facts = read(nlp, "The mayor of Dover , Del. , resigned on Friday .")
    assert {m.text: m.type for m in extraction.mentions} == {"Dover": "Place", "Del.": "Place"}
    assert ("Dover", "locatedIn", "Del.") in facts


@pytest.mark.model
def test_names_written_with_full_stops_are_kept(nlp) -> None:
    extraction, facts = read(nlp, "The U.S. Senate approved the treaty on Thursday .")
    assert {m.text: m.type for m in extraction.mentions} == {
        "U.S.": "Country",
        "Senate": "Organization",
    }
    # the country's own body: no base of it (kg.extract.nominal)
    assert ("Senate", "basedIn", "U.S.") not in facts


@pytest.mark.model
def test_source_line_names_the_city_and_the_outlet(nlp) -> None:
    extraction, facts = read(nlp, "MB1203101094 Nairobi KBC Radio in English 1200 GMT 12 Mar 94")
    assert {m.text: m.type for m in extraction.mentions} == {
        "Nairobi": "Place",
        "KBC Radio": "Organization",
    }
    assert facts == {("KBC Radio", "basedIn", "Nairobi")}


@pytest.mark.model
def test_title_is_part_of_the_mention_not_the_name(nlp) -> None:
    extraction, _ = read(nlp, "Mrs. Patel told reporters that the clinic would reopen .")
    (mention,) = extraction.mentions
    assert (mention.text, mention.refers_to, mention.type) == ("Mrs. Patel", "Patel", "Person")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Garfield 's assassin Charles Guiteau was hanged in 1882 .",
        "Investigators concluded that Charles Guiteau fired the shots that killed Garfield .",
        "The jury found that Charles Guiteau acted alone in killing Garfield .",
        "Garfield was stabbed to death in the lobby of the hotel by Charles Guiteau .",
    ],
)
def test_killings(nlp, text: str) -> None:
    _, facts = read(nlp, text)
    assert ("Charles Guiteau", "killed", "Garfield") in facts


@pytest.mark.model
def test_reduced_relative_after_a_name(nlp) -> None:
    _, facts = read(nlp, "Leah Moss , convicted of murdering banker Paul Hart , appealed .")
    assert ("Leah Moss", "killed", "Paul Hart") in facts


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Voters backed Hal Turner in his native Ohio .", ("Hal Turner", "livesIn", "Ohio")),
        (
            "Rita Gomez died on Sunday at her home in Evanston , her family said .",
            ("Rita Gomez", "livesIn", "Evanston"),
        ),
        (
            "Ohio born novelist Ann Petry wrote about Harlem .",
            ("Ann Petry", "livesIn", "Ohio"),
        ),
        (
            "Analysts at the Zurich-based Julius Bank cut their forecast .",
            ("Julius Bank", "basedIn", "Zurich"),
        ),
        (
            "Carla Mendes , one of the leading engineers in Brazil , designed the bridge .",
            ("Carla Mendes", "livesIn", "Brazil"),
        ),
        (
            "Dana Whitlock , vice president of marketing for Norland Foods , said sales rose .",
            ("Dana Whitlock", "worksFor", "Norland Foods"),
        ),
    ],
)
def test_homes_origins_and_roles(nlp, text: str, fact: tuple[str, str, str]) -> None:
    _, facts = read(nlp, text)
    assert fact in facts


@pytest.mark.model
def test_president_of_a_country_leads_it_not_lives_in_it(nlp) -> None:
    _, facts = read(nlp, "Anton Weiss , the 12th president of Austria , spoke in Vienna .")
    assert ("Anton Weiss", "leaderOf", "Austria") in facts
    assert ("Anton Weiss", "livesIn", "Austria") not in facts


def test_surname_after_the_full_name_is_the_person() -> None:
    rows = [
        ("Jack", 1, "compound", "PROPN", "Jack", "B-PERSON"),
        ("Warner", 2, "nsubj", "PROPN", "Warner", "I-PERSON"),
        ("left", 2, "ROOT", "VERB", "leave", "O"),
        (";", 2, "punct", "PUNCT", ";", "O"),
        ("Warner", 5, "nsubj", "PROPN", "Warner", "B-ORG"),
        ("sued", 2, "conj", "VERB", "sue", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    found = extract(document, doc, frames=lexicon()).mentions
    assert [(m.text, m.type, m.start) for m in found] == [
        ("Jack Warner", "Person", 0),
        ("Warner", "Person", 18),
    ]


@pytest.mark.model
def test_noun_in_apposition_stands_for_the_name(nlp) -> None:
    _, facts = read(nlp, "Police questioned John Miller , the man who murdered Susan Clark .")
    assert ("John Miller", "killed", "Susan Clark") in facts


def test_address_with_a_compass_word() -> None:
    # The parse does not link the two names; the address convention does.
    rows = [
        ("Fighting", 1, "nsubj", "NOUN", "fighting", "O"),
        ("hit", 1, "ROOT", "VERB", "hit", "O"),
        ("Tiaret", 1, "dobj", "PROPN", "Tiaret", "B-GPE"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("north", 5, "amod", "ADJ", "north", "O"),
        ("western", 6, "amod", "ADJ", "western", "O"),
        ("Algeria", 1, "npadvmod", "PROPN", "Algeria", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    found = {
        (r.subject.text, r.predicate, r.object.text, r.evidence.rule)
        for r in extract(document, doc, frames=lexicon()).relations
    }
    assert ("Tiaret", "locatedIn", "Algeria", "address") in found


@pytest.mark.model
def test_a_name_ends_at_a_paragraph_break(nlp) -> None:
    text = "Anna Berg visited the Bank of Oslo\n\nChina visited China."  # tagged "Bank of Oslo\n\n"
    ((document, extraction),) = list(extract_texts([text], nlp))
    assert "Bank of Oslo" in {m.text for m in extraction.mentions}
    for mention in extraction.mentions:
        assert "\n" not in mention.text, mention
        assert document.text[mention.start : mention.end] == mention.text
    for relation in extraction.relations:
        ev = relation.evidence
        for end in (relation.subject, relation.object):
            if end.named:
                assert ev.sentence_start <= end.start < end.end <= ev.sentence_end, relation


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "New York Governor Mario Cuomo said the state would cut taxes .",
        "Rep. John Dingell , the Michigan Democrat , criticised the agency .",
        "Speaker James Wright of Texas said the House would vote .",
        "Former Iowa Congressman Berkley Bedell spoke at the meeting .",
        "U.S. trade representative Clayton Yeutter said the row would grow .",
    ],
)
def test_a_public_offices_place_is_no_home(nlp, text: str) -> None:
    """A place named with a public office or a party label is the office's jurisdiction or
    constituency: a governor of New York need not live there as a fact the text states."""
    _, facts = read(nlp, text)
    assert not [f for f in facts if f[1] == "livesIn"], facts


@pytest.mark.model
def test_an_occupation_still_places_a_person(nlp) -> None:
    _, facts = read(nlp, "Texas rancher Tom Hollis sold his herd .")
    assert ("Tom Hollis", "livesIn", "Texas") in facts


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Qatar , an OPEC member , has an output ceiling of 285,000 barrels per day .",
        "The GCC groups four OPEC members -- Saudi Arabia , Kuwait and Qatar .",
    ],
)
def test_a_member_is_not_where_its_organisation_is(nlp, text: str) -> None:
    """A membership noun between two names links a member to its organisation, not an
    organisation to a place it is based in."""
    _, facts = read(nlp, text)
    assert not [f for f in facts if f[1] in {"basedIn", "locatedIn"}], facts


@pytest.mark.model
def test_a_firm_described_by_its_city_is_still_based_there(nlp) -> None:
    _, facts = read(nlp, "Acme Corp , a Boston software maker , raised prices .")
    assert ("Acme Corp", "basedIn", "Boston") in facts


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Acme Corp 's Dayton plant will close next month .",
        "Acme Corp 's Dayton branch issued the notes .",
        "Zambia held talks in Paris with the International Monetary Fund last week .",
        "The U.K. Trade Department said it would not block the deal .",
    ],
)
def test_a_place_of_a_plant_or_of_talks_is_no_base_of_the_organisation(nlp, text) -> None:
    _, facts = read(nlp, text)
    assert not [f for f in facts if f[1] == "basedIn"], facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Indonesia produced 2.1 mln tonnes of palm oil in 1986.",
         ("Indonesia", "produces", "palm oil")),
        ("Pakistan shipped 300,000 bales of cotton to China.",
         ("Pakistan", "supplies", "cotton")),
    ],
)  # fmt: skip
@pytest.mark.model
def test_a_measure_of_goods_stands_for_the_goods(nlp, text, fact) -> None:
    ((_, extraction),) = list(extract_texts([text], nlp))
    facts = {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}
    assert fact in facts
    assert not [f for f in facts if "tonnes" in f[2] or "bales" in f[2]]


@pytest.mark.model
def test_no_fact_links_an_entity_to_itself(nlp) -> None:
    # "It" is the report, which kg does not resolve; the last country is no candidate
    text = 'Norway rejected the report on Monday. "It condemns Norway without a hearing," one ' \
        "Norwegian official said."
    extraction, _ = read(nlp, text)
    ends = [(r.subject.refers_to or r.subject.text, r.object.refers_to or r.object.text)
            for r in extraction.relations]  # fmt: skip
    assert ("Norway", "Norway") not in ends and ends, ends


@pytest.mark.model
def test_an_amounts_unit_is_no_name(nlp) -> None:
    ((_, extraction),) = list(
        extract_texts(["Acme Corp raised its offer by 75 cts to 42.75 dlrs a share."], nlp)
    )
    assert not [m for m in extraction.mentions if m.text.lower() in {"cts", "dlrs"} and m.named]


@pytest.mark.model
def test_a_list_of_states_is_no_address_but_a_city_in_its_state_is(nlp) -> None:
    _, listed = read(nlp, "The rules do not cover its branches in Oregon, Nevada and Utah .")
    assert not [f for f in listed if f[1] == "locatedIn"], listed
    _, city = read(nlp, "The firm , based in Boise , Idaho , said sales rose .")
    assert ("Boise", "locatedIn", "Idaho") in city


@pytest.mark.model
def test_the_portfolio_after_secretary_of_is_no_organisation(nlp) -> None:
    extraction, _ = read(nlp, "Former Secretary of State Cyrus Vance spoke on Monday .")
    assert "State" not in {m.text for m in extraction.mentions}


def test_items_of_a_list_of_places_are_in_no_place_of_each_other() -> None:
    # the parse of "sold its unit in Dayton, Ohio, and its division in Clifton Park": the
    # second item hangs on the first as an apposition
    rows = [
        ("Acme", 1, "nsubj", "PROPN", "Acme", "B-ORG"),
        ("sold", 1, "ROOT", "VERB", "sell", "O"),
        ("its", 3, "poss", "PRON", "its", "O"),
        ("unit", 1, "dobj", "NOUN", "unit", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("Dayton", 4, "pobj", "PROPN", "Dayton", "B-GPE"),
        (",", 5, "punct", "PUNCT", ",", "O"),
        ("Ohio", 5, "appos", "PROPN", "Ohio", "B-GPE"),
        (",", 7, "punct", "PUNCT", ",", "O"),
        ("and", 7, "cc", "CCONJ", "and", "O"),
        ("its", 11, "poss", "PRON", "its", "O"),
        ("division", 5, "appos", "NOUN", "division", "O"),
        ("in", 11, "prep", "ADP", "in", "O"),
        ("Clifton", 14, "compound", "PROPN", "Clifton", "B-GPE"),
        ("Park", 12, "pobj", "PROPN", "Park", "I-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    document, doc = parsed(rows)
    relations = extract(document, doc, frames=lexicon()).relations
    located = {(r.subject.text, r.object.text) for r in relations if r.predicate == "locatedIn"}
    assert ("Dayton", "Ohio") in located
    assert not located & {("Dayton", "Clifton Park"), ("Ohio", "Clifton Park")}, located


@pytest.mark.model
def test_names_side_by_side_in_a_headline_state_no_relation(nlp) -> None:
    from kg.ingest.formats import parse_text

    document = parse_text(
        "NEW TRADE WORRY SEEN AMONG U.S, EUROPE, JAPAN\n\n"
        "A new trade worry is emerging among the United States, Europe and Japan, "
        "economists said.\n",
        "headline.txt",
    )
    assert document.sections[0].kind == "headline"
    ((_, extraction),) = list(extract_texts([document], nlp))
    headline = [r for r in extraction.relations if r.evidence.section == "headline"]
    assert not [r for r in headline if r.evidence.rule in {"nominal", "address"}]


def test_a_quoted_sentence_keeps_its_closing_quote() -> None:
    from kg.extract.evidence import trimmed

    text = 'He said: "We won." Then he left. "Next time," she said.\n\n"\n\nLater.'
    said = trimmed(text, 0, 17)  # the splitter left the closing quote to the next sentence
    assert text[slice(*said)] == 'He said: "We won."'
    assert text[slice(*trimmed(text, 17, 32))] == "Then he left."
    assert text[slice(*trimmed(text, 32, 55))] == '"Next time," she said.'


def _facts(nlp, text: str) -> set[tuple[str, str, str, str]]:
    """(subject, predicate, object, rule) of every fact, open ones too; the subject by the
    name it stands for."""
    ((_, extraction),) = list(extract_texts([text], nlp))
    return {(r.subject.refers_to or r.subject.text, r.predicate, r.object.text,
             r.evidence.rule) for r in extraction.relations}


@pytest.mark.model
@pytest.mark.parametrize(("text", "fact"), [
    ("Shares rose on talk of a takeover battle between Harbour Holdings Ltd and Caspian "
     "Investments Inc, brokers said.",
     ("Harbour Holdings Ltd", "takeover battle with", "Caspian Investments Inc")),
    ("The leaders met to settle differences which are mainly between the Liberal Party and "
     "the Labour Party.", ("Liberal Party", "differences with", "Labour Party")),
])  # fmt: skip
def test_what_goes_on_between_two_parties_links_them(nlp, text, fact) -> None:
    assert (*fact, "between") in _facts(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Kessler denied any link between Harbour Holdings Ltd and Caspian Investments Inc.",
    "There was no agreement between Harbour Holdings Ltd and Caspian Investments Inc.",
    "The gap between Harbour Holdings Ltd and Caspian Investments Inc widened.",
])  # fmt: skip
def test_a_denied_relation_or_a_gap_between_two_parties_is_no_fact(nlp, text) -> None:
    assert not [f for f in _facts(nlp, text) if f[3] == "between"]


@pytest.mark.model
@pytest.mark.parametrize(("text", "fact", "modality"), [
    ("Delta Mining Corp would be interested in buying Harbor Steel Corp, a spokesman said.",
     ("Delta Mining Corp", "acquires", "Harbor Steel Corp"), "possibility"),
    ("Delta Mining Corp is eager to buy Harbor Steel Corp, analysts said.",
     ("Delta Mining Corp", "acquires", "Harbor Steel Corp"), "plan"),
    ("Indonesia is unlikely to import copra from the Philippines this year.",
     ("Indonesia", "importsFrom", "Philippines"), "possibility"),
])  # fmt: skip
def test_an_adjectives_complement_is_said_of_the_copulas_subject(nlp, text, fact, modality):
    ((_, extraction),) = list(extract_texts([text], nlp))
    found = {(r.subject.text, r.predicate, r.object.text): r.evidence.modality
             for r in extraction.relations}
    assert found.get(fact) == modality, found


@pytest.mark.model
@pytest.mark.parametrize(("text", "fact"), [
    ("Halden Airways Ltd has placed a firm order with Boeing Co for four aircraft.",
     ("Halden Airways Ltd", "place order with", "Boeing Co")),
    ("Delta Mining Corp signed an agreement with Harbor Steel Corp on Monday.",
     ("Delta Mining Corp", "sign agreement with", "Harbor Steel Corp")),
    ("Delta Mining Corp rejected a bid by Harbor Steel Corp, the company said.",
     ("Delta Mining Corp", "reject bid by", "Harbor Steel Corp")),
    ("Delta Mining Corp filed a lawsuit against Harbor Steel Corp in New York.",
     ("Delta Mining Corp", "file lawsuit against", "Harbor Steel Corp")),
])  # fmt: skip
def test_a_deal_nouns_preposition_names_the_other_party(nlp, text, fact) -> None:
    assert fact in {f[:3] for f in _facts(nlp, text)}


@pytest.mark.model
def test_every_name_of_a_list_in_apposition_is_an_argument(nlp) -> None:
    facts = _facts(nlp, "The Halden Dealers Association said it will cooperate with "
                        "the clearing agencies Nordbank and Kestrel Clearing Corp next year.")
    objects = {f[2] for f in facts if f[1] == "cooperate with"}
    assert {"Nordbank", "Kestrel Clearing Corp"} <= objects, facts


@pytest.mark.model
def test_a_name_modifying_a_region_noun_is_a_place(nlp) -> None:
    ((_, extraction),) = list(extract_texts(
        ["Rain fell throughout the week in the Bahia cocoa zone, traders said."], nlp))
    assert {m.text: m.type for m in extraction.mentions}.get("Bahia") == "Place"
    assert ("Bahia", "produces", "cocoa") in {
        (r.subject.text, r.predicate, r.object.text) for r in extraction.relations}


@pytest.mark.model
def test_its_after_a_subject_described_then_named_is_the_named_subjects(nlp) -> None:
    """ "Mexican state oil firm Petroleos Mexicanos (Pemex) signed ... to finance its X": the
    subject is the noun "firm", the name in apposition to it is what "its" stands for, not
    the nearer lender."""
    text = ("Canadian state mining firm Norcan Resources (Norcan) signed for a loan from the "
            "Halden Bank of Japan to finance its Harbor Steel Corp, an official said.")
    ((_, extraction),) = list(extract_texts([text], nlp))
    owners = {r.subject.refers_to or r.subject.text for r in extraction.relations
              if r.predicate == "owns"}
    assert owners == {"Norcan Resources"}, extraction.relations


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Harbour Holdings Ltd proposed to negotiate a merger between Caspian Investments Inc "
    "and Kestrel Mining Corp.",
    "Analysts discussed a three-way merger between Harbour Holdings Ltd, Caspian "
    "Investments Inc and Kestrel Mining Corp.",
])  # fmt: skip
def test_a_proposed_or_many_party_relation_between_is_no_fact(nlp, text) -> None:
    assert not [f for f in _facts(nlp, text) if f[3] == "between"]


@pytest.mark.model
def test_an_ousted_or_retired_title_holder_is_marked_past(nlp) -> None:
    ((_, extraction),) = list(extract_texts(
        ["Retired Exxon Corp chairman Clifton Garvin said oil prices would rise."], nlp))
    times = {r.evidence.time_text for r in extraction.relations if r.predicate == "leaderOf"}
    assert times == {"Retired"}, extraction.relations
