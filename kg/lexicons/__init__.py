"""kg's word lists, in one package: edit a list here and every rule that reads it follows.

- this module: the lists extract and resolve share (countries, demonyms and capitals from
  ``kg/data/countries.tsv``; common given names from ``kg/data/given-names.tsv``;
  infrastructure, commodities, office titles, company forms,
  honorifics) and the city/state reading of capitals;
- :mod:`kg.lexicons.names`: the extraction stage's own lists (kinds of names, titles,
  pronouns, prepositions, event and agent nouns), by the module that reads them;
- :mod:`kg.lexicons.qualifiers`: the qualifiers' lists (speech and reporting verbs,
  negation and modality words, time words, units, currencies, trade nouns).

Dependency labels are not words: they are in :mod:`kg.extract.deps`. Where two lists look
alike (titles, relative words, verbs of saying, number words) their comments say how they
differ; each was kept apart because merging it would change what kg extracts.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources


@cache
def _countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(any name of a country -> its name, demonym -> country, capital -> country), keys
    normalised."""
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    text = resources.files("kg").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        country, demonym_field, alias_field, capital_field = (line.split("\t") + ["", "", ""])[
            :4
        ]
        names[normalise(country)] = country
        for alias in filter(None, alias_field.split(";")):
            names[normalise(alias)] = country
        for demonym in filter(None, demonym_field.split(";")):
            demonyms[normalise(demonym)] = country
        for capital in filter(None, capital_field.split(";")):
            capitals[normalise(capital)] = country
    return names, demonyms, capitals


@cache
def _given_names() -> frozenset[str]:
    text = resources.files("kg").joinpath("data/given-names.tsv").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def is_given_name(word: str) -> bool:
    """Whether a word, as written ("Jeffery", not "jeffery"), is a common English given name
    (``kg/data/given-names.tsv``)."""
    return word in _given_names()


_POSSESSIVE = re.compile(r"[’']s\b")
_LEADING_THE = re.compile(r"^the\s+", flags=re.IGNORECASE)
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1 << 16)  # a pure function called ~200 times per article on few names
def normalise(name: str) -> str:
    """Fold a name for comparison: case, punctuation, a leading "the", a possessive."""
    name = _POSSESSIVE.sub("", name.strip())
    name = _LEADING_THE.sub("", name)
    return " ".join(_WORD.findall(name.casefold().replace(".", "")))


def country_name(name: str) -> str | None:
    """The country a name denotes ("U.S." -> "United States"), or None."""
    return _countries()[0].get(normalise(name))


def is_country(name: str) -> bool:
    """Whether a name denotes a country."""
    return country_name(name) is not None


def country_of_demonym(word: str) -> str | None:
    """The country a demonym refers to ("Russian" -> "Russia"), or None."""
    return _countries()[1].get(normalise(word))


def country_of_capital(name: str) -> str | None:
    """The country whose capital a name is ("Beijing" -> "China"), or None."""
    return _countries()[2].get(normalise(name))


def country_names() -> dict[str, str]:
    """Every name of a country (normalised) -> the country's name."""
    return dict(_countries()[0])


#: Head nouns that make a quoted name a piece of infrastructure.
INFRASTRUCTURE = frozenset(
    """pipeline pipe bridge tunnel railway railroad rail road highway motorway canal port
    harbour harbor terminal airport dam plant reactor refinery mine cable grid line corridor
    station facility field well base""".split()
)

#: Head nouns of goods and commodities ("consumer goods", "winter wheat").
COMMODITIES = frozenset(
    """goods commodity commodities wheat grain grains corn maize soybean soybeans rice barley
    sugar coffee cocoa cotton oil crude gas lng petroleum diesel gasoline fuel coal iron ore
    steel aluminium aluminum copper nickel gold silver platinum palladium uranium lithium
    timber lumber fertilizer fertiliser material materials product products resource
    resources smartphone smartphones computer computers chip chips semiconductor
    semiconductors car cars vehicle vehicles truck trucks weapon weapons missile missiles
    drone drones ammunition electricity energy beef pork meat fish dairy milk wine tea rubber
    zinc tin sorghum oats rapeseed canola copra cattle hogs livestock jute tobacco wool
    naphtha propane""".split()
)

#: Nouns too vague to stand as a concept argument of a fact.
VACUOUS_NOUNS = frozenset(
    """way ways thing things time times number numbers part parts lot lots share kind sort
    type one ones fact case point matter issue issues side sides year years day days week
    weeks month months people anything something nothing everything claim claims end start
    concern concerns""".split()
)

