"""The resolution stage: group one document's mentions into entities and map relations to facts.

Every mention joins an entity by one rule, recorded as the reason of the merge it makes:
``same-name``, ``country-table``/``alias-table``, ``acronym``, ``name-part`` ("Putin" in
"Vladimir Putin", unless it fits two people or also begins a company's name), ``plural``,
``short-form`` (``kg.shortforms``), ``demonym``, ``capital-for-state``, ``pronoun``,
``description``: ARCHITECTURE.md, "Resolve", has the table of rules with examples.

The entity key (its IRI) depends only on its canonical name (:func:`aliases.entity_key`), not
on the type guess, so the same entity gets the same key in every document; the type each
document guessed is a vote the corpus settles (``kg.identity``, called by ``kg.merges``).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg import lexicons
from kg.acronyms import NAME_WITH_ACRONYM, initials_fit
from kg.acronyms import acronyms as defined_acronyms
from kg.aliases import (
    AliasEntry,
    AliasTable,
    caseless,
    default_aliases,
    entity_key,
    key_name,
    label_rank,
    lookup,
    lookup_after_country,
    singular_names,
)
from kg.lexicons.names import PRONOUNS
from kg.model import Document, DocumentResult, Entity, Extraction, Fact, Mention
from kg.shortforms import SHORT_FORM_TYPES, has_company_form, short_form, tickered_are_companies

#: Types that may share one entity (GPEs the NER calls a place can be countries).
FAMILY = {"Country": "place", "Place": "place", "Commodity": "thing", "Product": "thing"}
#: Families (and a type of each) whose names have plurals: "HK Hotels" is "HK Hotel".
PLURAL_FAMILIES = (("Organization", "Organization"), ("thing", "Product"), ("Event", "Event"))
#: Types the NER gives a company's bare name by mistake.
NER_SLIPS = {"Place", "Person", "Group", "Product", "Event"}


@dataclass
class _View:
    """A mention as resolution sees it: the name it stands for, and why."""

    mention: Mention
    type: str
    target: str
    entry: AliasEntry | None = None
    reason: str = ""  # why it joins an entity not named by its own text

    @property
    def family(self) -> str:
        return _family(self.type)

    def names(self) -> list[str]:
        """Folded names under which the view can be found."""
        found = [key_name(self.type, self.target)]
        if self.entry is not None:
            found.append(key_name(self.entry.type, self.entry.name))
        if self.reason == "acronym":  # "it" may refer to "FDIC" by the acronym itself
            found.append(key_name(self.type, _clean(self.mention.text)))
        return [n for n in found if n]


@dataclass
class _Cluster:
    views: list[_View] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # surface form -> merge reason
    #: type() and name() as last computed, with the numbers of views and reasons they read
    memo: dict[str, tuple[tuple[int, int], str]] = field(default_factory=dict, repr=False)

    @property
    def family(self) -> str:
        return _family(self.type())

    def words(self) -> list[str]:
        return key_name(self.type(), self.name()).split()

    def _memo(self, what: str, compute: Callable[[], str]) -> str:
        """Clustering asks every cluster its type and name at every view (26k times in 300
        articles); views and reasons only grow, so their numbers tell a stale answer."""
        state = (len(self.views), len(self.reasons))
        if (hit := self.memo.get(what)) is None or hit[0] != state:
            hit = self.memo[what] = (state, compute())
        return hit[1]

    def name(self) -> str:
        return self._memo("name", self._name)

    def type(self) -> str:
        return self._memo("type", self._type)

    def _name(self) -> str:
        """Canonical name: a table's, else the longest person name, else the most used."""
        entries = sorted({v.entry.name for v in self.views if v.entry is not None})
        if entries:
            return entries[0]
        named = [  # the singular names an entity ("HK Hotel", not "HK Hotels")
            v.target for v in self.views
            if v.mention.named and self.reasons.get(_clean(v.mention.text)) != "plural"
        ] or [v.target for v in self.views]
        if (type_ := self.type()) in {"Person", "Organization"}:  # the full name, even in a
            # capitals-only headline ("KEYSTONE STEEL CORP", then "Keystone")
            return max(named, key=lambda n: (len(key_name(type_, n).split()), label_rank(n)))
        counts = Counter(named)
        return max(counts, key=lambda n: (not caseless(n), counts[n], len(n), n))

    def _type(self) -> str:
        entries = sorted({v.entry.type for v in self.views if v.entry is not None})
        if entries:
            return entries[0]
        types = Counter(v.type for v in self.views)
        if "Country" in types and self.views[0].family == "place":
            return "Country"
        if any(v.mention.named and has_company_form(v.target) for v in self.views):
            return "Organization"  # "Bryson Oil and Gas Plc", whatever "Bryson" was called
        people = [v for v in self.views if v.type == "Person"]
        if len(types) > 1 and all(len(_core_words(v)) == 1 for v in people):
            types.pop("Person", None)  # news introduces people by full name: "Cedel" is none
        first = self.views[0].type  # the type of the longest name wins a tie
        return max(types, key=lambda t: (types[t], t == first, t)) if types else first


