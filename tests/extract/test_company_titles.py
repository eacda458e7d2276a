"""A company's officer named by a title between the company's name and the person's
(kg.extract.surface, rule ``company-title``), on real parses of sentences written for these
tests: the parser reads "X and Co" as a coordination and loses the title's company. And no
second, vaguer fact between the same two names (pass 3 drops the noun phrase's typed guess
where a title frame reads the pair)."""

from __future__ import annotations

import pytest

from tests.parses import typed_facts

pytestmark = pytest.mark.model


read = typed_facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ('"Bonds are firm," said Laurie Milbank and Co assistant manager Machiko Suzuki.',
         ("Machiko Suzuki", "worksFor", "Laurie Milbank and Co", "company-title")),
        ('"Oil will change," said Thomas McKiernan, McKiernan and Co chairman.',
         ("Thomas McKiernan", "leaderOf", "McKiernan and Co", "company-title")),
        ('"Prices rose," said John Dodd, Salomon Brothers and Co economist.',
         ("John Dodd", "worksFor", "Salomon Brothers and Co", "company-title")),
    ],
)  # fmt: skip
def test_a_title_between_a_company_and_a_person(nlp, text, fact) -> None:
    # the fact, read by this rule or by the parse's own apposition
    facts = read(nlp, text)
    assert fact in facts or fact[:3] in {f[:3] for f in facts if f[3] == "nominal"}


@pytest.mark.parametrize(
    ("text", "person", "company"),
    [
        # a past title: no office held now
        ("Former Laurie Milbank and Co manager Machiko Suzuki said bonds rose.",
         "Machiko Suzuki", "Laurie Milbank and Co"),
        ("He was named to succeed ex-Morgan and Co chief Lewis Preston.",
         "Lewis Preston", "Morgan and Co"),
        # a name that ends a longer one: the title is the committee's, not the company's
        ("Energy and Commerce committee chairman John Dingell said the rules were weak.",
         "John Dingell", "Commerce"),
    ],
)  # fmt: skip
def test_no_title_fact_where_the_words_say_otherwise(nlp, text, person, company) -> None:
    assert not {f for f in read(nlp, text) if f[0] == person and f[2] == company}


def test_a_word_that_is_no_role_at_a_company_is_no_title(nlp) -> None:
    facts = read(nlp, '"Bonds rose," said Laurie Milbank and Co client Machiko Suzuki.')
    assert not {f for f in facts if f[3] == "company-title"}


def test_a_vice_president_works_for_the_company_and_does_not_lead_it(nlp) -> None:
    facts = read(nlp, '"So it goes," said Laurie Milbank and Co senior vice president Paul Gray.')
    assert ("Paul Gray", "worksFor", "Laurie Milbank and Co", "company-title") in facts
    assert not {f for f in facts if f[1] == "leaderOf"}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("The group reported gains, Unilever Plc chairman Michael Angus said.",
         ("Michael Angus", "leaderOf", "Unilever Plc")),
        ("Sumner Redstone, president of National Amusements Inc, predicted he can win.",
         ("Sumner Redstone", "leaderOf", "National Amusements Inc")),
    ],
)  # fmt: skip
def test_a_title_frame_leaves_no_second_guess_between_the_same_two(nlp, text, fact) -> None:
    # two names in one noun phrase state only "works for"; the title says more exactly
    facts = {f[:3] for f in read(nlp, text)}
    assert fact in facts
    assert (fact[0], "worksFor", fact[2]) not in facts


def test_two_names_in_one_noun_phrase_still_state_their_typed_relation(nlp) -> None:
    assert ("Susan Cruzan", "worksFor", "FDA", "apposition") in read(
        nlp, "Susan Cruzan, an FDA spokeswoman, said so.")
    assert ("Boeing Co", "basedIn", "Seattle", "nominal") in read(
        nlp, "The Seattle company Boeing Co said orders rose.")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Hargreave Mills Corp Chairman Walter Pinder said sales rose.",
         ("Walter Pinder", "leaderOf", "Hargreave Mills Corp", "company-title")),
        ("Senate Finance Committee Chairman Lloyd Bentsen said the bill was dead.",
         ("Lloyd Bentsen", "leaderOf", "Senate Finance Committee", "company-title")),
    ],
)  # fmt: skip
def test_a_capitalised_title_of_the_lexicon_between_the_two_names(nlp, text, fact) -> None:
    assert fact in read(nlp, text)


def test_a_capitalised_role_without_a_frame_of_the_lexicon_states_nothing(nlp) -> None:
    # lower case, a role at a company works for it; capitalised, only the lexicon's titles
    # are read (a capitalised word may be the end of the company's name)
    lower = read(nlp, "Hargreave Mills Corp trader Walter Pinder said prices rose.")
    assert ("Walter Pinder", "worksFor", "Hargreave Mills Corp") in {f[:3] for f in lower}
    title = read(nlp, "Hargreave Mills Corp Trader Walter Pinder said prices rose.")
    assert not {f for f in title if f[3] == "company-title"}


def test_a_capitalised_portfolio_title_is_an_office_not_a_company_title(nlp) -> None:
    facts = read(nlp, "Senegal's Finance Minister Moussa Toure said the budget was balanced.")
    assert not {f for f in facts if f[3] == "company-title"}
