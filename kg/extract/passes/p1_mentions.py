"""Pass 1 of :mod:`kg.extract`: the mentions and their types.

======== ====================================================================================
requires the parsed ``Doc`` (entities, tags, dependencies)
assigns  ``sentences``; ``mentions`` and ``by_token`` (which mention each token belongs to);
         ``source_lines``: sentence start -> (outlet, city, outlet's root) of a source line;
         ``legislators``: sentence start -> the party and state facts of the legislators named
======== ====================================================================================

In order: company names in the wire's brackets and names ending in a company form that the
tagger cut (:mod:`kg.extract.wire`, :mod:`kg.extract.companies`), NER names with their type
corrections (:mod:`kg.extract.mentions`, which asks :mod:`kg.extract.retype` and
:mod:`kg.extract.metonymy`), names with a company form the
tagger missed, surnames of people named in full, news addresses, quoted infrastructure
names, commodities, the parties and states of legislators ("Sen. Edward Kennedy
(D-Mass.)", :mod:`kg.extract.legislators`, whose facts wait for pass 3), and last the source
lines of monitored news (:mod:`kg.extract.dateline`), whose city and outlet replace the
tagger's mentions on that line. No later pass adds, removes or retypes a mention.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract import companies, dateline, legislators, mentions, wire
from kg.extract.reader import Reader


def run(reader: Reader) -> None:
    """Find the document's mentions and decide their types."""
    reader.sentences = list(reader.doc.sents)
    # a company's full name in the wire's brackets ("<Saatchi and Saatchi>") is one name,
    # whatever pieces the tagger made of it
    text = reader.document.text
    bracketed = wire.bracketed_names(reader.doc, text)
    for span in bracketed:
        reader.add(reader.mention(span, "Organization"), range(span.start, span.end))
    inside = {i for span in bracketed for i in range(span.start, span.end + 1)}
    # and so is the name written before a listed company's ticker ("Swedish Match <SMBS
    # ST>"), wherever the story writes it
    headlines = tuple((s.start, s.end) for s in reader.document.sections
                      if s.kind == "headline")
    for span in wire.ticker_names(reader.doc, text, headlines):
        if inside.isdisjoint(range(span.start, span.end)):
            reader.add(reader.mention(span, "Organization"), range(span.start, span.end))
            inside.update(range(span.start, span.end))
    # and a name ending in a company form is one name where the tagger cut it ("Barnett
    # Banks" + "Florida Inc", "Sony" + "U.K.) Ltd"; kg.extract.companies)
    for span in companies.cut_names(reader.doc):
        if inside.isdisjoint(range(span.start, span.end)):
            reader.add(reader.mention(span, "Organization"), range(span.start, span.end))
            inside.update(range(span.start, span.end))
    # a ticker ("<GM>", read "(GM)") names no entity; a name the tagger ran into it ends there
    tickers = wire.ticker_tokens(reader.doc, text)
    for ent in reader.doc.ents:
        if tickers and not tickers.isdisjoint(range(ent.start, ent.end)):
            end = next(i for i in range(ent.start, ent.end) if i in tickers)
            if end == ent.start:
                continue
            ent = Span(reader.doc, ent.start, end, label=ent.label_)
        if inside.isdisjoint(range(ent.start, ent.end)):
            mentions.add_entity(reader, ent)
    mentions.add_company_names(reader)
    mentions.add_surnames(reader)
    mentions.add_addresses(reader)
    mentions.add_place_names(reader)
    mentions.add_quoted_infrastructure(reader)
    mentions.add_commodities(reader)
    # "Sen. Edward Kennedy (D-Mass.)": the party and the state named with a legislator
    legislators.read(reader)
    for sent in reader.sentences:
        found = dateline.read(reader, sent)
        if found is not None:
            reader.source_lines[sent.start] = found
