"""kg export / kg push, loaded into real Cypher engines and checked against the RDF graph.

Expectations come from SPARQL over the RDF graph (not from the exporter), so an engine's
counts, labels, types, a quoted non-ASCII sentence and a two-hop path answer are compared
with what the graph itself says.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cli import EXPORT_FORMATS, main
from kg.export import FORMATS, export, from_rdf, load_graph, neo4j_csv
from kg.export.cypher import script, statements, string_literal
from kg.export.propertygraph import relationship_type
from kg.ontology import KG, PREFIX_IRIS
from tests.conftest import SEED, bolt_runner, falkor_runner, need
from tests.conftest import importable as _importable
from tests.engines import ARCADE_PASSWORD, ARCADE_USER
from tests.news import NEWS

pytestmark = pytest.mark.model

#: Articles of tests/data/news about one takeover (a stake, bids, a table of results): they
#: share companies and people.
MULTI = [NEWS / f"{n:03d}.txt" for n in (4, 9, 11, 12, 15, 16)]

# -- what the RDF graph says ------------------------------------------------------------

ENTITY_CLASSES = """
SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?t . ?t rdfs:subClassOf* ?c . ?c rdfs:subClassOf* kg:Entity
} GROUP BY ?c
"""
DOCUMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }"
MENTIONS = "SELECT (COUNT(*) AS ?n) WHERE { ?e kg:mentionedIn ?d . ?d a kg:Document }"
FACT_EVIDENCE = """
SELECT ?p (COUNT(DISTINCT ?ev) AS ?n) WHERE {
  ?s ?p ?o .
  ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
} GROUP BY ?p
"""
#: Facts without evidence: links from the alias table (the Kremlin kg:institutionOf Russia)
#: rest on the table, not on a sentence; each is one relationship without evidence properties.
BARE_FACTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE {
  { SELECT DISTINCT ?s ?p ?o WHERE {
      ?s ?p ?o . ?s a/rdfs:subClassOf* kg:Entity . ?o a/rdfs:subClassOf* kg:Entity .
      FILTER NOT EXISTS { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } } }
} GROUP BY ?p
"""
QUOTED_SENTENCES = """
SELECT ?sentence (COUNT(DISTINCT ?ev) AS ?n) ?ascii WHERE {
  ?s ?p ?o .
  ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence .
  FILTER(REGEX(?sentence, "[^\\\\x00-\\\\x7F]") && REGEX(?sentence, "['\\"‘’“”]"))
  BIND(IF(REGEX(?sentence, "['\\"]"), 1, 0) AS ?ascii)
} GROUP BY ?sentence ?ascii ORDER BY DESC(?ascii) DESC(STRLEN(?sentence)) LIMIT 1
"""
#: The seed's one sentence with ASCII quotes and non-ASCII text has only statements with a
#: generic end (no facts), so the multi graph adds this article of ours: its fact's sentence
#: carries both through every engine (the seed graph's has typographic quotes).
QUOTED_ARTICLE = (
    "Siemens hires Müller\n\n"
    "Jürgen Müller, the chairman of Siemens AG, said on Monday: \"We visited Gazprom's plant.\"\n"
)
TWO_HOPS = """
SELECT DISTINCT ?a ?b WHERE {
  ?a ?p1 ?m . ?m ?p2 ?b .
  ?a a/rdfs:subClassOf* kg:Entity . ?m a/rdfs:subClassOf* kg:Entity .
  ?b a/rdfs:subClassOf* kg:Entity .
}
"""


@dataclass
class Expected:
    nodes: int
    relationships: int
    labels: dict[str, int]
    types: dict[str, int]
    sentence: str
    sentence_count: int
    start: str
    reached: set[str]


