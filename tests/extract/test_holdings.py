"""Ownership and bases of companies (kg.extract.holdings, the stake frames of
kg.extract.frames), on real parses of sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract_texts
from tests.parses import typed_facts

pytestmark = pytest.mark.model


read = typed_facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Ford Motor Co has a stake in Mazda Motor Corp.",
         ("Ford Motor Co", "ownsStakeIn", "Mazda Motor Corp.", "stake")),
        ("Volvo AB holds a 20 pct stake in Saab-Scania AB.",
         ("Volvo AB", "ownsStakeIn", "Saab-Scania AB", "stake")),
        ("General Motors Corp acquired a 10 pct stake in Isuzu Motors Ltd.",
         ("General Motors Corp", "acquiresStakeIn", "Isuzu Motors Ltd.", "stake")),
        ("Carl Icahn raised his stake in Texaco Inc to 12 pct.",
         ("Carl Icahn", "acquiresStakeIn", "Texaco Inc", "stake")),
    ],
)  # fmt: skip
def test_a_stake_noun_carries_the_verb_to_the_company(nlp, text, fact) -> None:
    assert fact in read(nlp, text)


def test_a_sold_stake_and_a_stake_company_is_no_place(nlp) -> None:
    ((_, extraction),) = list(extract_texts(["Volvo AB sold its 15 pct stake in Saab-Scania AB."],
                                            nlp))  # fmt: skip
    types = {m.text: m.type for m in extraction.mentions}
    assert types["Saab-Scania AB"] == "Organization"  # "in" after a stake is no place
    facts = {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}
    assert ("Volvo AB", "sellsStakeIn", "Saab-Scania AB") in facts


def test_other_objects_of_the_verb_are_no_stake(nlp) -> None:
    facts = read(nlp, "Jane Smith bought a house in Paris.")
    assert not [f for f in facts if "Stake" in f[1]]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Shearson Lehman Brothers Inc, a subsidiary of American Express Co, reported higher "
         "profits.",
         ("Shearson Lehman Brothers Inc", "unitOf", "American Express Co", "unit")),
        ("General Motors Corp's Hughes Aircraft unit won a contract.",
         ("Hughes Aircraft", "unitOf", "General Motors Corp", "unit")),
        ("Citicorp, the parent of Citibank, said it lost money.",
         ("Citibank", "unitOf", "Citicorp", "unit")),
        ("Tenneco Inc unit Case Corp said it will close two plants.",
         ("Case Corp", "unitOf", "Tenneco Inc", "unit")),
        ("Case Corp, a Tenneco Inc unit, said it will close two plants.",
         ("Case Corp", "unitOf", "Tenneco Inc", "unit")),
        ("Tenneco Inc's farm equipment arm, Case Corp, said it will close two plants.",
         ("Case Corp", "unitOf", "Tenneco Inc", "unit")),
        ("Case Corp's parent, Tenneco Inc, said it will close two plants.",
         ("Case Corp", "unitOf", "Tenneco Inc", "unit")),
        ("Chrysler Corp is a unit of Daimler-Benz AG.",
         ("Chrysler Corp", "unitOf", "Daimler-Benz AG", "copula")),
        ("Bryson Oil and Gas Plc, a Belfast-based company, said it bought shares.",
         ("Bryson Oil and Gas Plc", "basedIn", "Belfast", "based-apposition")),
    ],
)  # fmt: skip
def test_unit_nouns_and_based_appositions(nlp, text, fact) -> None:
    assert fact in read(nlp, text)


def test_a_unit_noun_needs_two_companies(nlp) -> None:
    facts = read(nlp, "Jane Smith, a unit of measurement, spoke in Paris.")
    assert not [f for f in facts if f[1] == "unitOf"]
    facts = read(nlp, "Jane Smith, a London-based lawyer, spoke.")
    assert not [f for f in facts if f[1] == "basedIn"]  # a person is not based (lives in)


def test_a_possessor_owns_its_stake(nlp) -> None:
    facts = read(nlp, "Volvo AB's stake in Saab-Scania AB rose to 25 pct.")
    assert ("Volvo AB", "ownsStakeIn", "Saab-Scania AB", "stake-possessive") in facts


# -- the title of a speaker in a sentence about one organisation (kg.extract.speakers) --------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Qantas Airways Ltd has placed a firm order with Boeing Co for four aircraft, "
         "chairman Jim Leslie said.",
         ("Jim Leslie", "leaderOf", "Qantas Airways Ltd", "title-speaker")),
        ("Coleco Industries Inc will cut jobs, vice president Morton Handel said on Monday.",
         ("Morton Handel", "worksFor", "Coleco Industries Inc", "title-speaker")),
        ("Boeing Co said chairman Frank Shrontz would retire.",
         ("Frank Shrontz", "leaderOf", "Boeing Co", "title-speaker")),
    ],
)  # fmt: skip
def test_a_bare_title_before_a_speaker_is_held_at_the_one_organisation(nlp, text, fact) -> None:
    assert fact in read(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Boeing Co will merge with Airbus, analyst Jim Smith said.",  # an outsider's role
        "Boeing Co and Airbus will merge, chairman Jim Smith said.",  # two organisations
    ],
)
def test_no_title_at_a_company_for_outsiders_or_two_companies(nlp, text) -> None:
    assert not [f for f in read(nlp, text) if f[3] == "title-speaker"]


STORY = """HARGREAVE MILLS PROFITS RISE

