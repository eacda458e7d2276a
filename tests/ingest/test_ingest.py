"""Tests of kg.ingest: chrome removal, headline/caption sections, formats, errors."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import count_sources, iter_documents, parse_html, parse_markdown, parse_text
from kg.model import Document
from tests.conftest import SAMPLE, need, unprivileged
from tests.news import ARTICLES, write_news

REPO = Path(__file__).parents[2]
SEED = REPO / "seeds" / "putin-beijing-visit.txt"

SEED_HEADLINE = (
    "Putin to Sell Off Russian Resources During Beijing Visit as Russia’s War Machine "
    "Relies Mostly on China"
)
SEED_CAPTION = (
    "Russian leader Vladimir Putin and his Chinese counterpart Xi Jinping attend a welcoming "
    "ceremony before their talks at the Kremlin in Moscow on May 8, 2025."
)
HEADLINE = "Harbour Strike Ends After Two Weeks"
BODY = [
    "Dock workers in Velmora returned to work on Tuesday after a two-week strike over pay, "
    "the port authority said.",
    "The union said its members had accepted a 6% rise spread over two years.",
    "Shipping agents expect the backlog of waiting vessels to clear within ten days.",
]


def page(*blocks: str) -> str:
    """A plain-text page of blank-line separated blocks."""
    return "\n\n".join(blocks) + "\n"


def spans(doc: Document) -> list[tuple[str, str]]:
    """Each section's kind and text."""
    return [(s.kind, doc.text[s.start : s.end]) for s in doc.sections]


