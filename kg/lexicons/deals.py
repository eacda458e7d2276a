"""Words of business and trade: stakes, acquisitions, units, offerings, loans, production.

Read by :mod:`kg.extract.holdings`, :mod:`kg.extract.offerings`, :mod:`kg.extract.lending`,
:mod:`kg.extract.production` and the stake frames of :mod:`kg.extract.syntax`.
"""

from __future__ import annotations

# Stakes, acquisitions and units (kg.extract.holdings)

#: Nouns of a share in a company that carry the meaning of any verb they are the object of,
#: as a light verb's noun does: "bought a 10 pct stake in X" -> buy stake in X (holdings).
STAKE_NOUNS = {"stake", "holding", "shareholding"}
#: Words of a part of a company, read as a stake in it when a verb's object ("bought 20 pct
#: of X", "sell part of X", "a majority of X") names the company with "of" (frames).
PARTITIVE_WORDS = {"pct", "percent", "%", "part", "portion", "majority", "minority", "half",
                   "third", "quarter", "all", "most", "some", "much"}
#: Nouns of a company bought whole: "Itel's acquisition of Anixter", "the takeover of Y by X"
#: -> acquires (holdings), unless a word makes it a plan or an attempt, or the verb over
#: it stops or weighs it ("the proposed acquisition", "blocked the takeover").
ACQUISITION_NOUNS = {"acquisition", "purchase", "takeover", "buyout"}
UNDONE_DEAL_WORDS = frozenset(
    """proposed planned possible potential rumored rumoured contemplated failed abandoned
    hostile attempted unsolicited expected prospective""".split()
)
#: Verbs whose subject made the deal their object names ("X completed the acquisition of Y").
COMPLETING_VERBS = frozenset("complete finish finalize finalise close conclude make".split())
UNDOING_VERBS = frozenset(
    """block oppose reject abandon drop cancel terminate scrap withdraw challenge prevent bar
    fight consider study weigh seek explore discuss propose plan review rule""".split()
)
#: Nouns that make the company they stand for owned by another: "X, a unit of Y", "Y's X
#: unit" -> X unit of Y; "parent" the other way round ("X, the parent of Y") (holdings).
UNIT_NOUNS = {"unit", "subsidiary", "division", "affiliate", "arm"}
#: Words of an organisation's own bodies, departments and undertakings, which it has rather
#: than owns as a company: "its Board of Directors", "the EC's Brussels Commission",
#: "Harvard University's Energy Policy Center", "its Pacific Petroleum Project" (no
#: kg:owns; holdings).
BODY_WORDS = frozenset(
    "board directors committee council commission management staff employees workers "
    "union shareholders assembly secretariat center centre institute school department "
    "faculty project program programme plan scheme".split()
)
PARENT_NOUNS = {"parent"}


# Offerings and their underwriters (kg.extract.offerings)

#: Nouns of a company's offering of securities; its issuer is the noun's possessor or
#: name-modifier, or the subject of an issuing verb over it.
OFFERING_NOUNS = frozenset({"offering", "placement", "flotation"})
#: Verbs whose subject issues the offering they govern ("is raising 137 mln dlrs through a
#: three-tranche offering", "priced its offering").
ISSUING_VERBS = frozenset(
    "offer sell raise price launch file plan increase complete make register".split()
)
#: Nouns naming a bank by its role in an offering ("lead underwriter Salomon Brothers Inc").
UNDERWRITER_NOUNS = frozenset({"underwriter", "co-underwriter"})


# Loans (kg.extract.lending)

#: Nouns of money lent: their phrase or the verb over them names the lender and the borrower.
LOAN_NOUNS = frozenset({"loan", "credit", "lending"})
#: Verbs whose subject lends the loan they govern ("extended a credit to Brazil").
GRANTING_VERBS = frozenset("extend grant provide make approve give advance lend".split())
#: Verbs whose subject borrows the loan they govern ("signed for a loan from", "obtained").
OBTAINING_VERBS = frozenset("obtain receive get secure sign win raise take".split())


# Production (kg.extract.production)

#: Nouns of what a place or a company produces ("Brazil's coffee crop", "copper production in
#: Chile") and of the area a crop grows in ("the Bahia cocoa zone", "the corn belt").
PRODUCTION_NOUNS = frozenset(
    "crop harvest output production zone belt".split()
)


# Relations between two parties (kg.extract.nominal, kg.extract.syntax)

#: Nouns of what goes on between two parties, read with "between A and B" ("the takeover
#: battle between X and Y", "talks between X and Y": X battles, talks with Y; kg.extract.nominal).
#: Not nouns of a difference in amount or a place between ("the gap between", "the border").
RELATIONAL_NOUNS = frozenset(
    """talk talks negotiation negotiations meeting meetings summit dispute disputes difference
    differences disagreement conflict conflicts battle fight war rivalry competition contest
    clash clashes tension tensions agreement accord deal pact treaty alliance partnership
    venture merger cooperation collaboration link links tie ties relation relations trade
    contact contacts dialogue feud row""".split()
)

#: Nouns of a deal, a dispute or talks whose preposition names the other party, whatever the
#: verb over them: "placed an order with X", "signed an agreement with X", "won a contract
#: from X", "rejected a bid by X", "filed a suit against X" -> "place order with" X
#: (the verb frames of kg.extract.frames read them as they read light verbs).
PARTY_NOUNS = frozenset(
    """order orders contract contracts agreement agreements accord deal pact treaty bid offer
    proposal lawsuit suit complaint talks negotiations alliance venture partnership merger
    tender""".split()
)
