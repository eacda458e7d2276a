"""``kg.KnowledgeGraph``: kg from Python, one object for a graph folder.

It builds through :func:`kg.pipeline.build` (the code ``kg build`` runs, with the same
options) and reads through :mod:`kg.query`, :mod:`kg.html` and :mod:`kg.export`; it adds no
stage of its own, only conversions of results (:mod:`kg.convert`).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kg.errors import GraphError, KgWarning, NotFoundError, QueryError

if TYPE_CHECKING:
    import networkx
    import pandas
    from rdflib import Graph
    from rdflib.query import Result

    from kg.summary import BuildSummary


class KnowledgeGraph:
    """A kg graph folder (what ``kg build -o PATH`` writes), opened read-only.

    Build one from texts, files or folders, query it with SPARQL (arguments bound, never
    pasted into the text), take it to rdflib, networkx or pandas, draw or export it::

        >>> import kg
        >>> graph = kg.KnowledgeGraph.from_texts(
        ...     ["Vladimir Putin visited China on Monday."], "out/demo", fresh=True)
        >>> result = graph.query(
        ...     "SELECT ?name ?visited WHERE { ?p rdfs:label ?name ; kg:visits ?c . "
        ...     "?c rdfs:label ?visited }", name="Vladimir Putin")
        >>> [str(row.visited) for row in result]
        ['China']
        >>> graph.to_networkx().number_of_edges() >= 1
        True
        >>> print(graph.show("vladimir putin").splitlines()[0])
        Vladimir Putin  [Person]  <https://w3id.org/kg/entity/vladimir-putin>

    ``KnowledgeGraph("out")`` opens a graph already built there. The snapshot read is the one
    current when the graph is first used; :meth:`add` moves to the new one. Close it with
    :meth:`close` (or use it in a ``with`` block) to release the snapshot at once.
    """

    def __init__(self, path: str | os.PathLike[str] = "out") -> None:
        self.path = Path(path)
        #: What the last :meth:`from_texts` or :meth:`add` did (``None`` when only opened).
        self.summary: BuildSummary | None = None
        self._graph: Graph | None = None
        if not self.path.is_dir():
            raise GraphError("no such graph folder; build one with "
                             "KnowledgeGraph.from_texts(texts, path) or kg build", self.path)

    # -- building -----------------------------------------------------------------------

    @classmethod
    def from_texts(
        cls, sources: Iterable[Any], path: str | os.PathLike[str] = "out", **options: Any
    ) -> KnowledgeGraph:
        """Build (or extend) the graph in ``path`` from ``sources`` and open it.

        Each source is an article's plain text (``str``), a :class:`kg.model.Document`, or a
        file or folder given as a ``pathlib.Path`` (a ``str`` is always text, never a path).
        ``options`` are ``kg build``'s: ``fresh``, ``model``, ``published``, ``keep_going``,
        ``max_doc_chars``, ``aliases``, ``workers``, ``dask``, ``remote``, ``progress``;
        warnings (a skipped file, text that is not English) go to :mod:`warnings` as
        :class:`kg.errors.KgWarning` unless ``warn`` is given.

            >>> from pathlib import Path
            >>> graph = kg.KnowledgeGraph.from_texts([Path("seeds")], "out/seeds")  # doctest: +SKIP
        """
        Path(path).mkdir(parents=True, exist_ok=True)
        graph = cls(path)
        graph.add(sources, **options)
        return graph

    def add(self, sources: Iterable[Any], **options: Any) -> BuildSummary:
        """Add articles (as for :meth:`from_texts`; one source or several) to this graph;
        returns the build's summary (also kept as ``.summary``). A document already in the
        graph with the same text is skipped; one with its id or URL and another text
        replaces it (see :meth:`remove`)."""
        from kg.pipeline import build

        paths: list[Path] = []
        texts: list[Any] = []
        from kg.model import Document

        single = isinstance(sources, str | os.PathLike | Document)
        for source in [sources] if single else sources:
            if isinstance(source, os.PathLike):
                paths.append(Path(source))
            else:
                texts.append(source)
        options.setdefault("warn", _warn)
        self.close()
        self.summary = build(paths, self.path, texts=texts, **options)
        return self.summary

    def remove(self, *documents: str, **options: Any) -> BuildSummary:
        """Take documents (ids, paths as given when they were added, URLs) and everything
        that rests only on them out of this graph, as ``kg remove`` does; returns the
        summary (also kept as ``.summary``). ``options``: ``aliases`` (the alias tables the
        graph was built with), ``remote``. A name that matches no document raises
        :class:`kg.errors.NotFoundError` and changes nothing.

            >>> graph.remove("news/old-story.txt")  # doctest: +SKIP
        """
        from kg.remove import remove_documents

        self.close()
        self.summary = remove_documents(self.path, documents, **options)
        return self.summary

    # -- reading ------------------------------------------------------------------------

    @property
    def rdf(self) -> Graph:
        """The graph as an rdflib ``Graph`` over kg's store, read-only: ``add``/``remove``
        raise a ``GraphError`` (add articles with :meth:`add`). kg's prefixes are bound.

            >>> len(graph.rdf) > 0  # doctest: +SKIP
            True
        """
        if self._graph is None:
            from kg.query import open_graph

            self._graph = open_graph(self.path)
        return self._graph

    def query(self, sparql: str, *, ontology: bool = False, **bindings: Any) -> Result:
        """Run a SPARQL query; keyword arguments bind variables as RDF terms (rdflib
        ``initBindings``, never text pasted into the query).

        The query reads the data (entities, facts, evidence, documents); with
        ``ontology=True`` the ontology is part of the default graph too (class and predicate
        labels such as ``?p rdfs:label ?predicate``, hierarchies), as with
        ``kg query --with-ontology``. So ``ontology`` cannot name a bound variable.

        A ``str`` binds a plain literal, an ``int``/``float``/``bool``/``date`` a typed one,
        an rdflib term itself. As Oxigraph requires, a bound variable must be in the SELECT
        clause; its column is left out of the result. kg's prefixes (``kg:``, ``ent:``,
        ``rdfs:`` …) are predeclared; columns come in the query's order.

            >>> rows = graph.query("SELECT ?name ?e WHERE { ?e rdfs:label ?name }",
            ...                    name="China")  # doctest: +SKIP
        """
        from kg.convert import terms
        from kg.query import normalise, run_query

        bound = terms(bindings)
        try:
            result = run_query(self.rdf, sparql, bound, ontology=ontology)
        except QueryError as exc:
            missing = [n for n in bound if f"?{n} " in str(exc) + " "]
            if "projection" in str(exc) and missing:
                raise QueryError(f"bound variable ?{missing[0]} must be in the SELECT clause "
                                 "(kg leaves its column out of the result)") from exc
            raise
        return normalise(result, hide=bound)

    def query_df(
        self, sparql: str, *, ontology: bool = False, **bindings: Any
    ) -> pandas.DataFrame:
        """A SELECT query's rows as a pandas ``DataFrame`` (pandas is an optional extra:
        ``pip install 'kg[pandas]'``): columns in query order, literals as Python values
        (text, numbers, dates), IRIs as text, unbound cells as ``None``.

            >>> people = graph.query_df(
            ...     "SELECT ?name WHERE { ?e a kg:Person ; rdfs:label ?name }")  # doctest: +SKIP
        """
        from kg.convert import dataframe

        return dataframe(self.query(sparql, ontology=ontology, **bindings))

    def to_networkx(self) -> networkx.MultiDiGraph:
        """The entities and facts as a ``networkx.MultiDiGraph`` (networkx comes with
        ``kg[export]``): a node per entity (its IRI, with ``label`` and ``type``), an edge
        per fact keyed by its predicate (``predicate``, ``label``, ``polarity``,
        ``modality``, ``confidence``, ``evidence``). A claim the text denies is an edge with
        polarity ``negative``; filter on it where only asserted facts should count.

            >>> nx_graph = graph.to_networkx()  # doctest: +SKIP
        """
        from kg.convert import networkx_graph

        return networkx_graph(self.rdf)

    def show(self, name: str) -> str:
        """What ``kg show NAME`` prints: the entities with this name or alias (any case),
        their aliases and facts with evidence. ``NotFoundError`` when there is none."""
        from kg.query import show_entity

        reports = show_entity(self.rdf, name)
        if not reports:
            raise NotFoundError(f"no entity named {name!r}", self.path)
        return "\n\n".join(report.format() for report in reports)

    # -- writing ------------------------------------------------------------------------

    def export(self, path: str | os.PathLike[str], fmt: str | None = None) -> list[Path]:
        """Write the graph as ``kg export`` does; the format comes from ``fmt`` or the
        suffix (``.graphml``, ``.cypher``, ``.ttl``, ``.jsonld``, ``.nt``, ``.nq``,
        ``.trig``, ``.rdf``; a path without suffix is a ``neo4j-csv`` folder). Returns the
        files written.

            >>> graph.export("out/demo.graphml")  # doctest: +SKIP
        """
        from kg.export import export, format_from_suffix

        return export(self.path, fmt or format_from_suffix(Path(path)), Path(path))

    def viz(self, path: str | os.PathLike[str] | None = None, **view: Any) -> Path:
        """Write the interactive page (``kg viz``): ``focus``, ``hops``, ``types``,
        ``min_confidence``, ``max_nodes``, ``title``; default path ``PATH/view.html``.

            >>> graph.viz("putin.html", focus="Putin", hops=1)  # doctest: +SKIP
        """
        from kg.html import write_html

        return write_html(self.rdf, Path(path) if path else self.path / "view.html", **view)

    # -- life cycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Release the store snapshot (the next use opens the current one again)."""
        if self._graph is not None:
            self._graph.close()
            self._graph = None

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"KnowledgeGraph({str(self.path)!r})"


def _warn(message: str) -> None:
    warnings.warn(message, KgWarning, stacklevel=4)