def write(path: Path, text: str | bytes) -> Path:
    """Write a test file (creating folders) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problem(paths: list[Path | str], **kwargs: int) -> InputError:
    """The InputError that reading all documents of ``paths`` raises."""
    with pytest.raises(InputError) as caught:
        list(iter_documents(paths, **kwargs))
    return caught.value


# -- the seed article -----------------------------------------------------------------


def test_seed_article_headline_caption_body() -> None:
    doc = next(iter_documents([str(SEED)]))
    assert doc.source == str(SEED)
    assert doc.title == SEED_HEADLINE
    assert doc.text.startswith(
        f"{SEED_HEADLINE}\n\n{SEED_CAPTION}\n\nRussian Leader Vladimir Putin will travel"
    )
    assert doc.text.endswith("“remains consistent and clear.”")
    assert doc.text.count(SEED_HEADLINE) == 1
    assert "(Source: Getty Images)" not in doc.text
    for chrome in ("Category", "Latest news", "2 min read", "Authors", "See all",
                   "Help Us Break Through", "Your support"):
        assert chrome not in doc.text
    kinds = spans(doc)
    assert [kind for kind, _ in kinds] == ["headline", "caption", "body"]
    assert kinds[0] == ("headline", SEED_HEADLINE)
    assert kinds[1] == ("caption", SEED_CAPTION)
    assert kinds[2][1].startswith("Russian Leader Vladimir Putin will travel to China")
    assert kinds[2][1].endswith("“remains consistent and clear.”")
    assert doc.sections[2].end == len(doc.text)
    assert doc.section_at(doc.text.index("Xi Jinping attend")) == "caption"
    assert doc.id == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:16]
    assert doc.published is None and doc.url is None


def test_seed_body_paragraphs_kept_verbatim() -> None:
    doc = parse_text(SEED.read_text(encoding="utf-8"), "seed")
    paragraphs = doc.text.split("\n\n")
    assert "Earlier, China dismissed media claims that it was weighing involvement in an " \
        "international peacekeeping mission in Ukraine." in paragraphs
    assert "“If they wanted it, the war would have been over long ago,” he added." in paragraphs
    assert len(paragraphs) == 2 + 10  # headline, caption, ten body paragraphs


# -- chrome ---------------------------------------------------------------------------


@pytest.mark.parametrize("chrome", [
    "5 minute read", "3 min read", "Reading time: 4 minutes", "Author", "By", "Written by:",
    "By Jane Doe", "By Jane Doe and John Roe, Reuters", "See all", "Show more stories",
    "Read more", "Read more: Port strikes spread along the coast", "Continue reading",
    "Advertisement", "Sponsored content", "Subscribe to our newsletter", "Subscribe",
    "Sign up for breaking news alerts", "We use cookies to improve your experience.",
    "Accept all cookies", "Share", "Share on Facebook", "Share | Facebook | X | Email",
    "Tweet", "Follow us on Telegram", "Most read", "Related stories", "12 comments",
    "Updated: Mar 5, 2024 10:00 GMT", "Published 2024-03-05", "Tuesday, March 5, 2024",
    "Category: World", "Tags: shipping, labour", "© 2024 Example News. All rights reserved.",
])
def test_chrome_lines_are_dropped(chrome: str) -> None:
    doc = parse_text(page(HEADLINE, chrome, BODY[0], chrome, BODY[1], BODY[2]), "x.txt")
    assert doc.text == "\n\n".join([HEADLINE, *BODY])
    assert doc.title == HEADLINE


def test_category_label_drops_its_value_line() -> None:
    doc = parse_text(page("Category\nWorld news", HEADLINE, *BODY), "x.txt")
    assert doc.text == "\n\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize("appeal", [
    "Help Us Keep Reporting\n\nYour donation keeps our reporters in the field.",
    "Support independent journalism. Donate today.",
    "Become a member and read without limits.",
])
def test_trailing_appeals_are_dropped(appeal: str) -> None:
    doc = parse_text(page(HEADLINE, *BODY, "See all", appeal), "x.txt")
    assert doc.text == "\n\n".join([HEADLINE, *BODY])


def test_body_lines_that_look_like_chrome_are_kept() -> None:
    body = [
        "Share prices of the port operator fell 3 pct on the news.",
        "By Friday, the port had reopened to all traffic.",
        "Published reports put the cost of the strike at 20 mln dlrs.",
        "Help us, the mayor told ministers, before the harbour silts up.",
        "Record March 31",
        "Pay April 28",
        "Asked about the mood, he described the picture: grim and getting worse",
        "He said countries which support us in this fight should pay their share.",
    ]
    doc = parse_text(page(HEADLINE, *body), "x.txt")
    assert doc.text == "\n\n".join([HEADLINE, *body])


def test_repeated_headline_is_kept_once() -> None:
    doc = parse_text(page(HEADLINE, f"2 min read\nAuthors\n{HEADLINE}", *BODY), "x.txt")
    assert doc.text == "\n\n".join([HEADLINE, *BODY])
    assert spans(doc) == [("headline", HEADLINE), ("body", "\n\n".join(BODY))]


# -- headline and captions ------------------------------------------------------------


@pytest.mark.parametrize(("line", "caption"), [
    ("Dockers march in Velmora. (Photo: Jane Doe)", "Dockers march in Velmora."),
    ("Ships wait offshore (Credit: Example Agency)", "Ships wait offshore"),
    ("Ships wait offshore. (Source: Getty Images)", "Ships wait offshore."),
    ("A crane at the port. (Reuters)", "A crane at the port."),
    ("A crane at the port (AP Photo/John Roe)", "A crane at the port"),
    ("Union leaders speak to reporters. Photo: Jane Doe/Getty Images",
     "Union leaders speak to reporters."),
    ("Union leaders speak to reporters. [Image: Velmora Port Authority]",
     "Union leaders speak to reporters."),
])
def test_caption_credit_is_removed(line: str, caption: str) -> None:
    doc = parse_text(page(HEADLINE, line, *BODY), "x.txt")
    assert doc.text == "\n\n".join([HEADLINE, caption, *BODY])
    assert spans(doc) == [
        ("headline", HEADLINE), ("caption", caption), ("body", "\n\n".join(BODY))]


def test_credit_alone_is_dropped_and_captions_keep_reading_order() -> None:
    doc = parse_text(page(
        HEADLINE, BODY[0], "(Photo: Jane Doe/Reuters)", "Empty berths. (Reuters)", BODY[1]),
        "x.txt")
    assert [kind for kind, _ in spans(doc)] == ["headline", "body", "caption", "body"]
    assert doc.text == "\n\n".join([HEADLINE, BODY[0], "Empty berths.", BODY[1]])


def test_no_headline_when_the_page_starts_with_a_sentence() -> None:
    doc = parse_text(page(*BODY), "x.txt")
    assert doc.title is None
    assert spans(doc) == [("body", "\n\n".join(BODY))]


def test_single_line_is_body_not_headline() -> None:
    doc = parse_text("Harbour strike ends\n", "x.txt")
    assert doc.title is None and doc.text == "Harbour strike ends"


def test_hard_wrapped_paragraph_is_not_a_headline() -> None:
    raw = "Dock workers in Velmora returned to work\non Tuesday after a two-week strike.\n"
    doc = parse_text(raw + "\nThe union said it was pleased.\n", "x.txt")
    assert doc.title is None
    assert doc.text.startswith("Dock workers in Velmora returned to work\non Tuesday")


def test_all_caps_headline_ending_in_an_abbreviation() -> None:
    doc = parse_text(page("TAIWAN TO SEEK HIGHER TEXTILE EXPORTS TO U.S.", *BODY), "x.txt")
    assert doc.title == "TAIWAN TO SEEK HIGHER TEXTILE EXPORTS TO U.S."
    assert doc.text.endswith(BODY[-1])


def test_news_corpus_files_lose_no_body_text(tmp_path: Path) -> None:
    """The 50 articles of tests/data/news and 50 more made from them (tests/news.py): each a
    new document, its headline line the title, then every paragraph as written."""
    assert len(ARTICLES) == 50
    files = write_news(tmp_path, 100)
    docs = list(iter_documents(files))
    assert len({doc.id for doc in docs}) == len(files) == 100
    for doc, file in zip(docs, files, strict=True):
        assert_headline_then_paragraphs(doc, file)


@pytest.mark.corpus
def test_reuters_corpus_files_lose_no_body_text() -> None:
    """The same on real newswire: the first 50 files of the Reuters corpus in ../shared."""
    need(SAMPLE.is_dir(), f"the shared Reuters corpus at {SAMPLE}")
    files = sorted(SAMPLE.glob("*.txt"))[:50]
    assert len(files) == 50
    for doc, file in zip(iter_documents(files), files, strict=True):
        assert_headline_then_paragraphs(doc, file)


def assert_headline_then_paragraphs(doc: Document, file: Path) -> None:
    lines = [line.strip() for line in file.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    assert doc.title == lines[0], file
    assert doc.text == "\n\n".join(lines), file
    assert [s.kind for s in doc.sections] == ["headline", "body"][: len(lines)], file


# -- Markdown and HTML ----------------------------------------------------------------

MARKDOWN = """---
title: front matter is skipped
---
# Harbour *Strike* Ends After Two Weeks

