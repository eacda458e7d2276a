"""The RDF side of kg: a document's triples (``graph``: IRIs, terms, Turtle and N-Triples
files, the rdflib view of a store), the graph folder's Oxigraph snapshots (``store``),
oxrdflib's store with a faster term converter (``oxstore``), ``kg dump`` (``dump``) and
SPARQL 1.1 stores (``remote``). Importing the package imports none of them.
"""
