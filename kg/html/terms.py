"""Terms as the page shows them: an IRI's readable name, one label of many, a confidence."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from rdflib import Literal
from rdflib.term import Node


def local_name(iri: str) -> str:
    """The last segment of an IRI, made readable (``vladimir-putin`` -> ``vladimir putin``)."""
    tail = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return tail.replace("-", " ").replace("_", " ") or iri


def words(name: str) -> str:
    """``validFrom`` -> ``valid from``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def pick_label(labels: Iterable[Node | str]) -> str | None:
    """One label, deterministically: English or untagged first, then the shortest. A plain
    ``str`` is a literal's text, with no language (as kg's store reads them); IRIs and blank
    nodes are no labels."""
    literals = [lit for lit in labels if isinstance(lit, Literal) or type(lit) is str]
    ranked = sorted(
        literals,
        key=lambda lit: (getattr(lit, "language", None) not in (None, "en"), len(lit), str(lit)),
    )
    return str(ranked[0]) if ranked else None


def confidence(value: object) -> float | None:
    """A confidence literal as a float in [0, 1], or None when missing or malformed."""
    if value is None:
        return None
    try:
        number = float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return min(1.0, max(0.0, number))


def rank(value: float | None) -> float:
    """A sort key for confidences: a missing one ranks below any given one."""
    return -1.0 if value is None else value