def _family(type_: str) -> str:
    return FAMILY.get(type_, type_)


def resolve(
    document: Document, extraction: Extraction, *, aliases: AliasTable | None = None
) -> DocumentResult:
    """Entities and facts of one document.

    Args:
        document: The document (its text is read for acronym definitions).
        extraction: Its mentions and relations.
        aliases: The alias table (``aliases.load_aliases``); kg's own tables by default.
    """
    table = default_aliases() if aliases is None else aliases
    mentions = list(extraction.mentions)
    for relation in extraction.relations:
        mentions.extend((relation.subject, relation.object))
    clusters = _cluster(document, mentions, table)
    cluster_of: dict[tuple[int, int, str], _Cluster] = {}
    for cluster in clusters:
        for view in cluster.views:
            cluster_of.setdefault(_mkey(view.mention), cluster)
    keys = {id(c): entity_key(c.name()) for c in clusters}
    entities: dict[str, Entity] = {}
    merges: set[tuple[str, str, str]] = set()
    folded: dict[str, list[_View]] = {}  # key -> the views of its groups so far
    for cluster in clusters:
        key, name = keys[id(cluster)], cluster.name()
        if cluster.family == "Concept" and not _in_fact(cluster, extraction, cluster_of):
            continue
        if not set(key_name("Person", name).split()) - lexicons.COMPANY_SUFFIXES:
            continue  # "Co Inc" split off "Jefferies and Co Inc": no name left
        aliases_ = _aliases(cluster, name)
        for alias in aliases_:
            merges.add((alias, key, cluster.reasons.get(alias) or "same-name"))
        type_ = cluster.type()
        if key in entities:  # two groups that fold to one key ("Chrysler", "CHRYSLER CORP")
            other = entities[key]
            aliases_ |= set(other.aliases)
            # one type from both groups' mentions ("Cedel" a Person twice, an Organization once)
            type_ = _Cluster([*folded[key], *cluster.views]).type()
            if other.name != name:
                if label_rank(other.name) > label_rank(name):
                    name, loser = other.name, name
                else:
                    loser = other.name
                if not (caseless(loser) and not caseless(name)):  # not a mere case variant
                    aliases_.add(loser)
                    merges.add((loser, key, "same-key"))
            aliases_.discard(name)
        entities[key] = Entity(key, name, type_, tuple(sorted(aliases_)), (document.id,))
        folded.setdefault(key, []).extend(cluster.views)
    facts = _facts(extraction, keys, cluster_of, entities)
    return DocumentResult(
        document=document,
        entities=tuple(entities[k] for k in sorted(entities)),
        facts=tuple(facts),
        merges=tuple(sorted(merges)),
    )


