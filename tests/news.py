"""The news corpus written for kg's tests (``tests/data/news/``, see its README.md), and as
many more articles as a test needs made from it.

The 50 articles are short newswire stories (a headline line, a ``CITY, Month D - `` dateline,
quotes, companies, officials, tables of figures) about a few recurring companies and people,
so that a build of several of them merges entities across documents. A test that needs more
articles than that (a build long enough to be killed, a big page) calls :func:`write_news`:
article ``k`` is article ``k % 50`` in round ``k // 50``; round 0 is the article as written,
a later round moves its dateline to another day and gives its recurring companies and
people other names, so each round is a new set of documents (a document's id is its text's
hash) about new entities, with the same shape and the same sharing across articles.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

NEWS = Path(__file__).resolve().parent / "data" / "news"
#: The articles, in file-name order.
ARTICLES = sorted(NEWS.glob("*.txt"))

DATELINE = re.compile(r"^([A-Z][A-Za-z .,']+), ([A-Z][a-z]+) (\d{1,2}) - ", re.MULTILINE)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
#: The recurring names a later round replaces: surnames and company names (whole words).
NAMES = (
    "Hanabusa", "Morimoto", "Tanabe", "Whitcombe", "Okuda", "Crestline", "Brandt",
    "Calder", "Prescott", "Brightwater", "Vance", "Tesoro Andino", "El Perdido", "Valdivia",
    "Keystone", "Brennan", "Carver", "Meridian", "Delgado", "Archer", "Pacific Rim",
    "Holloway", "Ferreira", "Carvalho", "Soto", "Bello", "Stoltz", "Dalton", "Gulf Plains",
    "Kessler", "Hirano", "Whitlock", "Hartono", "Wabash Valley", "Prairie Gateway", "Arai",
)
SYLLABLES = ("ka", "ri", "mo", "ten", "sa", "lo", "ven", "dor", "bel", "an", "mar", "tis",
             "no", "ga", "ru", "wes", "hal", "per", "do", "min", "ko", "lan", "ber", "ta")
NAME = re.compile(r"\b(" + "|".join(re.escape(n) for name in NAMES
                                     for n in (name, name.upper())) + r")\b")


def invented(name: str, round_: int) -> str:
    """The name ``name`` has in round ``round_``: made of syllables, the same every run."""
    pick = random.Random(f"{name}/{round_}")
    words = []
    for _ in name.split():
        word = "".join(pick.choice(SYLLABLES) for _ in range(pick.randint(2, 3)))
        words.append(word.capitalize())
    return " ".join(words)


def variant(text: str, round_: int) -> str:
    """``text`` in round ``round_``: another dateline day, other recurring names."""
    if round_ == 0:
        return text

    def move(m: re.Match[str]) -> str:
        # (day, month) repeats only after 28 * 12 rounds: an article without recurring
        # names is a new document in every round
        day = (int(m[3]) - 1 + round_) % 28 + 1
        month = MONTHS[(MONTHS.index(m[2]) + round_ // 28) % 12]
        return f"{m[1]}, {month} {day} - "

    moved, found = DATELINE.subn(move, text, count=1)
    assert found == 1, "every article of tests/data/news has a dateline"
    def rename(m: re.Match[str]) -> str:
        name = m[1]
        if name.isupper():  # in an all-caps headline
            return invented(name.title(), round_).upper()
        return invented(name, round_)

    return NAME.sub(rename, moved)


def write_news(folder: Path, count: int) -> list[Path]:
    """``count`` articles written into ``folder`` (made if missing), in build order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for k in range(count):
        source = ARTICLES[k % len(ARTICLES)]
        round_ = k // len(ARTICLES)
        path = folder / f"{round_:02d}-{source.name}"
        path.write_text(variant(source.read_text(encoding="utf-8"), round_), encoding="utf-8")
        written.append(path)
    return written
