"""Word lists of the extraction stage (``kg.extract``): what marks a name's class, titles,
pronouns, prepositions and nouns the relation rules read. Each list is read by the module
named in its section heading; the words are data, the rules stay in those modules.
Lists shared by extract and resolve (countries, company forms, honorifics, nouns of kinds)
are in :mod:`kg.lexicons` itself.
"""

from __future__ import annotations

# Kinds of names (the class English marks around a name: kg.extract.retype)

#: Head words that make a name a place ("Dan Sai District", "Nelson Street").
PLACE_HEADS = frozenset(
    """street avenue road boulevard lane district province county parish prefecture river
    lake mountain mountains island islands square channel valley desert bay gulf sea ocean
    canyon peninsula creek highway""".split()
)

#: Honorifics and titles that make a name a person's when they open it or stand right before
#: it (retype). Not :data:`kg.lexicons.HONORIFICS` (the titles a person's name key drops,
#: with military ranks and "capt", "miss") nor :data:`TITLES_JOINED_TO_NAMES` (kept in the
#: mention): the three lists answer different questions, and merging them changes output.
#: Head words of a named facility: "the Peninsula Hotel", "Kennedy Airport" are places one
#: can be at, whatever the tagger called them (not "Railway", "Line", "Station": companies
#: and broadcasters are named so too).
FACILITY_HEADS = frozenset("hotel airport stadium refinery bridge dam tunnel canal".split())

#: Nouns a paper's or an agency's name modifies: "the authoritative Business Day newspaper".
MEDIA_KINDS = frozenset("newspaper magazine daily weekly journal paper agency".split())

#: What a company has and a person has not: "Crestline chairman Walter Brandt".
COMPANY_NOUNS = frozenset(
    "chairman chairwoman board share shareholder stockholder subsidiary".split()
)

PERSON_TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. rev rev. sen sen. rep rep. gov gov. gen gen. sir lord
    lady prince princess archduke duke duchess king queen emperor pope president premier
    chancellor""".split()
)

#: Kind nouns that name what a name is, by the class they make it.
KIND_NOUNS = {
    "Organization": frozenset(
        """company firm corporation newspaper agency bank party group network station
        airline carrier manufacturer maker retailer chain broadcaster publisher magazine
        daily weekly union organization organisation""".split()
    ),
    "Place": frozenset(
        """town city village state province capital county region port district suburb
        island republic hamlet community""".split()
    ),
    "Person": frozenset(
        """spokesman spokeswoman lawyer attorney designer actor actress diver director
        reporter writer author poet playwright composer singer musician player coach
        officer official minister senator governor mayor leader chairman economist analyst
        professor teacher student doctor wife husband son daughter mother father brother
        sister widow assassin killer murderer gunman suspect soldier colonel commander
        captain pilot farmer historian scientist physician surgeon judge prosecutor
        activist dissident conqueror""".split()
    ),
}

#: The US states, each with its news (AP) abbreviations and then, after "|", the spellings
#: written only in a legislator's party tag ("D-Tex.", "R-Kans.", "D-IL."): keys are
#: :func:`kg.extract.retype.state_key`'s ("N.C." -> "nc", "New York" -> "new_york").
_STATE_TABLE = """
    Alabama: ala | al;  Alaska: | ak;  Arizona: ariz | az;  Arkansas: ark | ar;
    California: calif | cal ca;  Colorado: colo | co;  Connecticut: conn | ct;
    Delaware: del | de;  Florida: fla | fl;  Georgia: ga |;  Hawaii: | hi;  Idaho: | id;
    Illinois: ill | il;  Indiana: ind | in;  Iowa: | ia;  Kansas: kan | kans ks;
    Kentucky: ky | ken;  Louisiana: la |;  Maine: | me;  Maryland: md |;
    Massachusetts: mass | ma;  Michigan: mich | mi;  Minnesota: minn | mn;
    Mississippi: miss | ms;  Missouri: mo |;  Montana: mont | mt;  Nebraska: neb | nebr ne;
    Nevada: nev | nv;  New Hampshire: nh |;  New Jersey: nj |;  New Mexico: nm | nmex;
    New York: ny |;  North Carolina: nc |;  North Dakota: nd | ndak;  Ohio: | oh;
    Oklahoma: okla | ok;  Oregon: ore | or oreg;  Pennsylvania: pa | penn;
    Rhode Island: ri |;  South Carolina: sc |;  South Dakota: sd | sdak;
    Tennessee: tenn | tn;  Texas: | tex tx;  Utah: | ut;  Vermont: vt |;  Virginia: va |;
    Washington: wash | wa;  West Virginia: wva | wv;  Wisconsin: wis | wisc wi;
    Wyoming: wyo | wy