def _facts(
    extraction: Extraction,
    keys: dict[int, str],
    cluster_of: dict[tuple[int, int, str], _Cluster],
    entities: dict[str, Entity],
) -> list[Fact]:
    """The relations as facts between entity keys; an end that named nothing gives none."""
    facts = []
    for relation in extraction.relations:
        s = keys[id(cluster_of[_mkey(relation.subject)])]
        o = keys[id(cluster_of[_mkey(relation.object)])]
        if s == o or s not in entities or o not in entities:
            continue  # an end that named nothing ("®", "Co Inc") gives no fact
        facts.append(
            Fact(
                subject=s,
                predicate=relation.predicate,
                object=o,
                evidence=relation.evidence,
                open=relation.open,
                subject_text=relation.subject.text,
                subject_span=(relation.subject.start, relation.subject.end),
                object_text=relation.object.text,
                object_span=(relation.object.start, relation.object.end),
            )
        )
    return facts


def _core_words(view: _View) -> list[str]:
    """The words of a name that identify it: its key without a person's courtesy title."""
    words = key_name(view.type, view.target).split()
    if view.type == "Person" and len(words) > 1 and words[0] in lexicons.HONORIFICS:
        return words[1:]
    return words


def _clean(text: str) -> str:
    """A name without the ticker brackets of wire copy ("<Hoechst AG>") around it."""
    return text.strip("<> ").strip()


def _aliases(cluster: _Cluster, name: str) -> set[str]:
    """The other names of an entity as written; pronouns and mere case variants are none.

    A case variant is the name in other case ("VENEZUELA"), or a capitals-only headline
    spelling of a name already seen in mixed case ("FED" after "Fed", "CHRYSLER" after
    "Chrysler Corp").
    """
    type_ = cluster.type()
    texts = {_clean(v.mention.text) for v in cluster.views}
    texts = {t for t in texts if t and t.lower() not in PRONOUNS}
    cased = {key_name(type_, t) for t in texts | {name} if not caseless(t)}
    return {
        t
        for t in texts
        if t.casefold() != name.casefold()
        and not (caseless(t) and key_name(type_, t) in cased)
    }


def _mkey(mention: Mention) -> tuple[int, int, str]:
    return (mention.start, mention.end, mention.type)


def _in_fact(
    cluster: _Cluster, extraction: Extraction, cluster_of: dict[tuple[int, int, str], _Cluster]
) -> bool:
    return any(
        cluster_of[_mkey(r.subject)] is cluster or cluster_of[_mkey(r.object)] is cluster
        for r in extraction.relations
    )


# -- views: what each mention stands for ------------------------------------------------


def _view(mention: Mention, table: AliasTable, acronyms: dict[str, str]) -> _View:
    target, reason = mention.refers_to or _clean(mention.text), ""
    if mention.refers_to:
        reason = _reference_reason(mention)
        target = acronyms.get(lexicons.normalise(target), target)  # "it" -> "FDIC" -> its name
    elif mention.named:
        bracketed = NAME_WITH_ACRONYM.fullmatch(mention.text)
        if bracketed and initials_fit(bracketed.group(2), bracketed.group(1)):
            target = bracketed.group(1)  # the NER took "European Union (EU" as one name
        elif lexicons.normalise(mention.text) in acronyms:
            target, reason = acronyms[lexicons.normalise(mention.text)], "acronym"
    entry = None
    if mention.named or mention.refers_to or mention.type == "Commodity":
        entry = lookup(table, target)
    for singular in singular_names(target) if mention.type == "Commodity" else []:
        entry = entry or lookup(table, singular)  # "OILS" in a headline
    if entry is None and mention.named:
        entry = lookup_after_country(table, target)
    if entry is not None and not _entry_fits(entry, mention):
        entry = None
    type_ = mention.type
    if entry is not None:
        type_ = entry.type
        if not reason and lexicons.normalise(target) != lexicons.normalise(entry.name):
            reason = entry.source
    return _View(mention, type_, target, entry, reason)


