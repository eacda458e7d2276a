"""Entity mentions of the extraction stage: names from NER (with type corrections), quoted
infrastructure names, commodity noun phrases. Pass 1 (:mod:`kg.extract.passes.p1_mentions`)
calls these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicons
from kg.extract import retype
from kg.extract.boundaries import bounded, named_group, with_hyphenated_start
from kg.extract.deps import MODIFIERS, POBJ
from kg.extract.metonymy import state_of_capital
from kg.extract.reader import Reader
from kg.extract.syntax import concept_span, is_stake
from kg.lexicons.names import (
    LOCATIVE_PREPOSITIONS,
    MEDIA_WORDS,
    ORGANISATION_WORDS,
    PARTY_MEMBERS,
    TITLES_JOINED_TO_NAMES,
)
from kg.lexicons.qualifiers import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


#: NER labels that name entities, with the ontology class each becomes.
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",  # Country when the country table knows the name
    "LOC": "Place",
    "FAC": "Infrastructure",
    "PRODUCT": "Product",
    "EVENT": "Event",
    "NORP": "Group",  # Country (as a demonym) when it modifies a noun
}


def add_entity(reader: Reader, ent: Span) -> None:
    type_ = NER_TYPES.get(ent.label_)
    if type_ is None:
        return
    span = bounded(ent)
    if span is None:
        return
    if not any(c.isalpha() for c in span.text):  # letters: "U.S." and "Fla." are names
        return
    if _party_word(span[-1]):  # "Social Democrats", "Liberals": the party
        party = _party(span)
        reader.add(reader.mention(party, "Organization"), range(party.start, party.end))
        return
    if span.end < len(span.doc) and _party_word(span.doc[span.end]) and _party_modifier(span):
        return  # "Christian" of "Christian Democrats": part of the party's name
    if ent.label_ == "NORP":
        country = lexicons.country_of_demonym(span.text)
        # A demonym modifying a noun ("Russian energy", "Chinese imports") denotes the country.
        if country and span.root.dep_ in MODIFIERS and span.root.head.pos_ in {"NOUN", "PROPN"}:
            reader.add(
                reader.mention(span, "Country", refers_to=country, named=False),
                range(span.start, span.end),
            )
        elif span.root.pos_ in {"NOUN", "PROPN"}:  # "Democrats", "Muslims": a group
            reader.add(reader.mention(span, "Group"), range(span.start, span.end))
        return
    if ent.label_ == "ORG" and (
        _country_prefix(reader, span) or _country_after(reader, span)
        or _person_after(reader, span)
    ):
        return
    if (group := named_group(span, ent.label_)) is not None:  # "the Wallenberg group"
        reader.add(reader.mention(group, "Organization"), range(group.start, group.end))
        return
    if ent.label_ in {"EVENT", "PRODUCT", "FAC"} and retype.names_a_paper(span):
        type_ = "Organization"  # "the Business Day newspaper"
    if ent.label_ in {"GPE", "ORG", "PERSON", "LOC"} and lexicons.is_country(span.text):
        type_ = "Country"  # the country table outranks the tagger ("Armenia" as ORG)
    elif ent.label_ == "GPE" and (state := state_of_capital(span)) is not None:
        # A capital standing for its state ("Beijing has refused"); see kg.extract.metonymy.
        reader.add(
            reader.mention(span, "Country", refers_to=state, named=False),
            range(span.start, span.end),
        )
        return
    elif ent.label_ in {"GPE", "ORG", "PERSON", "LOC"} and not _organisation_word(span):
        type_ = retype.context_type(span, type_)  # "Cheek, 53," is a person (kg.extract.retype)
        if type_ == "Organization" and _locative(span):
            type_ = "Place"  # "in Anzio": a name after a locative preposition
    if type_ == "Person":
        titled, named = _with_title(span), _without_title(span)
        if titled is not span or named is not span:
            # "Mrs. Higgins", "President John F. Kennedy": the title is part of how the text
            # names the person; the name itself is what the mention stands for (also where
            # the tagger took the title into the name: "Sen Edward Kennedy").
            name = reader.document.text[named.start_char : named.end_char]
            mention = reader.mention(titled, type_, refers_to=name)
            reader.add(mention, range(titled.start, titled.end))
            return
    reader.add(reader.mention(span, type_), range(span.start, span.end))


def _party_word(token: Token) -> bool:
    """A party's members in the plural, capitalised ("Democrats", "Tories")."""
    return token.lower_ in PARTY_MEMBERS and token.text[:1].isupper()


