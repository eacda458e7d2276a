"""kg: an offline knowledge-graph builder for news text.

Start here: ``kg.KnowledgeGraph``, one object for a graph folder::

    from pathlib import Path

    import kg

    graph = kg.KnowledgeGraph.from_texts(
        ["Vladimir Putin visited China on Monday. He met Xi Jinping in Beijing."], "out/demo")
    graph.query("SELECT ?name ?o WHERE { ?s rdfs:label ?name ; kg:visits ?o }",
                name="Vladimir Putin")
    graph.query_df("SELECT ?name WHERE { ?e a kg:Person ; rdfs:label ?name }")   # pandas
    graph.rdf              # an rdflib Graph (read-only)
    graph.to_networkx()    # entities and facts as a networkx MultiDiGraph
    print(graph.show("Putin"))
    graph.export("out/demo.graphml")
    graph.viz("putin.html", focus="Putin")
    graph.add(["Xi Jinping visited Moscow in May.", Path("articles/")])

    kg.KnowledgeGraph("out")   # a graph already built by ``kg build``

The command line (``kg build``, ``kg query`` …) runs the same code; ``kg --help``.
The stages, one module each, in order: ``kg.ingest`` → ``kg.nlp`` → ``kg.extract`` →
``kg.resolve`` → ``kg.rdf.graph`` (``kg.pipeline`` runs them); readers: ``kg.query``,
``kg.html``, ``kg.export``, ``kg.serve``.

Importing ``kg`` loads nothing else: ``KnowledgeGraph`` is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "__version__"]

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph


def __getattr__(name: str) -> Any:
    if name == "KnowledgeGraph":
        from kg.api import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "KnowledgeGraph"])
