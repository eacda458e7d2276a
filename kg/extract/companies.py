"""Company names the tagger cut (part of pass 1, ``p1_mentions``).

A company's registered name ends in its form ("Inc", "Ltd", "Cos"), and what comes before
the form up to the name's first word is one name, also where the tagger cut it in two:

- at "of": "Barnett Banks" + "Florida Inc" of "Barnett Banks of Florida Inc" (the state
  Florida is not the company);
- at a parenthesis: "Sony" + "U.K.) Ltd" of "Sony (U.K.) Ltd";
- before the form: "Williams" (a person to the tagger) of "Williams Cos";
- at "and Co": "Laurie Milbank" (a person to the tagger) + "Co" of "Laurie Milbank and Co";
- at its first words: "Poor's Corp" of "Standard and Poor's Corp", "Glass Container Corp"
  of "Anchor Glass Container Corp" (capitalised words none of the tagger's entities holds;
  a possessive the tagger put inside the name; "and" after such a word).

Such a name is read from its form leftwards over capitalised words (a comma only inside one
of the tagger's entities: "Smith Barney, Harris Upham and Co"; no function word of a
capitalised headline: "COLOROLL AGREES TO BUY U.S. WALLCOVERINGS COMPANY"), a parenthesis
of capitalised words, and "of" between an organisation's name to the tagger and a place
("Range Rover of North America Inc"; never "Shigeki Matsumoto of Nikko Securities Co Ltd",
a person the tagger took for an organisation, nor "U.S. Subsidiary of Mazda Motor Corp").
Capitals that spell the initials of the words before them are an acronym, not the form
("Saudi Press Agency SPA"). It is returned only where
the tagger's entities cut it (two or more inside it, or one that misses the form); a name
the tagger found whole, or did not find at all, is left to the rest of pass 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicons
from kg.lexicons.names import US_STATES
from kg.lexicons.qualifiers import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: The longest name read (in tokens, the form included).
MAX_TOKENS = 10
#: The longest parenthesis inside a name ("(U.K.)", "(Hong Kong)").
MAX_PARENTHESIS = 4
#: Function words that end a name read leftwards in a capitalised headline ("AND" does not:
#: "JOHN WILEY AND SONS INC").
FUNCTION_WORDS = frozenset("a an the to for in on at by with from as into its says said".split())
#: Company forms spelled in full.
SPELLED_FORMS = frozenset({"company", "corporation", "incorporated", "limited", "holdings"})
#: Places that are no country or state, after "of" in a company's name.
REGIONS = frozenset(
    """america north_america south_america latin_america central_america europe western_europe
    asia southeast_asia africa middle_east far_east pacific caribbean scandinavia""".split()
)


def cut_names(doc: Doc) -> list[Span]:
    """The company names in ``doc`` that the tagger's entities cut (see the module)."""
    from spacy.attrs import LOWER

    found: list[Span] = []
    resume = 0  # the token after the last name read
    # only the forms' tokens become Token objects (one array of the tokens' lower cases)
    forms = {doc.vocab.strings[f] for s in lexicons.COMPANY_SUFFIXES for f in (s, f"{s}.")}
    for i in [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in forms]:
        if i < resume or not _form(doc[i]) or (i and _form(doc[i - 1])) or _acronym(doc, i):
            continue
        end = i + 1
        while end < len(doc) and _form(doc[end]):
            end += 1  # "Co Ltd"
        start = _name_start(doc, i, end)
        if start < i and _cut(doc[start:end]):
            found.append(doc[start:end])
        resume = end
    return found


def _form(token: Token) -> bool:
    """A company form, capitalised; in a headline's capitals only an abbreviated one ("CORP",
    "CO"): "COMPANY" there is the noun ("TO BUY U.S. WALLCOVERINGS COMPANY")."""
    text = token.text
    if text.isupper() and token.lower_ in SPELLED_FORMS:
        return False
    return text[:1].isupper() and lexicons.is_company_form(text)


def _word(token: Token) -> bool:
    """A capitalised word that may be part of a company's name."""
    text = token.text
    return (
        text[:1].isupper()
        and text.replace(".", "").replace("-", "").replace("'", "").isalnum()
        and token.lower_ not in MONTHS
        and token.lower_ not in WEEKDAYS
        and token.lower_ not in FUNCTION_WORDS
        and (token.pos_ == "PROPN" or not token.is_sent_start)  # "Shares" opening a sentence
    )


