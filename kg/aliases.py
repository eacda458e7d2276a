"""Alias tables and entity keys: which names denote one entity, and that entity's stable key.

An alias table maps every name of an entity (folded with :func:`lexicons.normalise`) to an
:class:`AliasEntry`. kg ships ``kg/data/aliases.tsv`` (organisations) and
``kg/data/countries.tsv`` (countries and their other names); users add their own tables
with ``kg build --aliases FILE`` in the format of ``aliases.tsv``.

The key of an entity (``vladimir-putin``) depends only on its canonical name, folded as
:func:`iri_name` says (never on a type guess), so it never changes when the corpus grows or
the entity's type is revised; :func:`legacy_key` is the key of kg's earlier IRI scheme
(``person/vladimir-putin``), still resolvable (``owl:sameAs``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from kg import lexicons
from kg.errors import InputError
from kg.lexicons.names import US_STATES
from kg.model import ENTITY_TYPES
from kg.ontology import slug


@dataclass(frozen=True)
class AliasEntry:
    """An entity an alias table knows: canonical name, type, the country it belongs to."""

    name: str
    type: str
    institution_of: str | None = None
    #: Where the entry comes from ("kg/data/aliases.tsv", a user's file): for merge records.
    source: str = "alias-table"


#: Normalised name -> entry. A plain dict, so it crosses process boundaries (workers).
AliasTable = Mapping[str, AliasEntry]


def parse_table(text: str, source: str) -> dict[str, AliasEntry]:
    """Read an alias table (``name<TAB>type<TAB>aliases;...<TAB>institution of``)."""
    table: dict[str, AliasEntry] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < 2 or not fields[0]:
            raise InputError(
                f"line {number}: expected NAME<TAB>TYPE[<TAB>ALIASES[<TAB>COUNTRY]]", source
            )
        name, type_ = fields[0], fields[1]
        if type_ not in ENTITY_TYPES:
            raise InputError(
                f"line {number}: unknown type {type_!r} (one of {', '.join(ENTITY_TYPES)})",
                source,
            )
        aliases = fields[2].split(";") if len(fields) > 2 else []
        country = fields[3] if len(fields) > 3 and fields[3] else None
        entry = AliasEntry(name, type_, country, source)
        for alias in [name, *aliases]:
            if lexicons.normalise(alias):
                table[lexicons.normalise(alias)] = entry
    return table


@cache
def _builtin() -> dict[str, AliasEntry]:
    table = {
        norm: AliasEntry(country, "Country", None, "country-table")
        for norm, country in lexicons.country_names().items()
    }
    text = resources.files("kg").joinpath("data/aliases.tsv").read_text(encoding="utf-8")
    table.update(parse_table(text, "alias-table"))
    return table


def load_aliases(paths: Iterable[str | Path] = ()) -> dict[str, AliasEntry]:
    """kg's tables, then each user table in turn (a later line wins over an earlier one)."""
    table = dict(_builtin())
    for path in paths:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read alias table: {exc}", path) from exc
        table.update(parse_table(text, f"alias-table:{path.name}"))
    return table


def default_aliases() -> AliasTable:
    """kg's own tables (countries and organisations)."""
    return _builtin()


def lookup(table: AliasTable, name: str) -> AliasEntry | None:
    """The entry a name denotes, or None."""
    return table.get(lexicons.normalise(name))


def lookup_after_country(table: AliasTable, name: str) -> AliasEntry | None:
    """The entry of a name after a country's name or demonym ("U.S. Federal Reserve
    Board"), unless it is a place's or a person's, or None."""
    words = name.split()
    for cut in (1, 2):
        head, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if len(words) > cut and (lexicons.is_country(head) or lexicons.country_of_demonym(head)):
            entry = lookup(table, rest)
            if entry is not None and entry.type not in {"Country", "Place", "Person"}:
                return entry
    return None


@lru_cache(maxsize=1 << 16)  # clustering asks it of every cluster at every mention
def key_name(type_: str, name: str) -> str:
    """The folded name an entity's key is made of.

    Case, punctuation, a leading "the" and a possessive never matter; an organisation's
    company form does not either ("Chrysler Corp" and "Chrysler Corporation" are one key, and
    "Merrill Lynch and Co" is "Merrill Lynch").
    A courtesy title stays: "Mrs Reagan" is not "Reagan" (see ``resolve`` for "Mr. Holmes"),
    and so does the form of a company named as a place: "Florida Inc" is not Florida.
    """
    words = lexicons.normalise(name).split()
    if type_ == "Organization":
        core = list(words)
        while len(core) > 1 and core[-1] in lexicons.COMPANY_SUFFIXES:
            core.pop()
        if len(core) < len(words) and len(core) > 1 and core[-1] == "and":
            core.pop()  # "Merrill Lynch and Co" is "Merrill Lynch & Co", whose "&" folds away
        if len(core) == len(words) or not _place_name(core):
            words = core
    return " ".join(words)


def _place_name(words: list[str]) -> bool:
    """Folded words that name a country or a US state."""
    return "_".join(words) in US_STATES or lexicons.is_country(" ".join(words))


def iri_name(name: str) -> str:
    """The folded name an entity's key (its IRI) is made of, whatever its type guess: as
    :func:`key_name` folds an organisation's name ("Chrysler Corp" is "chrysler")."""
    return key_name("Organization", name)


def entity_key(name: str) -> str:
    """The stable key of an entity (``chrysler``): its folded canonical name, no type."""
    return slug(iri_name(name) or name)


def legacy_key(type_: str, name: str) -> str:
    """The key kg gave the entity before keys lost their type (``organization/chrysler``);
    the graph keeps it resolvable as an ``owl:sameAs`` of the entity."""
    return f"{type_.lower()}/{slug(key_name(type_, name) or name)}"


def caseless(name: str) -> bool:
    """Written without case distinctions: a wire headline in capitals, or all lower case."""
    return name.isupper() or name.islower()


def label_rank(name: str) -> tuple[bool, int, bool, int, str]:
    """Order of preference among names of one entity key: mixed case, more words, no full
    stop at the end ("Calder Mining Ltd", not the "Calder Mining Ltd." that ended a
    sentence), longer, then the text. The one order both ``resolve`` (within a document) and
    ``merges.consolidate`` (across documents) use, so an incremental build equals an
    all-at-once build."""
    return (not caseless(name), len(name.split()), not name.endswith("."), len(name), name)


_PLURAL = re.compile(r"^[A-Za-z][\w'-]*[A-Za-z][sS]$")


def singular_names(name: str) -> list[str]:
    """The singulars a name may have when its last word is a plural ("Oscars" -> "Oscar";
    "Tories" -> "Tory", "Tori"; "Lib Dems" -> "Lib Dem"); none for a name that is no plural
    ("Congress", "ADS"-like capitals of three letters or fewer)."""
    head, _, last = name.rpartition(" ")
    if not _PLURAL.match(last) or last.endswith("ss") or (last.isupper() and len(last) <= 3):
        return []
    stems = [last[:-1]]
    if last.lower().endswith("ies"):
        stems.insert(0, last[:-3] + ("Y" if last.isupper() else "y"))
    return [f"{head} {stem}".strip() for stem in stems]
