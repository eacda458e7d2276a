"""Result columns in the query's order: ``SELECT *`` projects its variables in the order
they first appear in the query (Oxigraph returns them sorted by name)."""

from __future__ import annotations

import re

from rdflib.query import Result
from rdflib.term import Variable

_STAR = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", re.IGNORECASE)
#: What may hold a "?" that is no variable: IRIs, strings (long ones first), comments.
_NOT_CODE = re.compile(
    r'<[^<>\s"{}|^`\\]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*"
)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\uffff]+)")


def in_query_order(sparql: str, result: Result) -> Result:
    """``result`` with a ``SELECT *``'s columns in the order the query first names them."""
    if result.type != "SELECT" or not result.vars:
        return result
    star = _STAR.search(sparql)
    if star is None:
        return result
    code = _NOT_CODE.sub(" ", sparql[star.end() :])
    order = {name: i for i, name in reversed(list(enumerate(_VARIABLE.findall(code))))}
    out = Result("SELECT")
    out.vars = sorted(result.vars, key=lambda v: (order.get(str(v), len(order)), str(v)))
    out.bindings = [{Variable(k): v for k, v in row.asdict().items()}  # type: ignore[union-attr]
                    for row in result]
    return out