def _name_start(doc: Doc, form: int, end: int) -> int:
    """The first token of the name that ends with the form at ``form``."""
    start = form
    while start > 0 and end - start < MAX_TOKENS:
        before = doc[start - 1]
        if "\n" in before.text:
            break
        if before.text == ")":
            opening = next((k for k in range(start - 2, max(-1, start - 2 - MAX_PARENTHESIS), -1)
                            if doc[k].text == "("), None)
            if (opening is None or opening == 0 or not _word(doc[opening - 1])
                    or not all(_word(t) for t in doc[opening + 1 : start - 1])):
                break
            start = opening
        elif (before.lower_ == "of" and start - 2 >= 0 and _organisation_end(doc[start - 2])
              and _place(doc[start:form])):
            start -= 1
        elif (before.lower_ in {"and", "&"} and start == form and start >= 2
              and _word(doc[start - 2]) and not _form(doc[start - 2])):  # "Plc and NV": two
            start -= 1  # "Laurie Milbank and Co": "and" right before the form is the name's
        elif before.text == "," and start >= 2 and _inside_one_entity(doc, start - 1):
            start -= 1  # "Smith Barney, Harris Upham and Co": partners' names in one entity
        elif before.tag_ == "POS" and _inside_one_entity(doc, start - 1) and start >= 2 and (
            _word(doc[start - 2])
        ):  # "Poor's Corp" of "Standard and Poor's Corp": a possessive inside the tagger's
            start -= 1  # name; not "McLean Industries Inc's United States Lines Inc"
        elif (before.lower_ in {"and", "&"} and start >= 2 and doc[start - 2].is_alpha
              and _word(doc[start - 2]) and doc[start - 2].ent_iob_ == "O"
              and not _form(doc[start - 2])
              and not any(t.lower_ in {"and", "&"} for t in doc[start:form])):
            start -= 1  # "Standard and Poor's Corp"; not "Chrysler and Ford Motor Co", two
        elif (before.lower_ in {"and", "&"} and start < form and start >= 2
              and _word(doc[start - 2]) and not _form(doc[start - 2])
              and all(t.lower_ in BUSINESS_WORDS for t in doc[start:form])):
            start -= 1  # "Peoples Bank and Trust Co", "Sumitomo Trust and Banking Co": one
        elif _word(before):
            start -= 1
        else:
            break
    while start < form and not _word(doc[start]):
        start += 1  # a name starts with a word, never "of" or "("
    return start


#: Words of a line of business that end a bank's or an insurer's name after "and" ("Peoples
#: Bank and Trust Co", "Savings and Loan Association", "Trust and Banking Co"): no name of
#: their own, so the name does not begin after the "and".
BUSINESS_WORDS = frozenset(
    "trust savings loan loans banking bank investment investments finance securities "
    "insurance credit mortgage".split()
)


def _inside_one_entity(doc: Doc, i: int) -> bool:
    """Token ``i`` lies inside one of the tagger's entities, not at its edge."""
    return doc[i].ent_iob_ == "I" and i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I"


def _organisation_end(token: Token) -> bool:
    """The last word of an organisation's name to the tagger (the name before "of")."""
    return _word(token) and token.ent_type_ == "ORG" and token.ent_iob_ in {"B", "I"} and (
        token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I"
        or token.doc[token.i + 1].ent_type_ != "ORG"
    )


def _place(words: Span) -> bool:
    """A country, a US state or a region ("Florida", "Canada", "North America")."""
    key = words.text.lower().replace(" ", "_")
    return key in US_STATES or key in REGIONS or lexicons.is_country(words.text)


def _acronym(doc: Doc, i: int) -> bool:
    """The capitals at ``i`` spell the initials of the words before them ("Saudi Press
    Agency SPA")."""
    text = doc[i].text
    if not text.isupper() or len(text) < 2 or i < len(text):
        return False
    return "".join(t.text[0] for t in doc[i - len(text) : i]).upper() == text


def _cut(span: Span) -> bool:
    """The tagger's entities cut ``span``: two or more lie in it, or one lies in it without
    its company form; none runs out of it."""
    ents = [e for e in span.doc.ents if e.start < span.end and e.end > span.start]
    if not ents or any(e.start < span.start and not _leading_article(e, span) or e.end > span.end
                       for e in ents):
        return False
    if len(ents) >= 2 or ents[0].end < span.end:
        return True
    # one entity that misses the name's first words, none of them the tagger's own
    missed = span[: ents[0].start - span.start]
    return len(missed) > 0 and all(t.ent_iob_ == "O" for t in missed)


def _leading_article(ent: Span, span: Span) -> bool:
    """The tagger's entity starts with "the" just before the name ("the Williams Cos")."""
    return ent.start == span.start - 1 and ent[0].lower_ == "the"
