"""What a build did and what the graph now holds: :class:`BuildSummary`, its one-screen text,
and the counts read back from the new snapshot by SPARQL (:func:`summarise`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg import ontology
from kg.ingest import guards
from kg.rdf import graph as kgraph
from kg.rdf.builder import Builder
from kg.shacl.validate import Violation, format_report

HTML = "graph.html"
#: Predicates the summary lists, the most used first.
TOP_PREDICATES = 8


@dataclass
class BuildSummary:
    """What a build did and what the graph now holds."""

    out_dir: Path
    documents_read: int = 0
    documents_added: int = 0
    documents_in_graph: int = 0
    #: Files or JSONL lines skipped with ``keep_going``, and documents cut at max_doc_chars.
    skipped: int = 0
    truncated: int = 0
    #: Documents read but not added: already in the graph, or read twice in this build
    #: (the same id and the same text; the same id with another text is an input error).
    known: int = 0
    repeated: int = 0
    #: Documents added in place of an earlier version (same id or URL, another text), and
    #: documents taken out (``kg remove``).
    replaced: int = 0
    documents_removed: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    facts: int = 0
    evidence: int = 0
    triples: int = 0
    top_predicates: list[tuple[str, int]] = field(default_factory=list)
    #: Words (whitespace-separated) in the documents added.
    words: int = 0
    #: Wall-clock seconds: "start" (model loading, worker start), "documents" (parse,
    #: extract, resolve, triples into the new store), "stop" (worker shut-down), "outputs"
    #: (cross-document step, shape check, graph.ttl, graph.html, publishing).
    seconds: dict[str, float] = field(default_factory=dict)
    #: Violations of the SHACL shapes among the nodes this build added (written anyway).
    violations: list[Violation] = field(default_factory=list)
    #: Files inside the input folders that kg does not read (a .pdf, a .docx …), and the
    #: files (or JSONL lines) skipped with ``keep_going``.
    unread: list[str] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    #: Documents added although they do not look like English (warned about).
    not_english: int = 0
    #: Whether graph.ttl and graph.html were rewritten (``BuildOptions.files``); when not,
    #: OUT holds the store only.
    files: bool = True

    def format(self) -> str:
        """A one-screen summary for the terminal."""
        lines = [
            f"graph: {self.out_dir}",
            f"documents: {self.documents_read} read, {self.documents_added} added, "
            + (f"{self.replaced} of them replacing an earlier version, " if self.replaced else "")
            + (f"{self.documents_removed} removed, " if self.documents_removed else "")
            + f"{self.documents_in_graph} in graph"
            + (f", {self.skipped} skipped" if self.skipped else "")
            + (f", {self.truncated} truncated" if self.truncated else "")
            + (f", {self.known} already in the graph" if self.known else "")
            + (f", {self.repeated} repeated" if self.repeated else ""),
            f"entities: {sum(self.entities_by_type.values())} ("
            + ", ".join(f"{t} {n}" for t, n in sorted(self.entities_by_type.items()))
            + ")",
            f"facts: {self.facts} (with {self.evidence} evidence sentences); triples: "
            f"{self.triples}",
        ]
        if self.skipped_files:
            names = self.skipped_files
            lines.append(f"skipped: {', '.join(names[:3])}{', …' if len(names) > 3 else ''} "
                         "(the warnings say why)")
        if self.unread:
            lines.append("not read: " + guards.describe_unread(self.unread))
        if self.not_english:
            lines.append(f"not English (built anyway, facts unreliable): {self.not_english}")
        if self.top_predicates:
            lines.append("top predicates:")
            lines += [f"  {n:5d}  {label}" for label, n in self.top_predicates]
        if self.violations:
            lines.append(
                f"shape violations in the new facts: {len(self.violations)} "
                f"(details: kg validate -g {self.out_dir})"
            )
            lines += ["  " + line for line in format_report(self.violations, 2).splitlines()[1:]]
        if self.files:
            lines.append(
                f"wrote {self.out_dir / kgraph.TURTLE}, {self.out_dir / HTML}, "
                f"{self.out_dir / kgraph.STORE}/"
            )
        else:
            lines.append(
                f"wrote {self.out_dir / kgraph.STORE}/ (graph.ttl and graph.html, whole-graph "
                f"files, are left out when a build adds little to a big graph: "
                f"kg dump -g {self.out_dir} {self.out_dir / kgraph.TURTLE}; "
                f"kg viz -g {self.out_dir} -o {self.out_dir / HTML}; or kg build --files always)"
            )
        return "\n".join(lines)


def summarise(builder: Builder, summary: BuildSummary) -> None:
    """The summary's counts of the new snapshot: kept by delta from the snapshot it started
    from, else counted by SPARQL (``kg.rdf.counts``); the labels of the most used
    predicates looked up (the open relations of a big graph are thousands)."""
    counts = builder.tally()
    kg, rdfs = str(ontology.KG), ontology.RDFS
    summary.entities_by_type = {c.removeprefix(kg): n for c, n in counts.types.items() if n}
    summary.facts = sum(n for n in counts.facts.values() if n > 0)
    top = sorted(((n, p) for p, n in counts.facts.items() if n > 0), key=lambda x: (-x[0], x[1]))
    top = top[:TOP_PREDICATES]
    labels: dict[str, str] = {}
    if top:
        values = " ".join(f"<{p}>" for _, p in top)
        for row in builder.select(f"SELECT ?p ?label WHERE {{ VALUES ?p {{ {values} }} "
                                  f"?p <{rdfs.label}> ?label }} ORDER BY ?label"):  # fmt: skip
            labels.setdefault(row[0].value, row[1].value)
    named = [(labels.get(p, p.rsplit("/", 1)[-1].rsplit("#", 1)[-1]), n) for n, p in top]
    summary.top_predicates = sorted(named, key=lambda item: (-item[1], item[0]))
    summary.evidence = counts.evidence
    summary.documents_in_graph = counts.documents
    ontology_triples = builder.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ontology.ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
    )
    summary.triples = counts.triples + int(ontology_triples[0][0].value)
