"""Inputs kg cannot use get a next step: URLs, PDFs and other binary formats, files a folder
holds that kg does not read, text that is not English, --published on known documents.
Real ``kg build`` processes, a real spaCy pipeline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest.guards import binary_kind, describe_unread, language_problem
from tests.conftest import SEED, SEEDS

GERMAN = (
    "Der russische Präsident Wladimir Putin hat am Montag China besucht. Bei dem Treffen mit "
    "Xi Jinping in Peking ging es um die Gaspipeline Kraft Sibiriens 2, die nach Angaben des "
    "Kreml in den kommenden Jahren gebaut werden soll. Beide Seiten sprachen auch über den "
    "Krieg in der Ukraine und über den Handel, der im vergangenen Jahr stark gewachsen ist."
)
CHINESE = (
    "俄罗斯总统普京周一访问中国。他在北京与习近平会面，双方讨论了西伯利亚力量2号天然气管道项目，"
    "克里姆林宫表示该管道将在未来几年内建成。双方还谈到了乌克兰战争和贸易问题。"
)
FRENCH = (
    "Le président russe Vladimir Poutine s'est rendu lundi en Chine. Lors de sa rencontre avec "
    "Xi Jinping à Pékin, les deux dirigeants ont parlé du gazoduc, qui doit être construit dans "
    "les prochaines années selon le Kremlin. Ils ont aussi évoqué la guerre en Ukraine."
)


def kg_build(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", "build", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


# -- the detectors, on text written for them ----------------------------------------------


def test_language_detector() -> None:
    assert language_problem(GERMAN) is not None
    assert "looks like German" in (language_problem(GERMAN) or "")
    assert language_problem(CHINESE) == "not English: mostly Chinese characters"
    assert "looks like French" in (language_problem(FRENCH) or "")
    assert language_problem(SEED.read_text(encoding="utf-8")) is None
    assert language_problem("Putin visited China.") is None  # too short to judge
    earnings = "Shr 15 cts vs 20 cts\n\nNet 1,234,000 vs 987,000\n\nRevs 12.5 mln vs 11.1 mln\n"
    assert language_problem(earnings * 6) is None  # an English table, not a language


@pytest.mark.parametrize(("head", "what"), [
    (b"%PDF-1.7\n%\xe2\xe3", "a PDF file"),
    (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml", "a Word document"),
    (b"{\\rtf1\\ansi The text", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
])  # fmt: skip
def test_binary_formats_by_magic_bytes(head: bytes, what: str) -> None:
    found = binary_kind(head)
    assert found is not None and found[0].startswith(what)
    assert binary_kind(b"Plain text about PDF files.") is None


def test_unread_summary_line() -> None:
    line = describe_unread(["in/a.pdf", "in/b.pdf", "in/c.docx", "in/d.png"])
    assert line.startswith("4 files in the input folders (2 .pdf, 1 .docx, 1 .png): "
                           "in/a.pdf, in/b.pdf, in/c.docx, …")  # fmt: skip
    assert ".pdf → pdftotext" in line and ".docx → pandoc" in line


# -- kg build, a real process -------------------------------------------------------------


def test_url_says_how_to_fetch_it(tmp_path: Path) -> None:
    done = kg_build("https://example.com/news/article.html", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "error: https://example.com/news/article.html: kg reads files, not URLs; fetch the page "
        "first: curl -L 'https://example.com/news/article.html' -o page.html && kg build page.html"
    )
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.slow
@pytest.mark.model
def test_pdf_names_a_converter_and_folder_skips_are_listed(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    done = kg_build("report.pdf", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == ("error: report.pdf: a PDF file, not text; convert it first: "
                                   "pdftotext report.pdf report.txt (poppler-utils)")  # fmt: skip

    news = tmp_path / "news"
    news.mkdir()
    (news / "putin.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (news / "report.pdf").write_bytes(b"%PDF-1.7\n")
    (news / "notes.docx").write_bytes(b"PK\x03\x04 word/document.xml")
    (news / ".hidden.pdf").write_bytes(b"%PDF-1.7\n")
    done = kg_build("news", "-o", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ("not read: 2 files in the input folders (1 .docx, 1 .pdf): news/notes.docx, "
            "news/report.pdf; convert: .docx → pandoc; .pdf → pdftotext") in done.stdout


@pytest.mark.slow
@pytest.mark.model
def test_language_check_warns_and_keep_going_skips(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "zh.txt").write_text(CHINESE, encoding="utf-8")
    (tmp_path / "en.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    done = kg_build("de.txt", "zh.txt", "en.txt", "-o", "warned", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: de.txt: not English: looks like German (34% German function words, 5% "
        "English); kg reads English, so its facts are unreliable (--keep-going skips such "
        "documents)",
        "warning: zh.txt: not English: mostly Chinese characters; kg reads English, so its "
        "facts are unreliable (--keep-going skips such documents)",
    ]
    assert "documents: 3 read, 3 added" in done.stdout
    assert "not English (built anyway, facts unreliable): 2" in done.stdout

    done = kg_build("de.txt", "zh.txt", "en.txt", "-o", "skipped", "--keep-going", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "warning: zh.txt: not English: mostly Chinese characters (skipped)" in done.stderr
    assert "documents: 3 read, 1 added, 1 in graph, 2 skipped" in done.stdout
    assert "skipped: de.txt, zh.txt (the warnings say why)" in done.stdout


@pytest.mark.slow
@pytest.mark.model
def test_published_on_documents_already_in_the_graph_warns(tmp_path: Path) -> None:
    assert kg_build(str(SEEDS), "-o", "out", cwd=tmp_path).returncode == 0
    done = kg_build(str(SEEDS), "-o", "out", "--published", "2025-08-29", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (f"warning: --published 2025-08-29 not applied to 1 document(s) already in the graph "
            f"(first: {SEED}); they keep the dates they were built with (rebuild with --fresh "
            "to date them)") in done.stderr  # fmt: skip
    fresh = kg_build(str(SEEDS), "-o", "out", "--published", "2025-08-29", "--fresh", cwd=tmp_path)
    assert fresh.returncode == 0 and "--published" not in fresh.stderr


def test_text_given_as_a_path_points_to_the_python_entry(tmp_path: Path) -> None:
    from kg.errors import InputError
    from kg.pipeline import build

    with pytest.raises(InputError, match=r"looks like an article's text.*from_texts"):
        build(["Putin visited China."], tmp_path / "out")
