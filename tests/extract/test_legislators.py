"""US legislators' party and state (kg.extract.legislators), on real parses of sentences
written for these tests in the wire's style, and the two properties in the ontology and the
shapes."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.extract import extract_texts
from kg.ontology import KG, predicate_labels, signatures
from kg.rdf import graph as kgraph
from kg.resolve import resolve
from tests.parses import typed_facts

pytestmark = pytest.mark.model

RULES = {"party-tag", "party-apposition", "party-title"}


def read(nlp, text: str) -> set[tuple[str, str, str, str]]:
    """(person, property, party or state, rule) of the legislators' facts of one text."""
    return {f for f in typed_facts(nlp, text)
            if f[3] in RULES or f[1] in {"memberOf", "represents"}}  # fmt: skip


def both(person: str, party: str, state: str, rule: str) -> set[tuple[str, str, str, str]]:
    return {(person, "memberOf", party, rule), (person, "represents", state, rule)}


DEM, REP = "Democratic Party", "Republican Party"


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Sen. Edward Kennedy (D-Mass.) said the bill would pass.",
         both("Edward Kennedy", DEM, "Massachusetts", "party-tag")),
        ("Rep. Dan Rostenkowski, D-Ill., predicted a trade bill this year.",
         both("Dan Rostenkowski", DEM, "Illinois", "party-tag")),
        ("Sen. Bob Dole, R-Kan., said the Senate would vote.",
         both("Bob Dole", REP, "Kansas", "party-tag")),
        ("Rep. Edward Markey, D-Mass, the chairman of the panel, spoke at the hearing.",
         both("Edward Markey", DEM, "Massachusetts", "party-tag")),
        ("Sen. Jay Rockefeller (D-W.Va.) and Rep. Tom Downey (D-NY) agreed.",
         both("Jay Rockefeller", DEM, "West Virginia", "party-tag")
         | both("Tom Downey", DEM, "New York", "party-tag")),
        ("The bill was backed by Sen. Lloyd Bentsen (D-Tex.) and Sen. John Danforth (R-Mo.).",
         both("Lloyd Bentsen", DEM, "Texas", "party-tag")
         | both("John Danforth", REP, "Missouri", "party-tag")),
    ],
)  # fmt: skip
def test_a_party_tag_after_the_name(nlp, text, facts) -> None:
    assert read(nlp, text) == facts


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Senator David Boren, an Oklahoma Democrat, said the tax would hurt farmers.",
         both("David Boren", DEM, "Oklahoma", "party-apposition")),
        ("Sen. Steven Symms, a conservative Republican from Idaho, introduced the bill.",
         both("Steven Symms", REP, "Idaho", "party-apposition")),
        ("Rep. John Dingell, the Michigan Democrat who chairs the panel, said so.",
         both("John Dingell", DEM, "Michigan", "party-apposition")),
        ("Jim Wright, a Texas Democrat, is speaker of the House.",
         both("Jim Wright", DEM, "Texas", "party-apposition")),
        ("Rep. Mathew Rinaldo, the senior subcommittee Republican, introduced a bill.",
         {("Mathew Rinaldo", "memberOf", REP, "party-apposition")}),
    ],
)  # fmt: skip
def test_a_party_noun_in_apposition(nlp, text, facts) -> None:
    assert read(nlp, text) == facts


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Democratic senator Paul Sarbanes of Maryland told reporters the plan was dead.",
         both("Paul Sarbanes", DEM, "Maryland", "party-title")),
        ("Republican Bob Dole of Kansas said the Senate would vote.",
         both("Bob Dole", REP, "Kansas", "party-title")),
        ("Texas Democrat Jim Wright said the House would act.",
         both("Jim Wright", DEM, "Texas", "party-title")),
        ("Sen. Bob Dole of Kansas said the Senate would vote.",
         {("Bob Dole", "represents", "Kansas", "party-title")}),
    ],
)  # fmt: skip
def test_a_party_or_a_state_before_the_name(nlp, text, facts) -> None:
    assert read(nlp, text) == facts


def test_the_evidence_grounds_the_party_and_the_state_in_the_sentence(nlp) -> None:
    text = "The bill, said Sen Edward Kennedy (D-Mass), would pass."
    ((document, extraction),) = list(extract_texts([text], nlp))
    facts = [r for r in extraction.relations if r.evidence.rule == "party-tag"]
    assert {(r.predicate, r.object.text, r.object.start, r.object.type) for r in facts} == {
        ("memberOf", "D", text.index("D-"), "Organization"),
        ("represents", "Mass", text.index("Mass"), "Place"),
    }
    for r in facts:
        assert r.subject.text == "Sen Edward Kennedy" and r.subject.refers_to == "Edward Kennedy"
        assert text[r.object.start : r.object.end] == r.object.text
        assert r.evidence.sentence == text and r.evidence.polarity == "positive"
    entities = {e.name: e for e in resolve(document, extraction).entities}
    assert entities["Democratic Party"].type == "Organization"
    assert "D" in entities["Democratic Party"].aliases
    assert entities["Massachusetts"].type == "Place"
    assert "Edward Kennedy" in entities and "Sen Edward Kennedy" not in entities