def expected(graph: Graph) -> Expected:
    def rows(query: str) -> list:
        return list(graph.query(query, initNs=PREFIX_IRIS))

    labels = {str(c).rsplit("#", 1)[-1]: int(n) for c, n in rows(ENTITY_CLASSES)}
    documents = int(rows(DOCUMENTS)[0][0])
    mentions = int(rows(MENTIONS)[0][0])
    types: dict[str, int] = {"MENTIONED_IN": mentions}
    for p, n in rows(FACT_EVIDENCE):
        types[relationship_type(p)] = types.get(relationship_type(p), 0) + int(n)
    for p, n in rows(BARE_FACTS):
        assert p == KG.institutionOf, f"only alias-table links lack evidence, not {p}"
        types[relationship_type(p)] = types.get(relationship_type(p), 0) + int(n)
    quoted = rows(QUOTED_SENTENCES)
    assert quoted, "the graph has a sentence with non-ASCII and quote characters"
    paths: dict[str, set[str]] = {}
    for a, b in rows(TWO_HOPS):
        paths.setdefault(str(a), set()).add(str(b))
    assert paths, "the graph has a two-hop path between entities"
    start = max(sorted(paths), key=lambda a: len(paths[a]))
    return Expected(
        nodes=labels["Entity"] + documents,
        relationships=sum(types.values()),
        labels={**labels, "Document": documents},
        types=types,
        sentence=str(quoted[0][0]),
        sentence_count=int(quoted[0][1]),
        start=start,
        reached=paths[start],
    )


@dataclass
class Observed:
    nodes: int
    relationships: int
    labels: dict[str, int]
    types: dict[str, int]
    sentence_count: int
    reached: set[str]


def observe_cypher(run, want: Expected) -> Observed:
    """What a Neo4j-like engine holds; ``run(query, params)`` returns a list of rows."""

    def one(query: str, **params) -> int:
        return int(run(query, params)[0][0])

    return Observed(
        nodes=one("MATCH (n) RETURN count(n)"),
        relationships=one("MATCH ()-[r]->() RETURN count(r)"),
        labels={lab: one(f"MATCH (n:{lab}) RETURN count(n)") for lab in want.labels},
        types={t: one(f"MATCH ()-[r:{t}]->() RETURN count(r)") for t in want.types},
        sentence_count=one(
            "MATCH ()-[r]->() WHERE r.sentence = $s RETURN count(r)", s=want.sentence
        ),
        reached={
            str(row[0])
            for row in run(
                "MATCH (a:Entity {iri: $iri})-->(m:Entity)-->(b:Entity) RETURN DISTINCT b.iri",
                {"iri": want.start},
            )
        },
    )


def check(seen: Observed, want: Expected) -> None:
    assert seen.nodes == want.nodes
    assert seen.relationships == want.relationships
    assert seen.labels == want.labels
    assert seen.types == want.types
    assert seen.sentence_count == want.sentence_count >= 1
    assert seen.reached == want.reached


# -- graphs ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def multi_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six news articles of tests/data/news, then the seed article and an article with ASCII
    quotes in non-ASCII text (``QUOTED_ARTICLE``) added to the same graph."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("multi") / "out"
    summary = build(MULTI, out)
    assert summary.documents_added == len(MULTI)
    build([SEED], out)
    quoted = out.parent / "quoted.txt"
    quoted.write_text(QUOTED_ARTICLE, encoding="utf-8")
    build([quoted], out)
    return out


@pytest.fixture(scope="session", params=["seed", "multi"])
def built(request: pytest.FixtureRequest) -> tuple[str, Path]:
    out = request.getfixturevalue("seed_out" if request.param == "seed" else "multi_out")
    return request.param, out


# -- the property graph itself ------------------------------------------------------------


def test_relationship_types_are_safe_upper_snake_case():
    assert relationship_type(KG.proposedTo) == "PROPOSED_TO"
    assert relationship_type(URIRef("https://w3id.org/kg/relation/push-onto")) == "PUSH_ONTO"
    assert relationship_type(URIRef("https://w3id.org/kg/relation/r%C3%A9duire")) == "R_C3_A9DUIRE"
    assert relationship_type(URIRef("https://w3id.org/kg/relation/1st-place")).startswith("REL_")
    assert relationship_type(URIRef("https://w3id.org/kg/relation/%E4%BA%BA")) == "E4_BA_BA"


