"""The closed table of relation rules: every ``Evidence.rule`` kg writes is one of
:class:`Rule`, optionally followed by ``+`` and one of :class:`How` (how the subject was
found: "svo+passive"). :func:`kg.extract.evidence.candidate` refuses any other name.
"""

from __future__ import annotations

from enum import StrEnum


class Rule(StrEnum):
    """The rule a relation was read by (the module that reads it in brackets)."""

    SVO = "svo"  # verb frame with a direct object (frames)
    SVO_PREP = "svo-prep"  # verb frame with a prepositional object (frames)
    THEME_PREP = "theme-prep"  # "push X onto Y": the object is the fact's subject (frames)
    COPULA = "copula"  # "X is the president of Y" (frames, nominal)
    MEASURE = "measure"  # a measured trade noun: "exports to Russia fell" (frames)
    TITLE = "title"  # "President Putin of Russia", "Russia's president Putin" (nominal)
    APPOSITION = "apposition"  # "Putin, the president of Russia" (nominal)
    NOMINAL = "nominal"  # two names in one noun phrase (nominal)
    EVENT = "event"  # an event noun: "Kennedy's killing by Oswald" (nominal)
    BETWEEN = "between"  # "talks between X and Y" (nominal)
    SOURCE_LINE = "source-line"  # "Moscow INTERFAX in English" (dateline)
    ADDRESS = "address"  # "Dayton, Ohio" (surface)
    AGENT_NOUN = "agent-noun"  # "McKinley's assassin Leon Czolgosz" (surface)
    NATIVE = "native"  # "his native Ohio", "his home in Larchmont" (surface)
    BORN = "born"  # "Illinois born Charlton Heston" (surface)
    BASED = "based"  # "the Frankfurt-based Commerzbank" (surface)
    COMPANY_TITLE = "company-title"  # "Laurie Milbank and Co manager Machiko Suzuki" (surface)
    STAKE = "stake"  # "bought a 10 pct stake in X": a stake noun's verb (frames)
    UNIT = "unit"  # "X, a unit of Y", "Y's X unit", "X, the parent of Y" (holdings)
    STAKE_POSSESSIVE = "stake-possessive"  # "the Wallenbergs' stake in X" (holdings)
    POSSESSIVE_OWNER = "possessive-owner"  # "its Shearson Lehman Brothers Inc" (holdings)
    ACQUISITION = "acquisition"  # "Itel's acquisition of Anixter" (holdings)
    UNDERWRITER = "underwriter"  # "said lead underwriter Salomon Brothers Inc" (offerings)
    LOAN = "loan"  # "a loan from the Export-Import Bank to Pemex" (lending)
    PRODUCTION = "production"  # "Brazil's coffee crop", "copper output in Chile" (production)
    BASED_APPOSITION = "based-apposition"  # "X, a Belfast-based company" (holdings)
    TITLE_SPEAKER = "title-speaker"  # "X has ..., chairman Jim Leslie said" (speakers)
    IMPLICIT_TITLE = "implicit-title"  # "vice president X said", the story's company (speakers)
    OFFICE = "office"  # "Japanese Finance Minister Kiichi Miyazawa" (offices)
    IMPLICIT_OFFICE = "implicit-office"  # "Finance Minister X", the story's country (offices)
    PARTY_TAG = "party-tag"  # "Sen. Edward Kennedy (D-Mass.)" (legislators)
    PARTY_APPOSITION = "party-apposition"  # "X, an Oklahoma Republican," (legislators)
    PARTY_TITLE = "party-title"  # "Democratic senator X of Maryland" (legislators)


class How(StrEnum):
    """How a verb frame's subject was found, when not as the verb's own subject."""

    PASSIVE = "passive"  # the agent of a passive, or "is born in" without one
    CONTROL = "control"  # inherited through control or a gerund: "plans to visit"
    CONJ = "conj"  # inherited through coordination: "arrived and met"


#: The clause rule whose calibrated prior (``kg/data/confidence.tsv``) stands for a relation
#: of each rule when no clause reading holds its anchor: every rule, no default.
CLAUSE_PRIORS: dict[Rule, str] = {
    Rule.SVO: "verb",
    Rule.SVO_PREP: "verb",
    Rule.THEME_PREP: "verb",
    Rule.COPULA: "copula",
    Rule.MEASURE: "verb",
    Rule.TITLE: "title",
    Rule.APPOSITION: "apposition",
    Rule.NOMINAL: "modifier",
    Rule.EVENT: "verb",
    Rule.BETWEEN: "modifier",
    Rule.SOURCE_LINE: "modifier",
    Rule.ADDRESS: "modifier",
    Rule.AGENT_NOUN: "apposition",
    Rule.NATIVE: "modifier",
    Rule.BORN: "modifier",
    Rule.BASED: "modifier",
    Rule.COMPANY_TITLE: "title",
    Rule.STAKE: "verb",
    Rule.UNIT: "apposition",
    Rule.STAKE_POSSESSIVE: "modifier",
    Rule.POSSESSIVE_OWNER: "modifier",
    Rule.ACQUISITION: "modifier",
    Rule.UNDERWRITER: "apposition",
    Rule.LOAN: "modifier",
    Rule.PRODUCTION: "modifier",
    Rule.BASED_APPOSITION: "apposition",
    Rule.TITLE_SPEAKER: "title",
    Rule.IMPLICIT_TITLE: "title",
    Rule.OFFICE: "title",
    Rule.IMPLICIT_OFFICE: "title",
    Rule.PARTY_TAG: "apposition",
    Rule.PARTY_APPOSITION: "apposition",
    Rule.PARTY_TITLE: "title",
}


def full_name(rule: str, how: str) -> str:
    """The rule as written on the evidence: ``rule`` or ``rule+how``. Raises ValueError for a
    name outside the table."""
    Rule(rule)
    if how:
        How(how)
    return f"{rule}+{how}" if how and how not in rule else rule