def _party_modifier(span: Span) -> bool:
    """Capitalised words that qualify the party word after them ("Christian", "Free"), not a
    country's demonym ("Italian Socialists" are Italy's)."""
    head = span.doc[span.end]
    return all(
        t.text[:1].isupper() and t.dep_ in {"compound", "amod"} and t.head.i in
        range(span.start, head.i + 1) and not lexicons.country_of_demonym(t.text)
        for t in span
    )


def _party(span: Span) -> Span:
    """A party's name widened over the capitalised words that qualify its party word (the
    tagger may leave "Christian" out of "Christian Democrats")."""
    start = span.start
    while start > 0 and _party_modifier(span.doc[start - 1 : start]) and (
        span.doc[start - 1].head.i in range(start, span.end)
    ):
        start -= 1
    return span if start == span.start else span.doc[start : span.end]


def _with_title(span: Span) -> Span:
    """The span widened over capitalised titles right before it, or the span itself."""
    start = span.start
    while start > 0 and start > span.start - 2:
        word = span.doc[start - 1]
        if word.lower_ not in TITLES_JOINED_TO_NAMES or not word.text[:1].isupper():
            break
        start -= 1
    return span if start == span.start else span.doc[start : span.end]


def _without_title(span: Span) -> Span:
    """The span without the capitalised titles it opens with ("Sen Edward Kennedy"), or the
    span itself (a title alone stays: it is all the name there is)."""
    start = span.start
    while start < span.end - 1:
        word = span.doc[start]
        if word.lower_ not in TITLES_JOINED_TO_NAMES or not word.text[:1].isupper():
            break
        start += 1
    return span if start == span.start else span.doc[start : span.end]


def _locative(span: Span) -> bool:
    """A name that is the object of a locative preposition ("a stake in X" is no place)."""
    root = span.root
    prep = root.head
    return root.dep_ == POBJ and prep.lower_ in LOCATIVE_PREPOSITIONS and not is_stake(prep.head)


def _country_prefix(reader: Reader, span: Span) -> bool:
    """ "U.S. Congress", "U.S. 6th Fleet": a country's name before an organisation's head word
    is the country it belongs to, a name of its own. Adds both mentions; False if no prefix.
    A company's registered name ("Tanzania Breweries Ltd", "Tanzania Railway Corporation")
    or a broadcaster's ("Vatican Radio", "Surinam News Agency") stays whole."""
    if lexicons.is_company_form(span[-1].text) or any(t.lower_ in MEDIA_WORDS for t in span):
        return False
    for k in (1, 2):
        if len(span) <= k or span[-1].lower_ not in ORGANISATION_WORDS:
            continue
        if lexicons.is_country(span[:k].text):
            country, organisation = span[:k], span[k:]
            reader.add(reader.mention(country, "Country"), range(country.start, country.end))
            reader.add(
                reader.mention(organisation, "Organization"),
                range(organisation.start, organisation.end),
            )
            return True
    return False


def _country_after(reader: Reader, span: Span) -> bool:
    """ "Hanabusa Corp of Japan": a company's name with its company form, then "of" and a
    country, is the company and where it is from (two mentions, as "U.S. Congress" is).
    Adds both; False if the span is no such name."""
    for k in (1, 2, 3):
        if len(span) < k + 3 or span[-k - 1].lower_ != "of":
            continue
        if lexicons.is_company_form(span[-k - 2].text) and lexicons.is_country(span[-k:].text):
            company, country = span[: -k - 1], span[-k:]
            reader.add(reader.mention(company, "Organization"), range(company.start, company.end))
            reader.add(reader.mention(country, "Country"), range(country.start, country.end))
            return True
    return False


NOT_BEFORE_PERSON = frozenset({"of", "and", "&", "-"})


