"""Word lists of the qualifiers (``kg.extract.qualify``): attribution, polarity and modality,
time phrases and expressions, quantities, measured relations. Each list is read by the
module named in its section heading; the words are data, the rules stay in those modules.
"""

from __future__ import annotations

from decimal import Decimal

from kg.model import Direction

# Attribution (kg.extract.qualify.attribution)

#: Verbs of saying whose subject is the source of a clause (attribution). Not
#: :data:`REPORTING_VERBS` (factuality: saying, believing and finding out make their
#: complement reported) nor ``kg.lexicons.NON_RELATION_VERBS`` (frames that state no
#: relation): three questions, three lists.
SPEECH_VERBS = {
    "say", "tell", "add", "note", "state", "claim", "report", "announce", "confirm", "insist",
    "argue", "warn", "stress", "emphasize", "emphasise", "explain", "acknowledge", "admit",
    "complain", "write", "tweet", "declare", "reveal", "disclose", "allege", "assert",
    "maintain", "deny", "comment", "remark", "observe", "point", "conclude", "estimate",
    "predict", "suggest", "reply", "respond", "answer", "testify", "concede", "recall",
    "inform", "brief", "quote", "cite", "show", "indicate",
}  # fmt: skip

DOUBLE_QUOTES = {"“", "”", '"', "''", "``"}


# Polarity and modality (kg.extract.qualify.factuality)

#: Negation words; each flips the polarity.
NEGATIONS = {"not", "n't", "never", "no", "nor", "neither"}

#: Verbs whose complement did not happen: "refused to allow", "failed to agree".
NEGATIVE_VERBS = {
    "refuse", "decline", "fail", "reject", "avoid", "cease", "forgo", "resist", "neglect",
    "stop", "quit", "abandon", "halt", "omit", "spurn", "balk", "hesitate", "deny",
}  # fmt: skip

#: Verbs that deny the claim their clause (or their object's clause) states.
DENIAL_VERBS = {"deny", "dismiss", "reject", "refute", "rebuff", "dispute", "contest", "debunk",
                "disprove", "rubbish", "brush"}  # fmt: skip

ATTEMPT_VERBS = {"try", "attempt", "seek", "strive", "endeavour", "endeavor", "struggle",
                 "fight", "push", "lobby", "campaign", "work"}  # fmt: skip

PLAN_VERBS = {
    "plan", "intend", "aim", "want", "hope", "wish", "prepare", "propose", "vow", "pledge",
    "promise", "threaten", "expect", "schedule", "mean", "agree", "decide", "resolve",
    "set", "go", "look", "consider", "mull", "weigh",
}  # fmt: skip

#: Control adjectives: "is likely to", "is set to", "is unable to".
PLAN_ADJECTIVES = {"set", "due", "poised", "ready", "expected", "scheduled", "eager", "keen"}

POSSIBLE_ADJECTIVES = {"likely", "unlikely", "able", "possible", "probable", "interested"}

NEGATIVE_ADJECTIVES = {"unable", "unwilling", "reluctant"}

#: Verbs of saying, believing and finding out whose complement clause is reported, not
#: asserted (factuality); see :data:`SPEECH_VERBS`.
REPORTING_VERBS = {
    "say", "tell", "add", "note", "state", "claim", "report", "announce", "confirm", "insist",
    "argue", "warn", "stress", "emphasize", "emphasise", "explain", "acknowledge", "admit",
    "complain", "write", "tweet", "declare", "reveal", "disclose", "allege", "assert",
    "maintain", "suggest", "believe", "think", "suspect", "fear", "estimate", "predict",
    "accuse", "show", "indicate", "understand", "learn", "hear", "know", "find",
}  # fmt: skip

CLAIM_NOUNS = {"claim", "report", "allegation", "rumour", "rumor", "suggestion", "speculation",
               "accusation", "assertion", "statement", "charge", "notion", "idea",
               "story", "reports", "news"}  # fmt: skip

FUTURE_AUX = {"will", "shall", "'ll", "wo"}

POSSIBLE_AUX = {"may", "might", "could", "would", "can", "should", "must", "'d", "ca"}

POSSIBLE_ADVERBS = {"possibly", "perhaps", "maybe", "likely", "probably", "potentially",
                    "conceivably", "presumably"}  # fmt: skip

REPORTED_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently",
                    "ostensibly"}  # fmt: skip

FAILED_ADVERBS = {"unsuccessfully", "vainly", "fruitlessly", "futilely"}

CONDITIONAL_MARKS = {"if", "unless", "provided", "whether"}


# Time phrases (kg.extract.qualify.when)

#: Prepositions that change what a time phrase means; kept with its text.
TIME_SHAPING_WORDS = {
    "since", "until", "till", "by", "before", "after", "from", "between", "through"
}  # fmt: skip

TIME_NOUNS = {
    "year", "month", "week", "day", "quarter", "half", "decade", "weekend", "century",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "spring", "summer", "autumn", "winter",
}  # fmt: skip

TIME_ADVERBS = {"yesterday", "today", "tomorrow", "tonight"}

