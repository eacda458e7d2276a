"""Calibrated confidences: features of an extraction mapped to a probability of being right.

The model is a logistic regression, ``p = 1 / (1 + exp(-(w . x)))``, over a handful of plain
features of an extraction (its rule, how its subject was found, how many arguments it has,
sentence and argument lengths, pronoun or vague arguments). The weights are data, kept in
``kg/data/confidence.tsv`` (``feature<TAB>weight``); ``bench/calibrate.py`` refits them on
the CaRB development split (the label of an extraction is its best CaRB match precision) and
``bench/README.md`` shows the precision per confidence bin they give.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from importlib import resources

WEIGHTS = "confidence.tsv"


@cache
def weights() -> dict[str, float]:
    """The model's weights, feature name -> weight (``bias`` is the intercept)."""
    text = resources.files("kg").joinpath("data", WEIGHTS).read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("\t")
            table[name] = float(value)
    return table


def probability(features: Mapping[str, float], table: Mapping[str, float] | None = None) -> float:
    """The probability the model gives an extraction with these features, rounded to 3 places."""
    w = weights() if table is None else table
    z = w.get("bias", 0.0) + sum(w.get(name, 0.0) * value for name, value in features.items())
    z = max(-30.0, min(30.0, z))
    return round(1.0 / (1.0 + math.exp(-z)), 3)