def test_string_literals_escape_quotes_backslashes_and_newlines():
    assert string_literal("O'Neil \\ “x”\n") == "'O\\'Neil \\\\ “x”\\n'"
    # other controls and line separators stay raw: a statement is still one \n-ended line
    text = string_literal("a\x07b\u2028c\x1cd\u200fe\x0cf")
    assert text == "'a\x07b\u2028c\x1cd\u200fe\\ff'"
    assert statements(f"RETURN {text};\nRETURN 1;\n") == [f"RETURN {text}", "RETURN 1"]


def test_every_evidence_literal_of_the_seed_graph_is_on_its_relationship(seed_graph):
    """Issue 10's qualifiers (validFrom, polarity, modality, attribution, quantity) and any
    later literal reach the relationships without exporter changes."""
    from rdflib.namespace import RDF

    rels = {r.id: r for r in from_rdf(seed_graph).relationships}
    checked = 0
    for ev in seed_graph.subjects(RDF.type, KG.Evidence):
        s, p, o = (seed_graph.value(ev, term) for term in (RDF.subject, RDF.predicate, RDF.object))
        if (s, p, o) not in seed_graph:
            assert "ev:" + str(ev).rsplit("/", 1)[1] not in rels  # a denied claim: no edge
            continue
        rel = rels["ev:" + str(ev).rsplit("/", 1)[1]]
        for predicate, value in seed_graph.predicate_objects(ev):
            if isinstance(value, Literal):
                assert str(predicate).rsplit("#", 1)[1] in rel.properties
                checked += 1
    assert checked > 100
    assert any("polarity" in r.properties for r in rels.values())


def test_evidence_properties_flow_through_generically(seed_graph):
    """Properties added to evidence later reach every format without exporter changes."""
    from rdflib.namespace import XSD

    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    ev = next(
        e
        for e in sorted(graph.subjects(KG.timeText, None))
        if (e, KG.quantity, None) not in graph and (e, KG.validFrom, None) not in graph
    )
    quantity = URIRef(str(ev) + "/quantity")
    graph.add((ev, KG.validFrom, Literal("2024-05-16", datatype=XSD.date)))
    graph.add((ev, KG.polarity, Literal("positive")))
    graph.add((ev, KG.quantity, quantity))
    graph.add((quantity, KG.amount, Literal("4.5", datatype=XSD.decimal)))
    graph.add((quantity, KG.unit, Literal("days")))
    second = URIRef(str(ev) + "/quantity2")
    graph.add((ev, KG.quantity, second))
    graph.add((second, KG.amount, Literal("2", datatype=XSD.decimal)))
    graph.add((second, KG.unit, Literal("percent")))
    graph.add((second, KG.quantityText, Literal("2%")))
    graph.add((ev, KG.id, Literal("not the id")))  # cannot replace kg's stable id
    rel = next(r for r in from_rdf(graph).relationships if r.id.endswith(str(ev).rsplit("/")[-1]))
    assert rel.properties["validFrom"] == dt.date(2024, 5, 16)
    assert rel.properties["polarity"] == "positive"
    assert rel.properties["quantityAmount"] == 4.5
    assert rel.properties["quantityUnit"] == "days"
    assert rel.properties["quantity2Amount"] == 2.0
    assert rel.properties["quantity2Unit"] == "percent"
    assert rel.properties["quantity2Text"] == "2%"
    assert rel.properties["id_"] == "not the id" and "id" not in rel.properties
    assert rel.properties["timeText"] and rel.properties["sentence"]
    assert "r.validFrom" not in script(from_rdf(graph))  # values go in the SET map
    assert "validFrom: date('2024-05-16')" in script(from_rdf(graph))
    headers = [c[0] for c in neo4j_csv.relationship_columns(from_rdf(graph))]
    assert {"validFrom:date", "quantityAmount:float", "confidence:float", "polarity"} <= set(
        headers
    )