def _entry_fits(entry: AliasEntry, mention: Mention) -> bool:
    """Countries only for place names; people only for people; organisations for any name."""
    if entry.type in {"Country", "Place"}:
        return _family(mention.type) == "place"
    if entry.type == "Commodity":  # "crude" is crude oil
        return mention.type == "Commodity"
    if entry.type == "Person" or mention.type == "Person":
        return entry.type == mention.type
    return mention.named and mention.type not in {"Concept", "Commodity"}


def _reference_reason(mention: Mention) -> str:
    text = mention.text.lower()
    if text in PRONOUNS:
        return "pronoun"
    if lexicons.country_of_demonym(mention.text):
        return "demonym"
    if lexicons.country_of_capital(mention.text) == mention.refers_to:
        return "capital-for-state"
    return "description"


# -- clustering --------------------------------------------------------------------------


def _cluster(document: Document, mentions: Iterable[Mention], table: AliasTable) -> list[_Cluster]:
    """Group mentions: full names first, then the shorter forms and references to them."""
    unique: dict[tuple[int, int, str], Mention] = {}
    for mention in mentions:
        unique.setdefault(_mkey(mention), mention)
    acronyms = defined_acronyms(document, unique.values())
    views = [_view(m, table, acronyms) for m in unique.values()]
    tickered_are_companies(document.text, views)
    views.sort(
        key=lambda v: (
            bool(v.reason) and v.entry is None,
            not v.mention.named,
            -len(_core_words(v)),  # full names first ("Mr. Holmes" is a short one),
            not has_company_form(v.target),  # a company form before the bare name
            v.mention.start,
            v.mention.end,
            v.type,
        )
    )
    clusters: list[_Cluster] = []
    by_name: dict[tuple[str, str], _Cluster] = {}
    for view in views:
        cluster, reason = _find(view, clusters, by_name)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
            reason = view.reason
        cluster.views.append(view)
        cluster.reasons.setdefault(_clean(view.mention.text), reason)
        for name in view.names():
            by_name.setdefault((view.family, name), cluster)
    return clusters


def _find(
    view: _View, clusters: list[_Cluster], by_name: dict[tuple[str, str], _Cluster]
) -> tuple[_Cluster | None, str]:
    for name in view.names():
        found = by_name.get((view.family, name))
        if found is not None:
            return found, view.reason or "same-name"
    words = key_name(view.type, view.target).split()
    if not words or view.entry is not None:
        return None, ""
    # NER typed a company's bare name differently ("Tokheim Corp" ... "Tokheim" as a place).
    company = by_name.get(("Organization", key_name("Organization", view.target)))
    if view.mention.named and view.type in NER_SLIPS and company is not None:
        if any(has_company_form(v.target) for v in company.views):
            return company, "same-name"
    if view.mention.named and view.type not in {"Person", "Country"}:
        # "HK Hotels" and "HK Hotel", whichever came first
        forms = singular_names(view.target) or [view.target + "s"]
        for form, (family, type_) in itertools.product(forms, PLURAL_FAMILIES):
            if (found := by_name.get((family, key_name(type_, form)))) is not None:
                return found, "plural"
    if view.type == "Person" and words[0] not in lexicons.FEMALE_HONORIFICS:
        # "Mr. Holmes" and "Holmes" are parts of "Sherlock Holmes"; "Mrs Reagan" is no target.
        core = set(_core_words(view))
        fits = [
            c
            for c in clusters
            if c.family == "Person"
            and core < set(c.words())
            and not set(c.words()) & lexicons.FEMALE_HONORIFICS
        ]
        firms = [c for c in clusters if c.family == "Organization" and len(core) == 1
                 and c.words()[:1] == list(core)]  # "Pratt" of "Pratt Group" and "Dick Pratt"
        if fits and firms:
            return None, ""  # a person's or a company's: apart
        if len(fits) == 1:
            return fits[0], view.reason or "name-part"
    # A name with its company form ("Chrysler Corp") is complete: never a short form.
    if view.type in SHORT_FORM_TYPES and view.mention.named:
        if not view.reason and not has_company_form(view.target):
            if (found := short_form(view, words, clusters)) is not None:
                return found, "short-form"
    return None, ""

