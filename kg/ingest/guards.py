"""Input guards that name the next step: URLs, known binary formats, files a folder holds that
kg does not read, and text that is not English.

Each is a small pure function called from one place (``files`` for paths and bytes,
``pipeline`` for a document's language and a folder's unread files), so what kg says about
an input it cannot use is decided here.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError

# -- URLs ---------------------------------------------------------------------------------

#: ``https://…`` as typed, or ``https:/…`` after ``pathlib`` folded the double slash.
_URL = re.compile(r"^(?:https?|ftp|file)://?\S", re.IGNORECASE)


def check_path(given: str) -> None:
    """An ``InputError`` with the next step when ``given`` is no path but a URL or, from
    Python, an article's text.

    kg reads files only (it makes no request at run time); for a URL the message shows the
    two commands that fetch the page and build it.
    """
    if os.path.lexists(given):
        return
    stripped = given.strip()
    if "\n" in stripped or (" " in stripped and stripped[-1:] in ".!?\"”'’"):
        shown = stripped[:40] + ("…" if len(stripped) > 40 else "")
        raise InputError("no such file; this looks like an article's text, not a path: from "
                         "Python build texts with kg.KnowledgeGraph.from_texts([...])", shown)
    if _URL.match(given):
        url = re.sub(r"^(\w+):/(?!/)", r"\1://", given)  # undo pathlib's folding
        raise InputError(
            f"kg reads files, not URLs; fetch the page first: curl -L '{url}' -o page.html "
            "&& kg build page.html",
            url,
        )


# -- binary formats -----------------------------------------------------------------------

#: (magic bytes at offset 0, what the file is, how to turn it into text kg reads).
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF file", "pdftotext FILE STEM.txt (poppler-utils)"),
    (b"{\\rtf", "an RTF document", "pandoc FILE -t plain -o STEM.txt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls)",
     "libreoffice --headless --convert-to txt FILE"),
    (b"\x1f\x8b", "a gzip archive", "gunzip FILE, then build the files inside"),
    (b"BZh", "a bzip2 archive", "bunzip2 FILE, then build the files inside"),
    (b"\xfd7zXZ\x00", "an xz archive", "unxz FILE, then build the files inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "7z x FILE, then build the files inside"),
    (b"Rar!", "a RAR archive", "unrar x FILE, then build the files inside"),
    (b"\x89PNG", "a PNG image", "an OCR tool such as tesseract FILE STEM"),
    (b"\xff\xd8\xff", "a JPEG image", "an OCR tool such as tesseract FILE STEM"),
    (b"GIF8", "a GIF image", "an OCR tool such as tesseract FILE STEM"),
    (b"II*\x00", "a TIFF image", "an OCR tool such as tesseract FILE STEM"),
    (b"MM\x00*", "a TIFF image", "an OCR tool such as tesseract FILE STEM"),
    (b"SQLite format 3\x00", "an SQLite database",
     "sqlite3 FILE 'SELECT …' to export the articles as text or JSONL"),
)
#: Zip containers, told apart by the first member names in the first bytes.
_ZIP_KINDS: tuple[tuple[bytes, str, str], ...] = (
    (b"word/", "a Word document (.docx)", "pandoc FILE -t plain -o STEM.txt"),
    (b"application/vnd.oasis.opendocument.text", "an OpenDocument text (.odt)",
     "pandoc FILE -t plain -o STEM.txt"),
    (b"application/epub+zip", "an EPUB book", "pandoc FILE -t plain -o STEM.txt"),
    (b"ppt/", "a PowerPoint file (.pptx)", "libreoffice --headless --convert-to txt FILE"),
    (b"xl/", "an Excel workbook (.xlsx)", "libreoffice --headless --convert-to csv FILE"),
)


def binary_kind(data: bytes) -> tuple[str, str] | None:
    """What a known binary format is and the command that converts it, from its first
    bytes; None when the bytes start no format kg knows."""
    for magic, what, convert in _MAGIC:
        if data.startswith(magic):
            return what, convert
    if data.startswith(b"PK\x03\x04"):
        for marker, what, convert in _ZIP_KINDS:
            if marker in data[:4096]:
                return what, convert
        return "a zip archive", "unzip FILE, then build the files inside"
    return None


def check_not_binary_format(data: bytes, path: str) -> None:
    """An ``InputError`` naming the format and its converter when ``data`` starts a known
    binary format (checked before the generic binary test, which cannot say what it is)."""
    found = binary_kind(data)
    if found is not None:
        what, convert = found
        name = Path(path)
        command = convert.replace("FILE", name.name).replace("STEM", name.stem)
        raise InputError(f"{what}, not text; convert it first: {command}", path)


# -- files a folder holds that kg does not read -------------------------------------------

#: Converters for suffixes often found beside articles.
_CONVERTERS = {
    ".pdf": "pdftotext", ".docx": "pandoc", ".doc": "libreoffice", ".odt": "pandoc",
    ".rtf": "pandoc", ".epub": "pandoc", ".xml": "a script (kg reads .html, .txt, .jsonl)",
    ".json": "one record a line, as .jsonl", ".csv": "one record a line, as .jsonl",
}


def unread_files(paths: Iterable[str | Path], known: Iterable[str]) -> list[str]:
    """The visible files inside the folders of ``paths`` whose suffix kg does not read
    (``known`` suffixes are read), sorted; the folders are walked as ingest walks them
    (hidden files and folders left out)."""
    suffixes = set(known)
    found: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(root, name) for name in sorted(files)
                      if not name.startswith(".") and Path(name).suffix.lower() not in suffixes]
    return found


def describe_unread(files: list[str], shown: int = 3) -> str:
    """One summary line: how many files were not read, of which kinds, the first few, and
    the converters for the kinds kg knows of."""
    kinds = Counter(Path(f).suffix.lower() or "(no suffix)" for f in files)
    by_kind = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
    names = ", ".join(files[:shown]) + (", …" if len(files) > shown else "")
    tools = sorted({f"{k} → {_CONVERTERS[k]}" for k in kinds if k in _CONVERTERS})
    hint = f"; convert: {'; '.join(tools)}" if tools else ""
    return (f"{len(files)} file{'s' if len(files) != 1 else ''} in the input folders "
            f"({by_kind}): {names}{hint}")


# -- language -----------------------------------------------------------------------------

#: The most frequent function words of a few languages (lower case). English text has about
#: a third of its words among its list; text in another language a few percent.
_STOPWORDS = {
    "English": "the of and to a in is that for on with was as by it at from he his be are "
               "said has have had not but its an this were which their they will would been "
               "who or after also more than over about into after she her we our",
    "German": "der die das und ist nicht ein eine einen dem den des mit von zu auf für sich "
              "auch es im wird werden wurde hat haben sind war nach bei aus dass sie er wir",
    "French": "le la les et est un une des du de dans pour que qui sur au aux avec par pas "
              "ne il elle se sont été ont cette ce ces mais plus été leur",
    "Spanish": "el la los las y es un una unos de del en que por para con se su sus al lo "
               "como más pero fue ha han este esta está son",
    "Italian": "il lo la gli le e è un una di del della dei che per con non si sono ha al "
               "alla nel nella questo anche più",
    "Portuguese": "o a os as e é um uma de do da dos das em no na que para com não se por "
                  "foi mais ao pelo pela está são",
    "Dutch": "de het een en is van in op te dat die niet met voor zijn er aan ook bij door "
             "naar wordt werd maar heeft",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Scripts told apart by code point ranges: (first, last, name).
_SCRIPTS = (
    (0x0400, 0x04FF, "Cyrillic"), (0x0370, 0x03FF, "Greek"), (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"), (0x0900, 0x097F, "Devanagari"), (0x0E00, 0x0E7F, "Thai"),
    (0x3040, 0x30FF, "Japanese kana"), (0x3400, 0x9FFF, "Chinese characters"),
    (0xAC00, 0xD7AF, "Korean Hangul"),
)
#: Text sampled from the start of a document, and the words it must hold to be judged.
_SAMPLE_CHARS = 20_000
_MIN_WORDS = 25


#: What a warning adds to ``language_problem``'s words when the document is built anyway.
NOT_ENGLISH = "kg reads English, so its facts are unreliable (--keep-going skips such documents)"


def published_not_applied(published: str, sources: list[str]) -> str:
    """The warning for ``--published`` given with documents already in the graph."""
    return (f"--published {published} not applied to {len(sources)} document(s) already in "
            f"the graph (first: {sources[0]}); they keep the dates they were built with "
            "(rebuild with --fresh to date them)")


def language_problem(text: str) -> str | None:
    """Why ``text`` does not look like English, or None when it does (or is too short to
    tell: fewer than 25 words). No model, no download: mostly non-Latin letters name their
    script; Latin text whose commonest function words are another language's (and hardly
    any English ones) names that language."""
    sample = text[:_SAMPLE_CHARS]
    letters = sum(map(str.isalpha, sample))
    if letters < 40:
        return None
    scripts: Counter[str] = Counter()
    for char in "" if sample.isascii() else sample:  # ASCII has no other script's letters
        code = ord(char)
        if code >= 0x0370 and char.isalpha():
            scripts.update(name for first, last, name in _SCRIPTS if first <= code <= last)
    if scripts:
        script, count = scripts.most_common(1)[0]
        if count > letters * 0.3:
            return f"not English: mostly {script}"
    words = Counter(w.lower() for w in _WORD.findall(sample))
    total = words.total()
    if total < _MIN_WORDS:
        return None
    share = {lang: sum(words[w] for w in vocab & words.keys()) / total
             for lang, vocab in _WORDS.items()}  # fmt: skip
    best = max(share, key=lambda lang: share[lang])
    if best != "English" and share[best] >= 0.2 and share["English"] < 0.1:
        return (f"not English: looks like {best} ({share[best]:.0%} {best} function words, "
                f"{share['English']:.0%} English)")
    return None