def _person_after(reader: Reader, span: Span) -> bool:
    """ "Governor of the Bank of England Robin Leigh-Pemberton": an organisation's name the
    tagger ran on into a person's, which begins with a common given name and runs to the end
    of the span. Adds both mentions; False if the span is one name."""
    for i in range(2, len(span) - 1):
        words = span[i:]
        # "Jean-Claude Paye": a given name after a hyphen is the name's own
        if not lexicons.is_given_name(span[i].text) or span[i - 1].lower_ in NOT_BEFORE_PERSON:
            continue
        if all(t.text[:1].isupper() or t.text == "-" for t in words) and len(words) <= 4:
            organisation, person = span[:i], span[i:]
            reader.add(
                reader.mention(organisation, "Organization"),
                range(organisation.start, organisation.end),
            )
            reader.add(reader.mention(person, "Person"), range(person.start, person.end))
            return True
    return False


def _organisation_word(span: Span) -> bool:
    """Whether an organisation head word is part of the name ("Drexel Burnham Lambert Inc.")."""
    return any(t.lower_ in ORGANISATION_WORDS for t in span)


def add_company_names(reader: Reader) -> None:
    """A name ending in a company form is an organisation's also where the tagger missed it
    ("PITTSBURGH, May 4 - Keystone Steel Corp said"): the capitalised proper nouns before the
    form (at most four, none in another mention, a place, a month or a day) and the form
    itself; none where "of" or "and" comes before them (the end of a longer name)."""
    tokens, by_token = reader.tokens, reader.by_token
    for i, token in enumerate(tokens):
        if i in by_token or not _company_form(token) or (i and _company_form(tokens[i - 1])):
            continue
        start = i
        while start > 0 and i - start < 4:
            word = tokens[start - 1]
            if word.i in by_token or word.pos_ != "PROPN" or not word.text[:1].isupper():
                break
            if word.lower_ in MONTHS or word.lower_ in WEEKDAYS or word.ent_type_ in PLACES:
                break  # the tagger may take "May 4 - Keystone Steel Corp" for a date
            if not word.text.replace(".", "").isalpha():
                break
            start -= 1
        end = i + 1
        while end < len(tokens) and _company_form(tokens[end]) and end not in by_token:
            end += 1  # "Co Ltd"
        if start < i and (start == 0 or tokens[start - 1].lower_ not in {"of", "and", "&"}):
            # not the end of "Range Rover of North America Inc"; "Phone-A-Gram System Inc"
            span = with_hyphenated_start(reader.doc[start:end])
            if any(t in by_token for t in range(span.start, start)):
                span = reader.doc[start:end]
            reader.add(reader.mention(span, "Organization"), range(span.start, end))


PLACES = frozenset({"GPE", "LOC"})


def _company_form(token: Token) -> bool:
    return token.text[:1].isupper() and lexicons.is_company_form(token.text)


def add_surnames(reader: Reader) -> None:
    """A person named in full is later named by the surname alone ("Leon Czolgosz ... The
    Ballad of Czolgosz"): that word is the person also where the tagger missed it or gave it
    another class."""
    surnames = {
        m.text.split()[-1]
        for m in reader.mentions
        if m.type == "Person" and m.named and len(m.text.split()) > 1 and not m.refers_to
    }
    surnames = {s for s in surnames if s[:1].isupper() and s.isalpha()}
    if not surnames:
        return
    for token in reader.tokens:
        if token.text not in surnames or token.pos_ != "PROPN":
            continue
        known = reader.by_token.get(token.i)
        if known is not None and (known.type == "Person" or known.text != token.text):
            continue
        if known is not None:  # "Warner" as ORG after "Jack Warner"
            reader.mentions.remove(known)
        span = token.doc[token.i : token.i + 1]
        mention = reader.mention(span, "Person")
        reader.by_token[token.i] = mention
        reader.mentions.append(mention)