def test_a_fact_said_twice_is_two_relationships_sharing_a_fact_id(seed_graph):
    """One relationship per piece of evidence; an evidence node whose triple is not asserted
    (a denied claim) gives no relationship, as a plain MATCH should not find it."""
    from rdflib.namespace import RDF

    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    ev = next(graph.subjects(RDF.predicate, KG.visits))
    twin = URIRef(str(ev) + "-twin")
    for p, o in graph.predicate_objects(ev):
        graph.add(
            (twin, p, Literal("Putin’s “visit”, he said, isn't over.") if p == KG.sentence else o)
        )
    denied = URIRef(str(ev) + "-denied")
    for p, o in graph.predicate_objects(ev):
        graph.add((denied, p, KG.proposedTo if p == RDF.predicate else o))
    graph.add((denied, KG.polarity, Literal("negative")))
    property_graph = from_rdf(graph)
    visits = [r for r in property_graph.relationships if r.type == "VISITS"]
    assert len(visits) == 2 and len({r.id for r in visits}) == 2
    assert len({r.properties["fact"] for r in visits}) == 1
    assert {r.properties["sentence"] for r in visits} >= {"Putin’s “visit”, he said, isn't over."}
    assert not any(r.properties.get("polarity") == "negative" for r in property_graph.relationships)


def test_push_gathers_small_batches_into_few_transactions(seed_graph):
    from kg.export.push import node_batches, relationship_batches, transaction_groups

    graph = from_rdf(seed_graph)
    batches = [*node_batches(graph, 4), *relationship_batches(graph, 4)]
    groups = list(transaction_groups(iter(batches), 10))
    assert [b for g in groups for b in g] == batches  # every batch, in order, once
    assert all(sum(len(rows) for _, rows in g) <= 10 for g in groups)
    assert len(groups) < len(batches)
    assert all(len(rows) <= 4 and q.startswith("UNWIND $rows AS row ") for q, rows in batches)


def test_cypher_script_is_plain_statements(seed_out, tmp_path):
    path = tmp_path / "g.cypher"
    export(seed_out, "cypher", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("//")]
    assert all(line.endswith(";") for line in body)
    assert not any(line.lstrip().startswith(":") for line in lines)
    assert body[0].startswith("CREATE CONSTRAINT") and "IF NOT EXISTS" in body[0]
    first_merge = next(i for i, line in enumerate(body) if line.startswith("MERGE"))
    assert all(line.startswith("CREATE CONSTRAINT") for line in body[:first_merge])
    assert "CREATE (" not in path.read_text(encoding="utf-8")


def test_cli_formats_match_the_registry():
    assert EXPORT_FORMATS == tuple(FORMATS)


