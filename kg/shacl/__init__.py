"""The SHACL shape checks of ``ontology/shapes.ttl``: ``validate`` (``kg validate``, the
report and the whole-graph check) and ``buildcheck`` (the incremental check of the nodes
one ``kg build`` adds). Importing the package imports neither.
"""