def test_no_other_noun_phrase_relation_to_the_party_or_the_state(nlp) -> None:
    ((_, extraction),) = list(extract_texts(
        ["In a speech to the National Press Club, Rostenkowski, D-Ill., predicted a bill."], nlp
    ))  # fmt: skip
    facts = {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}
    assert ("Rostenkowski", "livesIn", "Ill.") not in facts  # his constituency, not his home
    assert ("Rostenkowski", "worksFor", "D") not in facts  # a member, not an employee
    assert not [f for f in facts if f[2] == "Ill." and f[1] == "basedIn"]


@pytest.mark.parametrize(
    "text",
    [
        "The D-Day landings were remembered by John Smith yesterday.",
        "John Smith said the film was R-rated, and parents objected.",
        "Pepco Holdings Inc (D.C.) said profits rose.",
        "Jim Smith (D-Day) said the film was long.",
        "Helmut Kohl, a Christian Democrat, said the coalition would hold.",
        "Christian Democrat leader Helmut Kohl of Bavaria spoke in Bonn.",
        "Social Democratic leader Hans-Jochen Vogel criticised the plan.",
        "Irish Republican leader Gerry Adams said talks would resume.",
        "John Brown, a Republican, said taxes were too high.",  # nothing says American
        "Republican David Karnes said the bill was unfair.",
        "Jim Smith, a Democrat from Houston, said the plan failed.",
        "John Smith of Texas Instruments said chip sales rose.",
    ],
)
def test_no_party_nor_state_where_the_text_names_none(nlp, text) -> None:
    assert not [f for f in read(nlp, text) if f[3] in RULES]


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Republican Governor Kay Orr of Nebraska signed the bill.",
         {("Kay Orr", "memberOf", REP, "party-title")}),
        ("Gov. Michael Dukakis (D-Mass.) signed the bill.",
         {("Michael Dukakis", "memberOf", DEM, "party-tag")}),
        ("They want answers, added Ohio Democratic leader James Ruvulo.",
         {("James Ruvulo", "memberOf", DEM, "party-title")}),
        ("Sen. James Jeffords (I-Vt.) voted against the bill.",
         {("James Jeffords", "represents", "Vermont", "party-tag")}),
    ],
)  # fmt: skip
def test_a_governor_or_a_party_official_represents_no_state_nor_an_independent_a_party(
    nlp, text, facts
) -> None:
    assert read(nlp, text) == facts


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Reagan read the report of the commission headed by former Texas Sen. John Tower.",
         "John Tower"),
        ("The delegates heard former Iowa Congressman Berkley Bedell debate the plan.",
         "Berkley Bedell"),
    ],
)  # fmt: skip
def test_a_former_legislator_represents_no_state_now(nlp, text, person) -> None:
    assert not {f for f in read(nlp, text) if f[0] == person and f[1] == "represents"}
    assert ("John Tower", "represents", "Texas", "party-title") in read(
        nlp, "Sen. John Tower of Texas spoke.")


def test_the_two_properties_and_their_shapes() -> None:
    assert signatures()["memberOf"] == ("Person", "Organization", "relatedTo")
    assert signatures()["represents"] == ("Person", "Place", "relatedTo")
    # NewsKG's cues for these facts are "member" and "represent": the labels carry them
    assert predicate_labels()["memberOf"] == "member of"
    assert predicate_labels()["represents"] == "represents"
    from kg.ontology import lexicon

    assert lexicon()["{s} is member of {o}"] == "memberOf"  # no longer worksFor


def test_the_shapes_accept_the_facts_and_refuse_a_party_that_is_no_organisation(nlp) -> None:
    ((document, extraction),) = list(extract_texts(
        ["Sen. Edward Kennedy (D-Mass.) said the bill would pass."], nlp
    ))  # fmt: skip
    graph = kgraph.new_graph()
    kgraph.add_result(graph, resolve(document, extraction))
    ok, report = kgraph.validate(graph)
    assert ok, report
    (party,) = graph.objects(None, KG.memberOf)
    assert graph.value(party, RDFS.label) == Literal("Democratic Party")
    graph.remove((party, RDF.type, KG.Organization))
    graph.add((party, RDF.type, KG.Person))
    ok, report = kgraph.validate(graph)
    assert not ok and "A person is a member of an organisation" in report
    assert isinstance(party, URIRef)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Senate Democratic leader Thomas Harkin said the vote would be close.",
        "Senate Minority Leader Thomas Harkin said the vote would be close.",
    ],
)
def test_a_groups_leader_in_a_chamber_is_a_member_of_it_and_leads_neither(nlp, text) -> None:
    facts = {f[:3] for f in typed_facts(nlp, text)}
    assert ("Thomas Harkin", "memberOf", "Senate") in facts
    assert not [f for f in facts if f[1] == "leaderOf"]


@pytest.mark.model
def test_a_person_of_a_party_is_its_member_not_its_employee(nlp) -> None:
    facts = {f[:3] for f in typed_facts(nlp, "Jane Roe of the Green Party spoke in Bonn.")}
    assert ("Jane Roe", "memberOf", "Green Party") in facts
    assert ("Jane Roe", "worksFor", "Green Party") not in facts
