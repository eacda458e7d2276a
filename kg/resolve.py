"""The resolution stage: group one document's mentions into entities and map relations to facts.

Rules, each recorded as the reason of the merge it makes:
- ``name-part``: a person's shorter name is part of one longer name ("Putin" in "Vladimir
  Putin"); a short name that fits two longer ones stays apart.
- ``same-name``: the same name up to case, punctuation, a leading "the", a possessive.
- ``country-table``: a country's other name ("U.S." -> "United States").
- ``demonym``, ``pronoun``, ``description``: a mention the extractor resolved to a name
  ("Russian" -> Russia, "He" -> Vladimir Putin, "the Russian leader" -> Vladimir Putin).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg import lexicons
from kg.extract import Extraction
from kg.model import Document, DocumentResult, Entity, Fact, Mention
from kg.ontology import slug

#: Types that may share one entity (GPEs the NER calls a place can be countries).
FAMILY = {"Country": "place", "Place": "place", "Commodity": "thing", "Product": "thing"}
PRONOUNS = {"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their"}


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # surface form -> merge reason

    @property
    def family(self) -> str:
        return _family(self.mentions[0].type)

    def words(self) -> set[str]:
        return set(lexicons.normalise(self.name()).split())

    def name(self) -> str:
        """Canonical name: the country table's, else the longest person name, else most used."""
        for mention in self.mentions:
            country = lexicons.country_name(_target(mention))
            if country and self.type() == "Country":
                return country
        named = [m.text for m in self.mentions if m.named] or [
            _target(m) for m in self.mentions
        ]
        if self.type() == "Person":
            return max(named, key=lambda n: (len(n.split()), len(n), n))
        counts = Counter(named)
        return max(counts, key=lambda n: (counts[n], len(n), n))

    def type(self) -> str:
        types = Counter(m.type for m in self.mentions)
        if "Country" in types and self.family == "place":
            return "Country"
        return types.most_common(1)[0][0]


def _family(type_: str) -> str:
    return FAMILY.get(type_, type_)


def _target(mention: Mention) -> str:
    return mention.refers_to or mention.text


def _reason(mention: Mention) -> str:
    if mention.refers_to and mention.text.lower() in PRONOUNS:
        return "pronoun"
    if mention.refers_to and lexicons.country_of_demonym(mention.text):
        return "demonym"
    if mention.refers_to:
        return "description"
    return "same-name"


def resolve(document: Document, extraction: Extraction) -> DocumentResult:
    """Entities and facts of one document."""
    mentions = list(extraction.mentions)
    for relation in extraction.relations:
        mentions.extend((relation.subject, relation.object))
    clusters = _cluster(mentions)
    cluster_of: dict[tuple[int, int, str], _Cluster] = {}
    for cluster in clusters:
        for mention in cluster.mentions:
            cluster_of.setdefault(_mkey(mention), cluster)
    keys = {id(c): f"{c.type().lower()}/{slug(c.name())}" for c in clusters}
    entities = {}
    merges: list[tuple[str, str, str]] = []
    for cluster in clusters:
        key, name = keys[id(cluster)], cluster.name()
        if cluster.family == "Concept" and not _in_fact(cluster, extraction, cluster_of):
            continue
        aliases = sorted(
            {m.text for m in cluster.mentions if m.text.lower() not in PRONOUNS} - {name}
        )
        for alias in aliases:
            merges.append((alias, key, cluster.reasons.get(alias, "same-name")))
        entities[key] = Entity(key, name, cluster.type(), tuple(aliases), (document.id,))
    facts = []
    for relation in extraction.relations:
        s = keys[id(cluster_of[_mkey(relation.subject)])]
        o = keys[id(cluster_of[_mkey(relation.object)])]
        if s == o:
            continue
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
    return DocumentResult(
        document=document,
        entities=tuple(entities[k] for k in sorted(entities)),
        facts=tuple(facts),
        merges=tuple(sorted(set(merges))),
    )


def _mkey(mention: Mention) -> tuple[int, int, str]:
    return (mention.start, mention.end, mention.type)


def _in_fact(
    cluster: _Cluster, extraction: Extraction, cluster_of: dict[tuple[int, int, str], _Cluster]
) -> bool:
    return any(
        cluster_of[_mkey(r.subject)] is cluster or cluster_of[_mkey(r.object)] is cluster
        for r in extraction.relations
    )


def _cluster(mentions: Iterable[Mention]) -> list[_Cluster]:
    """Group mentions: full names first, then the shorter forms and references to them."""
    unique: dict[tuple[int, int, str], Mention] = {}
    for mention in mentions:
        unique.setdefault(_mkey(mention), mention)
    ordered = sorted(
        unique.values(),
        key=lambda m: (m.refers_to is not None, not m.named, -len(_target(m).split()), m.start),
    )
    clusters: list[_Cluster] = []
    by_name: dict[tuple[str, str], _Cluster] = {}
    for mention in ordered:
        cluster, reason = _find(mention, clusters, by_name)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
            reason = _reason(mention)
        cluster.mentions.append(mention)
        cluster.reasons.setdefault(mention.text, reason)
        target = _target(mention)
        by_name.setdefault((_family(mention.type), lexicons.normalise(target)), cluster)
        country = lexicons.country_name(target)
        if country:
            by_name.setdefault(("place", lexicons.normalise(country)), cluster)
    return clusters


def _find(
    mention: Mention, clusters: list[_Cluster], by_name: dict[tuple[str, str], _Cluster]
) -> tuple[_Cluster | None, str]:
    family = _family(mention.type)
    target = _target(mention)
    norm = lexicons.normalise(target)
    found = by_name.get((family, norm))
    if found is not None:
        return found, _reason(mention)
    country = lexicons.country_name(target)
    if country and (family, lexicons.normalise(country)) in by_name:
        return by_name[(family, lexicons.normalise(country))], "country-table"
    if mention.type == "Person":
        words = set(norm.split())
        fits = [c for c in clusters if c.family == "Person" and words and words < c.words()]
        if len(fits) == 1:
            return fits[0], "name-part" if mention.named else _reason(mention)
    return None, ""
