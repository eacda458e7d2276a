"""Calibrated confidences: features of an extraction mapped to a probability of being right.

The model is a logistic regression, ``p = 1 / (1 + exp(-(w . x)))``, over a handful of plain
features of an extraction (its rule, how its subject was found, how many arguments it has,
sentence and argument lengths, pronoun or vague arguments). The weights are data, kept in
``kg/data/confidence.tsv`` (``feature<TAB>weight``); ``bench/calibrate.py`` refits them on
the CaRB development split (the label of an extraction is its best CaRB match precision) and
``bench/README.md`` shows the precision per confidence bin they give.

A fact's confidence is then recalibrated on news (:func:`fact_probability`): the weights
in ``kg/data/fact_confidence.tsv`` are fitted by ``bench/refit_facts.py`` on the facts of
kg's own graph of the NewsKG dev half (the label of a fact is the scorer's verdict).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from importlib import resources

WEIGHTS = "confidence.tsv"
#: The facts' recalibration on news (``bench/refit_facts.py``): features ``bias``, ``logit``
#: (of the clause confidence) and ``prior=<the rule's clause prior>``.
FACT_WEIGHTS = "fact_confidence.tsv"


@cache
def weights(name: str = WEIGHTS) -> dict[str, float]:
    """The model's weights, feature name -> weight (``bias`` is the intercept)."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
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


def fact_features(clause_confidence: float, prior: str) -> dict[str, float]:
    """The features of a fact for :func:`fact_probability`: the logit of the confidence of
    the clause it was read from and its rule's clause prior (``rules.CLAUSE_PRIORS``)."""
    c = min(max(clause_confidence, 0.001), 0.999)
    return {"logit": math.log(c / (1.0 - c)), f"prior={prior}": 1.0}


def fact_probability(
    clause_confidence: float, prior: str, table: Mapping[str, float] | None = None
) -> float:
    """A fact's confidence: the clause's, recalibrated on news facts by the rule's kind
    (``bench/refit_facts.py``; the shipped table is the identity until a refit carries out
    of sample, see ``bench/README.md``)."""
    w = weights(FACT_WEIGHTS) if table is None else table
    return probability(fact_features(clause_confidence, prior), w)