![Dock cranes](img/cranes.jpg)

Dock workers in **Velmora** returned to work on Tuesday, the
[port authority](https://example.com/pa) said.

Share

## What was agreed

- A 6% rise over _two_ years
* A review of night-shift rules

```
rise = 0.06
```

> "We are glad it is over," said `Ana Petrova`.
"""


def test_markdown_markup_is_stripped() -> None:
    doc = parse_markdown(MARKDOWN, "a.md")
    assert doc.title == HEADLINE
    assert doc.text == "\n\n".join([
        HEADLINE,
        "Dock workers in Velmora returned to work on Tuesday, the\nport authority said.",
        "What was agreed",
        "A 6% rise over two years\nA review of night-shift rules",
        "rise = 0.06",
        '"We are glad it is over," said Ana Petrova.',
    ])
    assert [kind for kind, _ in spans(doc)] == ["headline", "body"]


def test_markdown_without_heading_detects_headline() -> None:
    doc = parse_markdown(page(f"**{HEADLINE}**", *BODY), "a.md")
    assert doc.title == HEADLINE


HTML = """<!DOCTYPE html>
<html><head>
<title>Harbour Strike Ends After Two Weeks | Velmora Tribune</title>
<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">
<link rel="canonical" href="https://tribune.example/harbour-strike">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Harbour Strike Ends After Two Weeks</h1>
<p>Dock workers in Velmora returned to work on Tuesday after a two-week strike over pay,
the port authority said in a statement.</p>
<p>The union said its members had accepted an offer of a 6% rise spread over two years,
ending a dispute that had left dozens of ships waiting offshore.</p>
<p>Share</p>
<p>Shipping agents expect the backlog to clear within ten days, according to a
spokesperson for the harbour operator.</p>
</article></main>
<footer><p>Subscribe to our newsletter</p><p>&copy; 2024 Velmora Tribune. All rights
reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    doc = next(iter_documents([write(tmp_path / "page.html", HTML)]))
    assert doc.title == HEADLINE
    assert doc.published == "2024-03-05"
    assert doc.url == "https://tribune.example/harbour-strike"
    assert doc.text.startswith(f"{HEADLINE}\n\nDock workers in Velmora returned to work")
    assert doc.text.endswith("according to a spokesperson for the harbour operator.")
    assert doc.text.count(HEADLINE) == 1
    for chrome in ("Home", "Sport", "Share", "Subscribe", "reserved", "Privacy"):
        assert chrome not in doc.text
    assert [kind for kind, _ in spans(doc)] == ["headline", "body"]


def test_broken_html_still_yields_text() -> None:
    raw = ("<html><body><div><p>The harbour strike in Velmora ended on Tuesday after two "
           "weeks, the port authority said.<div><span>")
    doc = parse_html(raw, "b.html")
    assert "The harbour strike in Velmora ended on Tuesday" in doc.text


@pytest.mark.parametrize("raw", ["<<<>>>", "<html><body><nav></nav></body></html>"])
def test_html_without_text_is_an_error(raw: str) -> None:
    with pytest.raises(InputError, match="no article text found in HTML"):
        parse_html(raw, "b.html")


def test_import_does_not_load_trafilatura() -> None:
    code = "import sys, kg.ingest; print('trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- JSONL ----------------------------------------------------------------------------


def jsonl(*records: object) -> str:
    """JSONL text of records (strings are taken as raw lines)."""
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_jsonl_records(tmp_path: Path) -> None:
    file = write(tmp_path / "news.jsonl", jsonl(
        {"id": "7", "title": HEADLINE, "text": "\n\n".join(BODY), "published": "2024-03-05T10:00Z",
         "url": "https://tribune.example/a"},
        "",
        {"text": BODY[0], "published": "March 5"},
    ))
    first, second = iter_documents([file])
    assert first.id == "7" and first.source == f"{file}:1"
    assert first.title == HEADLINE and first.published == "2024-03-05"
    assert first.url == "https://tribune.example/a"
    assert spans(first) == [("headline", HEADLINE), ("body", "\n\n".join(BODY))]
    assert second.source == f"{file}:3"
    assert second.id == hashlib.sha256(BODY[0].encode()).hexdigest()[:16]
    assert second.title is None and second.published is None and second.text == BODY[0]


@pytest.mark.parametrize(("bad", "message"), [
    ('{"text": "unterminated', "invalid JSON"),
    ('{"title": "No body"}', "record has no 'text'"),
    ('{"text": "   "}', "record has no 'text'"),
    ('["a list"]', "not a JSON object"),
])
def test_jsonl_bad_line_names_file_and_line(tmp_path: Path, bad: str, message: str) -> None:
    file = write(tmp_path / "news.jsonl", jsonl({"text": BODY[0]}, bad, {"text": BODY[1]}))
    docs = iter_documents([file])
    assert next(docs).text == BODY[0]
    with pytest.raises(InputError) as caught:
        next(docs)
    assert caught.value.path == f"{file}:2"
    assert message in caught.value.problem


# -- files and folders ----------------------------------------------------------------


def test_folder_recursion_order_and_filters(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ("b.txt", "a/z.md", "a/b/c.htm", "a.txt", "c.jsonl", "notes.pdf",
                 ".hidden.txt", ".git/x.txt", "d.MARKDOWN"):
        text = HTML if name.endswith("htm") else page(f"{name} story line", *BODY)
        write(root / name, jsonl({"text": name}) if name.endswith("jsonl") else text)
    docs = list(iter_documents([root]))
    expected = ["a/b/c.htm", "a/z.md", "a.txt", "b.txt", "c.jsonl:1", "d.MARKDOWN"]
    assert [d.source for d in docs] == [str(root / name) for name in expected]
    assert count_sources([root]) == 6
    assert docs[2].title == "a.txt story line"


def test_explicit_unknown_extension_is_plain_text(tmp_path: Path) -> None:
    file = write(tmp_path / "story.news", page(HEADLINE, *BODY))
    (doc,) = iter_documents([str(file)])
    assert doc.title == HEADLINE and doc.source == str(file)
    assert count_sources([file, file]) == 2


def test_same_article_same_id_from_any_path(tmp_path: Path) -> None:
    one = write(tmp_path / "one.txt", page(HEADLINE, *BODY))
    two = write(tmp_path / "sub" / "two.txt", page("Share", HEADLINE, *BODY, "Advertisement"))
    first, second = iter_documents([one, two])
    assert first.id == second.id and first.source != second.source
    other = parse_text(page(HEADLINE, *BODY[:2]), "three.txt")
    assert other.id != first.id


def test_long_document_is_truncated_at_a_boundary(tmp_path: Path) -> None:
    file = write(tmp_path / "long.txt", page(HEADLINE, *(BODY * 20)))
    full = parse_text(file.read_text(encoding="utf-8"), str(file))
    (doc,) = iter_documents([file], max_doc_chars=1000)
    assert len(doc.text) <= 1000
    assert full.text.startswith(doc.text + "\n\n")
    assert doc.text.endswith(tuple(BODY))
    assert doc.sections[-1].end == len(doc.text)
    assert doc.id == hashlib.sha256(doc.text.encode()).hexdigest()[:16]
    one_paragraph = parse_text(page(HEADLINE, " ".join(BODY * 20)), "x", max_doc_chars=500)
    assert len(one_paragraph.text) <= 500
    assert one_paragraph.text.endswith(tuple(w.strip(".,") for w in " ".join(BODY).split()))


# -- errors ---------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    error = problem([tmp_path / "nope.txt"])
    assert (error.problem, error.path) == ("no such file or directory", str(tmp_path / "nope.txt"))
    assert str(error) == f"{tmp_path / 'nope.txt'}: no such file or directory"


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n", b"\xef\xbb\xbf\n  \n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    assert problem([write(tmp_path / "e.txt", content)]).problem == "empty file"


def test_empty_jsonl_file(tmp_path: Path) -> None:
    assert problem([write(tmp_path / "e.jsonl", "\n\n")]).problem == "empty file"


@pytest.mark.parametrize("content", [
    b"\x00\x01\x02\x03\x14\x00\x00\x00binary header",
    bytes(range(1, 9)) * 40 + b"some text",
])
def test_binary_file(tmp_path: Path, content: bytes) -> None:
    assert problem([write(tmp_path / "b.txt", content)]).problem == "binary file, not text"


def test_known_binary_format_names_its_converter(tmp_path: Path) -> None:
    found = problem([write(tmp_path / "b.txt", b"PK\x03\x04\x14\x00\x00\x00binary zip")])
    assert found.problem == "a zip archive, not text; convert it first: unzip b.txt, then " \
        "build the files inside"


def test_latin1_file_is_not_utf8(tmp_path: Path) -> None:
    file = write(tmp_path / "l.txt", "Caf\u00e9 owners protest.\n".encode("latin-1"))
    assert problem([file]).problem == "not UTF-8 text (byte 3)"
    bom = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + "Caf\u00e9".encode("latin-1"))
    assert problem([bom]).problem == "not UTF-8 text (byte 6)"


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    file = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + page(HEADLINE, *BODY).encode())
    (doc,) = iter_documents([file])
    assert doc.title == HEADLINE and doc.text.startswith(HEADLINE)


def test_folder_without_documents(tmp_path: Path) -> None:
    write(tmp_path / "in" / "report.pdf", b"%PDF")
    write(tmp_path / "in" / ".hidden.txt", "hidden")
    error = problem([tmp_path / "in"])
    assert error.problem == "no documents (.txt .md .html .jsonl) in folder"
    assert error.path == str(tmp_path / "in")
    assert count_sources([tmp_path / "in"]) == 0  # counted as nothing; reading reports it


def test_page_of_only_chrome(tmp_path: Path) -> None:
    file = write(tmp_path / "c.txt", page("Share", "Advertisement", "See all"))
    assert problem([file]).problem == "no article text found"


def test_unreadable_file(tmp_path: Path) -> None:
    """A real file without read permission, read by a process that lacks the permission."""
    file = write(tmp_path / "locked.txt", page(HEADLINE, *BODY))
    file.chmod(0)
    code = (
        "import sys\nfrom kg.ingest import iter_documents\nfrom kg.errors import InputError\n"
        f"try:\n    list(iter_documents([{str(file)!r}]))\n"
        "except InputError as e:\n    print(e.problem)\n"
    )
    done = subprocess.run(unprivileged([sys.executable, "-c", code]), capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "permission denied"