Hargreave Mills Corp said its first quarter profits rose 20 pct on higher sales of cloth.

The company expects sales to keep growing this year. At a meeting with analysts in Leeds, \
vice president Walter Pinder said margins improved. {last}"""


def test_a_bare_title_in_a_story_about_one_company_is_held_there(nlp) -> None:
    facts = read(nlp, STORY.format(last="Analyst Jane Moss said the shares were cheap."))
    assert ("Walter Pinder", "worksFor", "Hargreave Mills Corp", "implicit-title") in facts
    assert not [f for f in facts if f[0] == "Jane Moss"]  # an outsider's role


@pytest.mark.parametrize(
    "text",
    [
        # two organisations lead the story
        STORY.replace("Hargreave Mills Corp said", "Hargreave Mills Corp and Delta Mining Corp "
                      "said").format(last=""),
        # the sentence names another organisation: the title may be its
        STORY.replace("analysts in Leeds", "Citibank in Leeds").format(last=""),
    ],
)  # fmt: skip
def test_no_implicit_title_where_the_story_or_the_sentence_names_another(nlp, text) -> None:
    assert not [f for f in read(nlp, text) if f[3] == "implicit-title"]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Itel Corp said it needs funds for its December acquisition of Anixter Bros Inc.",
         ("Itel Corp", "acquires", "Anixter Bros Inc.", "acquisition")),
        ("Unilever Plc's purchase of Chesebrough-Pond's Inc helped profits.",
         ("Unilever Plc", "acquires", "Chesebrough-Pond's Inc", "acquisition")),
        ("The acquisition of Chesebrough-Pond's Inc by Unilever Plc helped profits.",
         ("Unilever Plc", "acquires", "Chesebrough-Pond's Inc", "acquisition")),
        ("BankEast Corp said it has completed the acquisition of United Banks Corp.",
         ("BankEast Corp", "acquires", "United Banks Corp.", "acquisition")),
    ],
)  # fmt: skip
def test_an_acquisition_noun_names_the_buyer_and_the_company_bought(nlp, text, fact) -> None:
    assert fact in read(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Unilever Plc's proposed purchase of Chesebrough-Pond's Inc lifted the shares.",
        "The FTC blocked General Electric Co's acquisition of RCA Corp.",
        "Analysts discussed the acquisition of United Banks Corp by BankEast Corp.",
        "TWA said its offer was better than an acquisition of Piedmont Aviation Inc.",
    ],
)
def test_no_acquisition_for_a_plan_a_stopped_deal_or_no_buyer(nlp, text) -> None:
    assert not {f for f in read(nlp, text) if f[1] == "acquires"}


def test_paying_an_amount_for_a_company_acquires_it(nlp) -> None:
    facts = read(nlp, "Delta Mining Corp paid 410 mln dlrs for Harbor Steel Corp last year.")
    assert ("Delta Mining Corp", "acquires", "Harbor Steel Corp") in {f[:3] for f in facts}


def test_a_deal_in_shares_is_no_trade_in_goods(nlp) -> None:
    facts = read(nlp, "Delta Mining Corp bought 10 mln shares from Harbor Steel Corp.")
    assert not [f for f in facts if f[1] in {"importsFrom", "suppliesTo", "exportsTo"}]
    goods = read(nlp, "Egypt bought 200,000 tonnes of wheat from Canada.")
    assert ("Egypt", "importsFrom", "Canada") in {f[:3] for f in goods}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Delta Mining Corp said it would sell all or part of its Harbor Steel Corp soon.",
         ("Delta Mining Corp", "owns", "Harbor Steel Corp")),
        ("Analysts valued Delta Mining Corp's Harbor Steel Corp at 90 mln dlrs.",
         ("Delta Mining Corp", "owns", "Harbor Steel Corp")),
        ("Delta Mining Corp said its stake in Harbor Steel Corp rose to 25 pct.",
         ("Delta Mining Corp", "ownsStakeIn", "Harbor Steel Corp")),
    ],
)  # fmt: skip
def test_a_companys_company_is_owned_by_it(nlp, text, fact) -> None:
    assert fact in {f[:3] for f in read(nlp, text)}


@pytest.mark.parametrize("text", [
    "Britain's Rolls-Royce Ltd said profits rose.",
    "Prime Minister Bettino Craxi's Socialist Party left the coalition.",
])  # fmt: skip
def test_a_countrys_or_a_persons_company_is_not_owned_by_it(nlp, text) -> None:
    assert not [f for f in read(nlp, text) if f[1] == "owns"]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Delta Mining Corp said it bought about 20 pct of Harbor Steel Corp from Jim Lake.",
         ("Delta Mining Corp", "acquiresStakeIn", "Harbor Steel Corp", "stake")),
        ("Delta Mining Corp sold part of Harbor Steel Corp last year.",
         ("Delta Mining Corp", "sellsStakeIn", "Harbor Steel Corp", "stake")),
    ],
)  # fmt: skip
def test_a_part_of_a_company_is_a_stake_in_it(nlp, text, fact) -> None:
    facts = read(nlp, text)
    assert fact in facts
    assert not [f for f in facts if f[1] in {"importsFrom", "suppliesTo", "exportsTo"}]


def test_the_means_of_a_hypothetical_is_hypothetical(nlp) -> None:
    """ "if X reduced its debt by selling part of Y": the sale is as hypothetical as the
    reduction (the means of a verb shares its modality)."""
    text = ("Analysts said if Delta Mining Corp reduced its debt by selling part of Harbor "
            "Steel Corp, its shares would rise.")
    ((_, extraction),) = list(extract_texts([text], nlp))
    sales = [r for r in extraction.relations if r.predicate == "sellsStakeIn"]
    assert sales, extraction.relations
    assert {r.evidence.modality for r in sales} == {"possibility"}


@pytest.mark.parametrize("text", [
    "Delta Mining Corp said its Board of Directors approved the plan.",
    "The EC's Brussels Commission proposed cuts.",
])  # fmt: skip
def test_an_organisations_own_body_is_not_a_company_it_owns(nlp, text) -> None:
    assert not [f for f in read(nlp, text) if f[1] == "owns"]


def test_a_loan_provided_is_no_supply_of_goods(nlp) -> None:
    facts = read(nlp, "The Treasury said it was willing to help in providing a loan to Peru.")
    assert not [f for f in facts if f[1] in {"suppliesTo", "exportsTo"}]


def test_a_stake_in_a_relative_clause_is_in_the_antecedent(nlp) -> None:
    facts = read(nlp, "Delta Mining Corp, in which Harbor Steel Corp holds a 40 pct stake, "
                      "said profits rose.")
    assert ("Harbor Steel Corp", "ownsStakeIn", "Delta Mining Corp", "stake") in facts