"""
#: The state of Washington by a name of its own: the bare name is, in news copy, the capital
#: of the United States (the dateline "WASHINGTON, March 3"), a place of another key.
_STATE_LABELS = {"Washington": "Washington State"}


def _states(tag_only: bool) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in _STATE_TABLE.split(";"):
        name, _, spellings = entry.strip().partition(":")
        news, _, tags = spellings.partition("|")
        label = _STATE_LABELS.get(name, name)
        keys = tags.split() if tag_only else ["_".join(name.lower().split()), *news.split()]
        table.update(dict.fromkeys(keys, label))
    return table


#: Every spelling of a US state, folded by :func:`kg.extract.retype.state_key`, -> the state's
#: name ("ill" -> "Illinois", "w.va." as "wva" -> "West Virginia"), the party tags' own
#: spellings included (kg.extract.legislators).
STATE_NAMES: dict[str, str] = {**_states(tag_only=False), **_states(tag_only=True)}

#: The US states and their news (AP) abbreviations; "Conn." and "Conn" are both written. Not
#: the spellings only a party tag uses ("Tex", "IL"): "Austin, Tex" is read, "Paris, IN" not.
US_STATES = frozenset(_states(tag_only=False))

#: Ambiguous abbreviations that are also common words: a state only after "City,".
WORDLIKE_STATE_ABBREVIATIONS = frozenset(
    {"ill", "ind", "miss", "mass", "la", "del", "ore", "wash", "me"}
)

#: Verbs and nouns whose patient is a person: "assassinated Lincoln", "assassin of Lincoln".
VICTIM_VERBS = frozenset({"assassinate", "murder"})

VICTIM_NOUNS = frozenset({"assassin", "assassination", "murderer", "murder", "killer"})


# Mentions (kg.extract.mentions)

#: Titles written capitalised right before a name, as part of it ("Sen. Robert F. Kennedy");
#: see :data:`PERSON_TITLES` for the wider list that only decides the type.
TITLES_JOINED_TO_NAMES = frozenset(
    """mr. mrs. ms. dr. rev. sen. rep. gov. mr mrs ms dr rev sen rep gov president""".split()
)

#: Prepositions that take a place: a name after them is a place unless it says otherwise.
LOCATIVE_PREPOSITIONS = {"in", "near", "outside", "across", "throughout", "around", "inside"}

#: Head words that make a name an organisation whatever precedes it.
ORGANISATION_WORDS = frozenset(
    """
    agency army assembly association bank board bureau church club co co. college
    commission committee company congress corp corp. corporation council court department
    fleet foundation government group inc inc. institute league ltd ministry navy network news
    office organization parliament party police press radio school senate service society
    times tv union university
    """.split()
)


#: Head words of a state's own bodies: "the U.S. Agriculture Department", "the British
#: government", "the U.S. Navy" belong to the country, which is no base of theirs (nominal).
STATE_BODY_WORDS = frozenset(
    """government ministry department treasury navy army police parliament congress senate
    cabinet embassy administration""".split()
)


#: A party's members in the plural, capitalised, name the party in news copy ("the Christian
#: Democrats are likely to leave the coalition", "the Liberals", "the Tories"): the party, an
#: organisation, whatever the tagger called the word (a group, a place).
PARTY_MEMBERS = frozenset(
    """democrats republicans liberals conservatives socialists communists greens tories
    nationalists unionists radicals""".split()
)

#: Words of a broadcaster's or a paper's name: after a country's name they make one
#: organisation's name ("Vatican Radio", "Surinam News Agency"), never the country's body.
MEDIA_WORDS = frozenset("news radio television tv times press network".split())


# Pronouns and instruments (kg.extract.reader)

#: Weapons and shots: the one who fires or sets them off is the agent of what they do.
INSTRUMENT_NOUNS = {"shot", "bullet", "bomb", "grenade", "missile", "rocket", "round"}

#: Relative pronouns that stand for their antecedent as an argument (reader); the clause
#: reader's :data:`RELATIVE_WORDS` adds the relative adverbs "where", "when".
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}

#: Pronouns the reader resolves to the last person.
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}

#: Pronouns the reader resolves to the last organisation or place in subject position.
THING_PRONOUNS = {"it", "its"}


# Resolution (kg.resolve)

#: Pronouns never kept as an entity's alias (resolve): the reader's and the plural ones.
PRONOUNS = {"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their"}


# Noun-phrase relations (kg.extract.nominal)

#: Prepositions that attach a role to the organisation or place it is held at.
ROLE_PREPOSITIONS = {"at", "for", "with", "in"}

#: Nouns of a relation between two parties ("Qatar, an OPEC member", "four OPEC members --
#: Saudi Arabia, Kuwait", "a key U.S. ally"): the names they link are members, partners or
#: rivals, never the one based or located in the other.
MEMBERSHIP_NOUNS = frozenset(
    """member members membership partner partners ally allies rival rivals neighbour
    neighbours neighbor neighbors competitor competitors customer customers client clients
    supplier suppliers signatory signatories shareholder shareholders""".split()
)

#: Public offices and party labels: a place named with one of them ("New York Governor
#: Mario Cuomo", "Speaker James Wright of Texas", "the Michigan Democrat", "U.S. trade
#: representative") is the office's jurisdiction or constituency, not where the holder
#: lives; an occupation ("Texas rancher", "engineers in Brazil") still places a person.
PUBLIC_OFFICES = frozenset(
    """governor gov lieutenant senator sen congressman congresswoman representative rep
    speaker delegate ambassador envoy consul minister secretary president premier mayor
    leader chancellor commissioner lawmaker legislator deputy mp assemblyman councilman
    alderman official spokesman spokeswoman negotiator diplomat attorney treasurer
    comptroller democrat republican liberal conservative socialist""".split()
)


#: Event nouns whose possessor or "of" object is the patient of the fact (Kennedy's killing),
#: and the property the event states.
EVENT_NOUNS = {
    "killing": "killed",
    "assassination": "killed",
    "murder": "killed",
    "slaying": "killed",
    "shooting": "killed",
}


# Government offices (kg.extract.offices)

#: Titles of a national government's offices, as the noun right before the holder's name
#: ("Finance Minister Dilson Funaro"), with what else the title must say to be one:
#: ``None`` nothing, else one of the words (a governor of the central bank, a spokesman of a
#: ministry or the government, a trade representative; a president or governor of a company
#: is not the country's).
GOVERNMENT_TITLES: dict[str, frozenset[str] | None] = {
    "minister": None,
    "secretary": None,
    "undersecretary": None,
    "premier": None,
    "president": None,
    "chancellor": None,
    "ambassador": None,
    "envoy": None,
    "negotiator": None,
    "governor": frozenset({"bank"}),
    "spokesman": frozenset({"ministry", "government"}),
    "spokeswoman": frozenset({"ministry", "government"}),
    "representative": frozenset({"trade"}),
}

#: Titles whose holder leads the country (``leaderOf``, as the lexicon's "is president of"),
#: unless a rank word says otherwise ("Deputy Prime Minister"); other offices are
#: ``officialOf``.
HEAD_OF_GOVERNMENT_TITLES = frozenset({"president", "premier", "prime minister"})
HEAD_RANK_WORDS = frozenset({"deputy", "vice", "acting", "first"})

#: Words of an office's portfolio and rank that stand between the country and the title
#: ("West German Economics Minister", "Japan's International Trade and Industry Minister",
#: "U.S. Treasury Secretary", "Deputy Prime Minister"). Any other word (a company, "former",
#: "opposition") makes the phrase no national office this reading vouches for.
OFFICE_WORDS = frozenset(
    """finance financial foreign trade economics economy economic agriculture agricultural
    farm treasury energy oil petroleum industry industries industrial commerce commercial
    defence defense state interior home labor labour justice prime deputy vice acting chief
    senior assistant under international planning budget fisheries mines mining transport
    health education environment information communications cabinet development
    cooperation co-operation external relations affairs public works resources natural
    telecommunications posts central bank ministry government and of first""".split()
)

#: Prepositions that make a country what an official deals with, not the one they serve:
#: "Agriculture Secretary Richard Lyng ... a wheat initiative to the Soviet Union", "President
#: Reagan's speech on the Iran arms scandal".
OUTWARD_PREPOSITIONS = frozenset(
    """to toward towards with against on about over into""".split()
)

#: Words that open a clause whose content may be supposed, not stated ("If I were Finance
#: Minister Dilson Funaro"); a name there carries no office. Not "whether": "whether Finance
#: Minister X will attend" still presupposes the title.
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "suppose", "supposing"})

# Word-order relations (kg.extract.surface)

#: Nouns for the doer of a deed, with the property from the doer to the one it was done to.
AGENT_NOUNS = {"assassin": "killed", "killer": "killed", "murderer": "killed", "slayer": "killed"}

#: Modifiers that make a place someone's home: "his native Ohio", "her home town".
NATIVE_WORDS = frozenset({"native", "home"})

#: Words that place a town inside a region: "south-east Algeria", "northern Iraq".
COMPASS = frozenset(
    """north south east west northern southern eastern western central northeast northwest
    southeast southwest north-east north-west south-east south-west northeastern
    northwestern southeastern southwestern""".split()
)


# Source lines (kg.extract.dateline)

#: Languages a monitored source is transcribed from ("in Arabic").
LANGUAGES = frozenset(
    """english arabic spanish russian french german chinese mandarin turkish portuguese
    japanese korean persian farsi italian hebrew serbo-croatian croatian serbian polish
    ukrainian czech hungarian romanian bulgarian greek dutch vietnamese thai indonesian
    malay urdu hindi pashto dari""".split()
)


# Titles and noun-phrase paths (kg.extract.syntax)

#: Adjectives that place a title in time rather than name another office ("former
#: president"); words, not the dependency labels of ``deps.TIME_MODIFIER_LABELS``.
TIME_ADJECTIVES = frozenset({"former", "late", "then", "current", "incumbent", "outgoing", "first"})

NOMINAL_PREPOSITIONS = {"of", "in", "at", "for", "from", "with"}


# Open clauses (kg.extract.clause, kg.extract.clauses)

#: Relative pronouns and adverbs that open a relative clause (clause reader).
RELATIVE_WORDS = {"who", "whom", "which", "that", "whose", "where", "when"}

#: Pronouns too vague to be an argument on their own.
VAGUE_PRONOUNS = {"this", "that", "these", "those", "it", "which", "what", "something", "anything"}

#: Measures of goods: an argument "5 mln tonnes of wheat" stands for the goods measured
#: ("China exported 5 mln tonnes of wheat" -> China export wheat; p2_arguments). Not money,
#: shares or percentages, whose "of" names a company or a security held in part.
GOODS_MEASURES = frozenset(
    """tonne ton barrel bale bag bushel ounce gallon litre liter carload cargo shipment
    consignment lb""".split()
)
#: Light verbs whose object noun carries the meaning ("make an offer", "take part").
LIGHT_VERBS = {"make", "take", "give", "have", "do", "hold", "pay", "reach", "play"}
#: Titles of people who speak about a company from outside it ("analyst Jim Smith said"):
#: no title at the company the sentence is about (speakers).
OUTSIDE_ROLES = {"analyst", "economist", "strategist", "consultant", "lawyer", "attorney", "broker"}
#: Titles of a government portfolio, written after the portfolio's name: capitalised after
#: a name ("Finance Minister Edouard Balladur", "Wheat Board Minister Charles Mayer") they
#: are an office (offices), not a title at the organisation named before them (surface),
#: and the portfolio is no organisation's name (boundaries).
PORTFOLIO_TITLES = frozenset({"minister", "secretary", "undersecretary"})
#: Role nouns of the people a company employs, for a title written between the company's name
#: and the person's ("Laurie Milbank and Co assistant manager Machiko Suzuki") when the
#: lexicon has no frame of its own for the title (surface).
COMPANY_ROLES = frozenset(
    """manager spokesman spokeswoman spokesperson analyst economist strategist trader
    officer executive director partner treasurer counsel official engineer""".split()
)


# Nominal clauses (kg.extract.nominal_clauses)

#: Prepositions after a noun that state where, when or with what the noun is ("the depot at
#: Kettering" -> the depot be at Kettering).
NOUN_PREPOSITIONS = {"in", "at", "on", "from", "near", "during", "with", "inside", "like"}


# Legislators (kg.extract.legislators)

#: The two US parties by the letter of a legislator's tag ("D-Mass.") and by the words news
#: copy writes before or after a legislator's name ("Democratic senator", "a Texas
#: Democrat"); keys in lower case. An independent's "I-Vt." names no party: the tag letters
#: are :data:`PARTY_TAG_LETTERS`.
US_PARTIES = {
    "d": "Democratic Party",
    "democrat": "Democratic Party",
    "democratic": "Democratic Party",
    "r": "Republican Party",
    "republican": "Republican Party",
}
PARTY_TAG_LETTERS = "DRI"

#: Titles of members of Congress, before a name ("Sen. Paul Sarbanes", "Democratic senator
#: Barbara Mikulski") or after a party word ("a Republican senator from Idaho"): they make a
#: party word a US party and the state named with them the one the holder represents.
LEGISLATIVE_TITLES = frozenset(
    """sen sen. senator rep rep. representative congressman congresswoman lawmaker
    legislator""".split()
)
#: Words that name a chamber of Congress before a party word ("Senate Republican leader
#: Robert Dole", "a House Democrat from Connecticut"): the party is a US party.
CHAMBER_WORDS = frozenset({"House", "Senate"})
#: Words before "leader" that make it a group's leader within a body ("Senate Republican
#: leader", "Majority Leader"), not the body's or the party's (p3_relations).
GROUP_LEADER_WORDS = frozenset(
    "republican republicans democratic democrat democrats majority minority floor".split()
)
#: Titles whose holder is no member of Congress ("Republican Governor Kay Orr of Nebraska",
#: "Democratic presidential candidate Michael Dukakis of Massachusetts"): the party, but no
#: state represented.
EXECUTIVE_TITLES = frozenset(
    "gov gov. governor lieutenant mayor president presidential candidate nominee hopeful".split()
)