def test_cli_export_and_its_errors(seed_out, tmp_path, capsys):
    assert (
        main(
            ["export", "--format", "neo4j-csv", "-g", str(seed_out), "-o", str(tmp_path / "neo4j")]
        )
        == 0
    )
    written = capsys.readouterr().out.split()
    assert {Path(p).name for p in written} >= {"nodes.csv", "relationships.csv", "import.sh"}
    # import.sh calls $NEO4J_HOME/bin/neo4j-admin: one that prints its arguments shows the
    # exact command line the script runs.
    admin = tmp_path / "home" / "bin" / "neo4j-admin"
    admin.parent.mkdir(parents=True)
    admin.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    admin.chmod(0o755)
    folder = (tmp_path / "neo4j").resolve()
    done = subprocess.run(
        [str(folder / "import.sh"), "news"],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], "NEO4J_HOME": str(admin.parents[1])},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "database",
        "import",
        "full",
        "news",
        f"--nodes={folder}/nodes.csv",
        f"--relationships={folder}/relationships.csv",
        "--multiline-fields=true",
        "--overwrite-destination=true",
    ]
    assert (
        main(
            [
                "export",
                "--format",
                "cypher",
                "-g",
                str(tmp_path / "none"),
                "-o",
                str(tmp_path / "x.cypher"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert main(["push", "bolt://127.0.0.1:9", "-g", str(seed_out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: bolt://127.0.0.1:9: push failed") and err.count("\n") == 1


# -- RDF and GraphML round trips ----------------------------------------------------------


@pytest.mark.parametrize("fmt,rdf_format", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_rdf_exports_round_trip(built, tmp_path, fmt, rdf_format):
    _, out = built
    source = load_graph(out)
    path = tmp_path / f"graph.{fmt}"
    export(source, fmt, path)
    assert isomorphic(Graph().parse(path, format=rdf_format), source)


def test_graphml_round_trips_in_networkx(built, tmp_path):
    import networkx as nx

    name, out = built
    want = expected(load_graph(out))
    if name == "multi":  # the engines see an ASCII quote inside non-ASCII text
        assert "'" in want.sentence and "ü" in want.sentence, want.sentence
    path = tmp_path / "graph.graphml"
    assert main(["export", "--format", "graphml", "-g", str(out), "-o", str(path)]) == 0
    read = nx.read_graphml(path, force_multigraph=True)
    assert all(data["label"] for _, data in read.nodes(data=True))
    assert read.number_of_nodes() == want.nodes
    assert read.number_of_edges() == want.relationships
    types = [d["type"] for _, _, d in read.edges(data=True)]
    assert {t: types.count(t) for t in set(types)} == want.types
    assert sum(d.get("sentence") == want.sentence for _, _, d in read.edges(data=True)) == (
        want.sentence_count
    )


# -- ArcadeDB: Bolt, the official driver, database selection, transactions ----------------


@pytest.mark.slow
def test_arcadedb_runs_the_cypher_script_twice(built, arcadedb, tmp_path):
    name, out = built
    want = expected(load_graph(out))
    path = tmp_path / "graph.cypher"
    assert main(["export", "--format", "cypher", "-g", str(out), "-o", str(path)]) == 0
    driver, run = bolt_runner(arcadedb, f"{name}_script")
    with driver:
        for _ in range(2):
            for statement in statements(path.read_text(encoding="utf-8")):
                run(statement)
            check(observe_cypher(run, want), want)
        # the script's constraints hold: a second node with an existing id is refused
        import neo4j.exceptions

        with pytest.raises(neo4j.exceptions.ClientError, match="ConstraintValidation"):
            run("CREATE (n:Entity {id: $id})", {"id": "ent:" + want.start.split("/entity/")[1]})
        assert observe_cypher(run, want).nodes == want.nodes


@pytest.mark.slow
def test_arcadedb_push_twice_changes_nothing(built, arcadedb, capsys, monkeypatch):
    name, out = built
    want = expected(load_graph(out))
    target = [arcadedb, "--database", f"{name}_push", "-g", str(out)]
    # the second push takes its credentials from the environment
    runs = [["--user", ARCADE_USER, "--password", ARCADE_PASSWORD], []]
    driver, run = bolt_runner(arcadedb, f"{name}_push")
    with driver:
        for credentials in runs:
            if not credentials:
                monkeypatch.setenv("NEO4J_USERNAME", ARCADE_USER)
                monkeypatch.setenv("NEO4J_PASSWORD", ARCADE_PASSWORD)
            assert main(["push", *target, *credentials]) == 0
            assert capsys.readouterr().out.startswith(f"merged {want.nodes} nodes")
            check(observe_cypher(run, want), want)


@pytest.mark.slow
def test_arcadedb_push_with_a_wrong_password_is_one_error_line(seed_out, arcadedb, capsys):
    args = ["push", arcadedb, "--user", ARCADE_USER, "--password", "wrong", "-g", str(seed_out)]
    assert main([*args, "--database", "seed_push"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {arcadedb}: push failed") and err.count("\n") == 1


@pytest.mark.slow
def test_arcadedb_load_csv_reads_the_neo4j_csvs(built, arcadedb, tmp_path):
    name, out = built
    want = expected(load_graph(out))
    folder = tmp_path / "neo4j"
    export(out, "neo4j-csv", folder)
    lines = neo4j_csv.load_csv_statements(from_rdf(load_graph(out)), f"file://{folder}/")
    driver, run = bolt_runner(arcadedb, f"{name}_csv")
    with driver:
        for _ in range(2):
            for statement in statements("\n".join(lines)):
                run(statement)
            check(observe_cypher(run, want), want)


# -- FalkorDB: the Cypher script and LOAD CSV ----------------------------------------------


@pytest.mark.slow
def test_falkordb_runs_the_cypher_script_twice(built, falkordb_port, tmp_path):
    name, out = built
    port, _ = falkordb_port
    want = expected(load_graph(out))
    path = tmp_path / "graph.cypher"
    args = ["export", "--format", "cypher", "--no-constraints", "-g", str(out), "-o", str(path)]
    assert main(args) == 0
    run = falkor_runner(port, f"{name}_script")
    run("CREATE INDEX FOR (n:Entity) ON (n.id)")
    run("CREATE INDEX FOR (n:Document) ON (n.id)")
    for _ in range(2):
        for statement in statements(path.read_text(encoding="utf-8")):
            run(statement)
        check(observe_cypher(run, want), want)


def test_falkordb_rejects_only_the_neo4j_constraints(seed_out, falkordb_port, tmp_path):
    """Why --no-constraints exists: in the full script FalkorDB fails on the CREATE
    CONSTRAINT statements alone and runs everything else."""
    port, _ = falkordb_port
    path = tmp_path / "graph.cypher"
    export(seed_out, "cypher", path)
    run = falkor_runner(port, "seed_with_constraints")
    failed = []
    for statement in statements(path.read_text(encoding="utf-8")):
        try:
            run(statement)
        except Exception as exc:  # the client raises ResponseError for a rejected query
            failed.append((statement, str(exc)))
    assert failed and all(st.startswith("CREATE CONSTRAINT") for st, _ in failed)
    assert len(failed) == len([ln for ln in path.read_text().splitlines() if "CONSTRAINT" in ln])
    want = expected(load_graph(seed_out))
    check(observe_cypher(run, want), want)


@pytest.mark.slow
def test_falkordb_load_csv_reads_the_neo4j_csvs(built, falkordb_port, tmp_path):
    name, out = built
    port, import_folder = falkordb_port
    want = expected(load_graph(out))
    folder = tmp_path / "neo4j"
    export(out, "neo4j-csv", folder)
    for csv_name in (neo4j_csv.NODES, neo4j_csv.RELATIONSHIPS):
        shutil.copy(folder / csv_name, import_folder / csv_name)
    run = falkor_runner(port, f"{name}_csv")
    for _ in range(2):
        for statement in statements((folder / "load-csv.cypher").read_text(encoding="utf-8")):
            run(statement)
        check(observe_cypher(run, want), want)


# -- Ladybug (Kùzu): a schema, then COPY FROM the same CSVs --------------------------------


@pytest.mark.slow
def test_ladybug_copies_the_neo4j_csvs(built, tmp_path):
    need(_importable("ladybug"), "ladybug")
    import ladybug

    name, out = built
    want = expected(load_graph(out))
    folder = tmp_path / "neo4j"
    export(out, "neo4j-csv", folder)
    db = ladybug.Database(str(tmp_path / "ladybug"))
    conn = ladybug.Connection(db)

    def run(query: str, params: dict | None = None) -> list[list]:
        result = conn.execute(query, params or {})
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return rows

    for statement in statements((folder / "ladybug.cypher").read_text(encoding="utf-8")):
        run(statement)

    def one(query: str, **params) -> int:
        return int(run(query, params)[0][0])

    has_label = "list_contains(string_split(n.labels, ';'), $label)"
    seen = Observed(
        nodes=one("MATCH (n:Node) RETURN count(n)"),
        relationships=one("MATCH ()-[r:Rel]->() RETURN count(r)"),
        labels={
            lab: one(f"MATCH (n:Node) WHERE {has_label} RETURN count(n)", label=lab)
            for lab in want.labels
        },
        types={
            t: one("MATCH ()-[r:Rel]->() WHERE r.type = $t RETURN count(r)", t=t)
            for t in want.types
        },
        sentence_count=one(
            "MATCH ()-[r:Rel]->() WHERE r.sentence = $s RETURN count(r)", s=want.sentence
        ),
        reached={
            str(row[0])
            for row in run(
                "MATCH (a:Node {iri: $iri})-[r1:Rel]->(m:Node)-[r2:Rel]->(b:Node) "
                "WHERE r1.type <> 'MENTIONED_IN' AND r2.type <> 'MENTIONED_IN' "
                "RETURN DISTINCT b.iri",
                {"iri": want.start},
            )
        },
    )
    check(seen, want)