#: Titles whose nationality modifier names the country held ("Russian leader" -> Russia).
OFFICE_TITLES = frozenset(
    """leader president premier chancellor king queen monarch ruler dictator governor mayor
    minister head chief""".split()
)

#: Adjectives that do not name a kind of thing ("single missile" is a missile).
NON_CLASSIFYING = frozenset(
    """single whole other many current new more most same several various such own main
    last first next few certain entire total further additional major key big large small
    huge recent""".split()
)

#: Verbs whose open frame says nothing about how two entities relate ("X has Y", "X told
#: Reuters"): light verbs and verbs of saying, which introduce attributions, not facts.
NON_RELATION_VERBS = frozenset(
    """be have do get tell say add note see state report comment""".split()
)

#: Nouns a capital's possessive keeps its city reading with ("Moscow's mayor"); with other
#: nouns ("Beijing's stance", "Moscow's position") the capital stands for the state.
CITY_NOUNS = frozenset(
    """mayor mayors resident residents street streets airport airports metro subway
    underground population outskirts centre center suburb suburbs skyline air district
    districts hospital hospitals university universities city zoo stadium traffic weather
    police""".split()
)

#: Nouns of trade a capital's possessive keeps its city reading with: its markets, prices and
#: firms ("London's futures market", "Tokyo's banks"); see ``kg.extract.metonymy``.
CITY_TRADE_NOUNS = frozenset(
    """market markets exchange exchanges bourse bourses futures price prices fixing auction
    auctions dealers traders trading company companies firm firms bank banks hotel hotels
    store stores shop shops restaurant restaurants business businesses""".split()
)

#: Nouns of a relation or a concern of an actor: a superlative of size on them ranks the
#: state's partners or worries ("Beijing's largest trading partner", "Washington's biggest
#: concern"); on other nouns the city's businesses ("Ottawa's largest caterer").
RELATION_NOUNS = frozenset(
    """partner partners ally allies customer customers supplier suppliers creditor creditors
    debtor debtors donor donors lender lenders rival rivals enemy enemies critic critics
    concern concerns priority priorities fear fears worry worries problem problems challenge
    challenges threat threats gamble market markets""".split()
)

#: Verbs whose subject keeps the city reading ("Moscow lies on ...", "Beijing hosts ...").
CITY_VERBS = frozenset("""be lie sit host welcome stand become remain""".split())

#: Nouns and verbs whose prepositional object names a political actor ("dependence on
#: Beijing", "relations with Moscow", "pressure from Washington").
ACTOR_HEADS = frozenset(
    """dependence reliance relations relation ties talks pressure sanctions criticism
    demands demand agreement deal dispute rely depend pressure urge criticize criticise
    accuse warn negotiate""".split()
)

#: Company-form words dropped from an organisation's key ("Chrysler Corp" ~ "Chrysler").
COMPANY_SUFFIXES = frozenset(
    """inc incorporated corp corporation co company cos ltd limited plc llc lp ag sa nv bv
    spa gmbh holdings ab""".split()
)

def is_company_form(word: str) -> bool:
    """A company form ("Corp", "Ltd.", "INC"), whatever its case and a full stop."""
    return word.lower().rstrip(".") in COMPANY_SUFFIXES


#: Words not counted in an acronym's initials ("Organization of the Petroleum ...").
ACRONYM_STOPWORDS = frozenset("""of the and for in on de du des la le &""".split())

#: Words that name a kind of institution, never one by themselves: a short form that is only
#: such words ("Senate", "the Commission") does not join a longer name ("Senate Armed
#: Services Committee").
GENERIC_ORG_WORDS = frozenset(
    """senate house congress parliament assembly council committee commission ministry
    department government cabinet court bank treasury agency authority board office
    administration union association federation institute university""".split()
)

#: Courtesy titles and ranks before a person's name, dropped from its key: "Mr. Holmes" is a
#: short form of "Sherlock Holmes" (resolve); see ``names.PERSON_TITLES``.
HONORIFICS = frozenset(
    """mr mrs ms miss mx dr prof sir dame lord lady madam mme m herr frau sen rep gov gen
    col maj capt adm lt sheikh""".split()
)

#: Courtesy titles of women: "Mrs Reagan" is neither "Reagan" nor "Ronald Reagan" (kg knows
#: no first names' gender, so these titles never join another name).
FEMALE_HONORIFICS = frozenset("""mrs ms miss madam mme dame lady frau""".split())