def add_addresses(reader: Reader) -> None:
    """The news address "Chisholm, Minn." / "BANGKOK, Thailand": a US state or a country
    after a comma, and the name before it, are places even where the tagger missed them
    (the states are a closed list, :mod:`kg.extract.retype`)."""
    doc, tokens = reader.doc, reader.tokens
    for i in range(1, len(doc) - 1):
        if tokens[i].text != "," or not tokens[i + 1].text[:1].isupper():
            continue
        end = i + 2
        while end < min(len(doc), i + 3) and doc[end].pos_ == "PROPN":
            end += 1  # "New Mexico"
        right = doc[i + 1 : end]
        known = reader.by_token.get(i + 1)
        if known is not None:
            right = doc[i + 1 : i + 1 + len(known.text.split())]
        text = known.text if known is not None else right.text
        if not retype.is_state(text, after_comma=True) and not lexicons.is_country(text):
            continue
        left = reader.by_token.get(i - 1)
        if left is None:
            start = i
            while start > 0 and i - start < 3 and doc[start - 1].pos_ == "PROPN":
                word = doc[start - 1]
                if word.i in reader.by_token or not word.text[:1].isupper():
                    break
                if word.ent_type_ in {"DATE", "TIME", "PERSON", "NORP", "EVENT"}:
                    break  # "On Friday, U.S. Ambassador ..."

                start -= 1
            if start == i:
                continue
            place = doc[start:i]
            left = reader.add(reader.mention(place, "Place"), range(place.start, place.end))
        if left.type != "Place":
            continue
        if known is None:
            reader.add(reader.mention(right, "Place"), range(right.start, right.end))


#: Head words of a place's name the tagger often misses ("Wall Street", "Fifth Avenue").
STREET_HEADS = frozenset("street avenue boulevard road river lake island bay canal square".split())


def add_place_names(reader: Reader) -> None:
    """A capitalised name ending in a street's, river's or island's head word is a place's
    where the tagger missed it ("traders on Wall Street"); not a given name and a surname
    ("Jeffery Lane" has no such head) nor a word of another mention."""
    doc, by_token = reader.doc, reader.by_token
    for i in (i for i, word in enumerate(reader.lowers) if word in STREET_HEADS):
        head = reader.tokens[i]
        if not head.is_title or head.i in by_token:
            continue
        start = head.i
        while start > 0 and head.i - start < 3:
            word = doc[start - 1]
            if word.i in by_token or not word.is_title or word.pos_ != "PROPN":
                break
            if word.ent_type_ in {"DATE", "TIME", "PERSON"}:
                break
            start -= 1
        if start < head.i and not lexicons.is_given_name(doc[start].text):
            span = doc[start : head.i + 1]
            reader.add(reader.mention(span, "Place"), range(span.start, span.end))


def add_quoted_infrastructure(reader: Reader) -> None:
    """Quoted names before an infrastructure noun: the “Power of Siberia-2” gas pipeline."""
    from spacy.attrs import IS_LEFT_PUNCT, IS_QUOTE

    doc = reader.doc
    # the lexeme flags of all tokens in one array: no Token object per token of the article
    flags = doc.to_array([IS_QUOTE, IS_LEFT_PUNCT]).reshape(-1, 2)
    quote = (flags[:, 0] != 0).tolist()
    for i in (int(i) for i in ((flags[:, 0] != 0) & (flags[:, 1] != 0)).nonzero()[0]):
        close = next((j for j in range(i + 1, min(i + 10, len(doc))) if quote[j]), None)
        if close is None or close == i + 1 or not doc[i + 1].text[:1].isupper():
            continue
        heads = [t for t in doc[close + 1 : close + 4] if t.pos_ == "NOUN"]
        head = next((t for t in heads if t.lemma_.lower() in lexicons.INFRASTRUCTURE), None)
        if head is None:
            continue
        span = doc[i + 1 : close]
        for j in range(span.start, span.end):
            reader.by_token.pop(j, None)
        # The noun that names the kind ("pipeline") stands for the named thing too.
        reader.add(reader.mention(span, "Infrastructure"), [*range(span.start, span.end), head.i])


def add_commodities(reader: Reader) -> None:
    """Goods and raw materials as noun-phrase concepts: "consumer goods", "winter wheat"."""
    from spacy.attrs import POS
    from spacy.parts_of_speech import NOUN

    doc = reader.doc
    for i in (doc.to_array(POS) == NOUN).nonzero()[0]:  # only nouns become Token objects
        token = doc[int(i)]
        if not {token.lower_, token.lemma_.lower()} & lexicons.COMMODITIES:
            continue
        if token.i in reader.by_token:
            continue
        span = concept_span(token)
        reader.add(reader.mention(span, "Commodity", named=False), range(span.start, span.end))
