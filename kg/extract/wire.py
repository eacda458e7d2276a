"""Wire-copy conventions of names (part of pass 1, ``p1_mentions``).

Reuters copy marks the full name of a company that has no ticker with angle brackets
("owned by <Saatchi and Saatchi>", "<Cie Generale de Constructions Telephoniques (CGCT)>"),
as it marks a listed company's ticker after its name ("General Motors Corp <GM>"). The
tagger cuts such a name at "and" or "de", or takes the bracket for part of it
("Saatchi>"); what the brackets hold is one organisation's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg import lexicons
from kg.nlp import TICKER, WIRE_BRACKETS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: The longest name in brackets read as one (in tokens).
MAX_TOKENS = 10
#: Lower-case words a company's name may hold ("Saatchi and Saatchi", "Cie Generale de ...").
CONNECTORS = frozenset({"and", "&", "of", "de", "du", "des", "la", "le", "the", "'s", "for", "van",
                        "von", "der", "y", "e", "et", "und"})
#: Punctuation inside a name ("Scott's", "Pratt-Read", "H.J. Heinz Co.", "Sony (U.K.) Ltd").
NAME_PUNCTUATION = frozenset({"'", "’", "-", ".", "&", ",", "(", ")", "/"})


def bracketed_names(doc: Doc, text: str) -> list[Span]:
    """The spans of names written between ``<`` and ``>`` in the document's ``text`` (two
    tokens or more, not a ticker and its exchange: "<GM>", "<ASTS ST>"), without a trailing
    parenthesis ("(CGCT)": its acronym). The parser read the text without the brackets
    (:func:`kg.nlp.readable_brackets`)."""
    found: list[Span] = []
    for match in WIRE_BRACKETS.finditer(text):
        if TICKER.fullmatch(match.group(1)):
            continue
        inner = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if inner is None or len(inner) == 0 or len(inner) > MAX_TOKENS:
            continue
        start, end = inner.start, inner.end
        if end > start and doc[end - 1].text == ")":  # "(CGCT)": the acronym the copy adds
            opening = next((k for k in range(end - 1, start, -1) if doc[k].text == "("), None)
            if opening is not None and opening - start >= 2:
                end = opening
        if end - start >= 2 and _a_name(doc[start:end]) and not _ticker(doc[start:end]):
            found.append(doc[start:end])
    return found


def ticker_tokens(doc: Doc, text: str) -> set[int]:
    """The tokens of the wire's tickers, brackets included ("<GM>", read as "(GM)"): no
    name of their own."""
    tokens: set[int] = set()
    for match in WIRE_BRACKETS.finditer(text):
        if TICKER.fullmatch(match.group(1)):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                tokens.update(range(span.start, span.end))
    return tokens


def _ticker(span: Span) -> bool:
    """A ticker with its exchange ("<ASTS ST>", "<BP L>"): short words in capitals only."""
    return all(t.text.isupper() and t.text.isalpha() and len(t.text) <= 5 for t in span)


def _a_name(span: Span) -> bool:
    """Capitalised words, the connectors of company names and their punctuation only."""
    if not span[0].text[:1].isupper():
        return False
    return all(
        t.text[:1].isupper() or t.text[:1].isdigit() or t.lower_ in CONNECTORS
        or t.text in NAME_PUNCTUATION or (t.is_space and "\n" not in t.text)
        for t in span
    )  # a stray carriage return inside the name ("<Pratt^M and Whitney>") is still one


#: The longest name read before a ticker (in tokens).
MAX_TICKER_NAME = 8


def ticker_names(doc: Doc, text: str, headlines: tuple[tuple[int, int], ...] = ()) -> list[Span]:
    """The names written before a listed company's ticker ("Swedish Match <SMBS ST>",
    "Atlas Copco <ASTS ST>"), and the other places the document writes the same name (in
    capitals too: "SWEDISH MATCH" in a headline).

    The name is the run of capitalised words (with "and", "&" and a name's punctuation
    between them) that ends at the bracket, after a leading "The" and a sentence's first
    word that is not a proper noun ("Rival Swedish Match"). A run in capitals (a headline,
    where a verb or a count may stand before the name) is not read this way, nor one in a
    headline (character ranges ``headlines``), which shortens names ("Diagnostic <DRS>
    makes a bid"). A name the tagger found whole and longer ("Sears, Roebuck and Co") is
    the tagger's.
    """
    names: list[Span] = []
    for match in WIRE_BRACKETS.finditer(text):
        bracket = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")
        if not TICKER.fullmatch(match.group(1)) or bracket is None or bracket.start == 0:
            continue
        if any(a <= match.start() < b for a, b in headlines):
            continue
        i = bracket.start  # the bracket, read "(" by the parser
        start = i
        while start > 0 and i - start < MAX_TICKER_NAME and _name_word(doc, start - 1, i):
            start -= 1
        start = _after_other_name(doc, start, i)
        tagged = _entity_at(doc, i - 1)
        if tagged is not None and tagged.label_ == "ORG" and tagged.start < start:
            start = tagged.start
        while start < i and (doc[start].lower_ in CONNECTORS
                             or doc[start].text in NAME_PUNCTUATION):
            start += 1
        end = i
        while end > start and doc[end - 1].lower_ in {"'s", "'", "’s", "’"}:
            end -= 1  # the tagger's "Dow Chemical Co's <DOW>": the possessive is no part
        span = doc[start:end]
        if len(span) == 0 or span.text.isupper() or not span[0].text[:1].isupper() \
                or all(lexicons.is_company_form(t.text) for t in span):
            continue
        names.append(span)
    return _with_repeats(doc, names)


def _after_other_name(doc: Doc, start: int, end: int) -> int:
    """Where the name before a ticker begins when its run holds two names joined by "and"
    (the tagger's "Daewoo Group" and "General Motors Corp", a country and a company:
    "Husky Oil Ltd of Canada and Pearson Plc"): after the last such "and";
    "and" before company forms alone is the name's own ("Bear Stearns and Co Inc")."""
    for j in range(end - 1, start, -1):
        if doc[j].lower_ not in {"and", "&"}:
            continue
        rest = doc[j + 1:end]
        left = _entity_at(doc, j - 1)
        named = left is not None and left.label_ in {"ORG", "PERSON"}
        country = lexicons.is_country(left.text if left is not None else doc[j - 1].text)
        if not all(lexicons.is_company_form(t.text) or not t.is_alpha for t in rest) \
                and doc[j + 1].ent_iob_ == "B" and (named or country):
            return j + 1  # not "Hongkong and Shanghai Hotels Ltd": a city begins that name
    return start


def _entity_at(doc: Doc, i: int) -> Span | None:
    """The tagger's entity that token ``i`` belongs to, if any."""
    return next((e for e in doc.ents if e.start <= i < e.end), None)


def _name_word(doc: Doc, j: int, end: int) -> bool:
    """Whether token ``j`` may be part of the name that ends before ``end``."""
    token = doc[j]
    if "\n" in token.text_with_ws or token.text in {"<", ">", ",", "(", ")"}:
        return False
    if token.text[:1].isupper() or token.text[:1].isdigit():
        return True
    # a connector between two capitalised words ("Hongkong and Shanghai Hotels Ltd", "First
    # Union Corp of Georgia"; not after a common noun: "Shares of Swedish Match")
    return (token.lower_ in CONNECTORS or token.text in NAME_PUNCTUATION - {"(", ")"}) \
        and j > 0 and j + 1 < end and doc[j - 1].text[:1].isupper() \
        and (token.lower_ in {"and", "&"} or doc[j - 1].pos_ == "PROPN") \
        and (token.lower_ != "of" or doc[j + 1].ent_type_ in {"GPE", "LOC"})


def _with_repeats(doc: Doc, names: list[Span]) -> list[Span]:
    """The names and every other place the document writes them (the same words, or the
    same words in capitals), one span per place, none overlapping."""
    forms: dict[tuple[str, ...], tuple[str, ...]] = {}
    for span in names:
        forms.setdefault(tuple(t.lower_ for t in span), tuple(t.text for t in span))
    taken = {i for span in names for i in range(span.start, span.end)}
    found = list(names)
    for lower, form in forms.items():
        size = len(form)
        for i in range(len(doc) - size + 1):
            if not taken.isdisjoint(range(i, i + size)):
                continue
            words = tuple(doc[k].text for k in range(i, i + size))
            same = words == form or (size > 1 and words[0][:1].isupper()
                                     and tuple(w.lower() for w in words) == lower)
            if same and (_capitals(doc, i, i + size) or not _inside_word_run(doc, i, i + size)):
                found.append(doc[i:i + size])
                taken.update(range(i, i + size))
    return sorted(found, key=lambda s: s.start)


def _capitals(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` stand in a line written in capitals (a
    headline, true-cased or not: its other words say nothing of where the name ends)."""
    line = doc[start:end].sent
    return sum(t.is_upper for t in line if t.is_alpha) * 2 > sum(t.is_alpha for t in line)


def _inside_word_run(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` are part of a longer capitalised name ("Swedish
    Match" in "Swedish Match Co"): a capitalised word right before or after them."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return any(t is not None and t.text[:1].isupper() and "\n" not in t.text_with_ws
               and t.is_alpha and not t.is_sent_start
               for t in (before, after))