#: Adjectives that put a title in the past: "former Senate leader Howard Baker" held the post
#: before the article, not now ("ex-" is its prefix form: "ex-chairman").
PAST_TITLE_WORDS = {"former", "ex", "onetime", "one-time", "erstwhile", "late", "fired", "ousted",
                    "sacked", "deposed", "dismissed", "retired"}


# Time expressions (kg.extract.qualify.timex)

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}

WEEKDAYS = {
    name: i
    for i, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

#: Number words of time expressions ("two weeks ago", "a couple of years"); not
#: :data:`AMOUNT_NUMBER_WORDS`, which reads amounts.
TIME_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "couple of": 2, "a couple of": 2,
}  # fmt: skip

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}

SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}  # fmt: skip

#: Units of a duration ("for the past 10 years").
TIME_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "decade",
         "quarter": "quarter", "century": "century"}  # fmt: skip


# Quantities (kg.extract.qualify.quantity)

#: Periods of a rate ("… per day").
RATE_UNITS = {"day", "week", "month", "year"}

#: Verbs of change upwards: the quantity they take is the change ("rose 40 percent").
RISE_VERBS = {
    "rise", "grow", "increase", "climb", "jump", "surge", "soar", "gain", "rebound", "expand",
    "boost", "raise", "hike", "swell", "rally", "accelerate", "spike", "widen", "up", "higher",
    "double", "triple", "quadruple", "treble", "multiply", "advance", "add", "strengthen",
    "appreciate", "recover",
}  # fmt: skip

#: Verbs of change downwards ("fell by 8%").
FALL_VERBS = {
    "fall", "drop", "decline", "decrease", "shrink", "slump", "plunge", "slide", "sink",
    "tumble", "dip", "contract", "halve", "cut", "lose", "reduce", "lower", "ease", "slip",
    "plummet", "shed", "crash", "collapse", "narrow", "slow", "retreat", "down", "weaken",
    "depreciate", "erode",
}  # fmt: skip

#: Verbs that state their own amount: "halved" is a 50% fall.
MULTIPLIER_VERBS: dict[str, tuple[Decimal, Direction]] = {
    "halve": (Decimal(50), "down"),
    "double": (Decimal(100), "up"),
    "triple": (Decimal(200), "up"),
    "treble": (Decimal(200), "up"),
    "quadruple": (Decimal(300), "up"),
}

#: Words that make an amount approximate ("almost", "more than").
APPROXIMATORS = {
    "almost", "nearly", "about", "around", "roughly", "approximately", "some", "close",
    "over", "under", "more", "less", "fewer", "up to", "just", "estimated", "an estimated",
    "circa", "approx", "~", "at least", "at most", "upwards",
}  # fmt: skip

SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mln": 10**6, "mn": 10**6, "m": 10**6,
    "billion": 10**9, "bln": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
    "trn": 10**12, "hundred": 100, "dozen": 12,
}  # fmt: skip

#: Number words of amounts ("five million tonnes").
AMOUNT_NUMBER_WORDS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

FRACTIONS = {"half": Decimal(50), "third": Decimal("33.3"), "quarter": Decimal(25),
             "fifth": Decimal(20), "tenth": Decimal(10)}  # fmt: skip

CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "dlr": "USD",
    "dlrs": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound sterling": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
    "¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rub": "RUB",
    "rupee": "INR", "rupees": "INR", "₹": "INR", "hryvnia": "UAH", "hryvnias": "UAH",
    "lira": "TRY", "won": "KRW", "swiss francs": "CHF", "francs": "CHF",
}  # fmt: skip

UNIT_NAMES = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "percentage point": "percentage point", "percentage points": "percentage point",
    "basis point": "basis point", "basis points": "basis point", "bps": "basis point",
    "bp": "basis point",
    "points": "point", "point": "point", "tons": "tonne", "ton": "tonne", "tonnes": "tonne",
    "tonne": "tonne", "metric tons": "tonne", "barrels": "barrel", "barrel": "barrel",
    "bpd": "barrel per day", "barrels per day": "barrel per day", "bcm": "cubic metre",
    "cubic metres": "cubic metre", "cubic meters": "cubic metre", "km": "kilometre",
    "kilometres": "kilometre", "kilometers": "kilometre", "miles": "mile",
}  # fmt: skip


# Measured relations (kg.extract.qualify.measure)

#: Verbs that state a level rather than a change.
LEVEL_VERBS = {"reach", "total", "amount", "stand", "hit", "top", "exceed", "surpass", "remain"}

MEASURE_VERBS = RISE_VERBS | FALL_VERBS | LEVEL_VERBS

#: Trade nouns and the verb each one nominalises, with the preposition of its far party.
TRADE_NOUNS = {
    "trade": ("trade", "with"),
    "turnover": ("trade", "with"),
    "export": ("export", "to"),
    "import": ("import", "from"),
    "delivery": ("deliver", "to"),
    "shipment": ("ship", "to"),
    "supply": ("supply", "to"),
    "sale": ("sell", "to"),
    "purchase": ("buy", "from"),
    "investment": ("invest", "in"),
}
