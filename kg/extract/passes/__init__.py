"""The passes of the extraction stage, in the order :func:`kg.extract.extract` runs them.

Each pass is one module that reads what earlier passes assigned to the per-document record
(:class:`kg.extract.reader.Reader`) and assigns its own; its docstring says which
(``requires`` / ``assigns``). No pass module imports a later one, so the order of the
decisions is the order of the files:

1. ``p1_mentions``: the mentions and their types (retyping, metonymy, source lines);
2. ``p2_arguments``: what an argument token stands for (pronouns, descriptions), against a
   discourse snapshot per sentence;
3. ``p3_relations``: frames and relations, as facts with their typed property;
4. ``p4_qualifiers``: time, quantities, attribution, polarity, modality of each fact;
5. ``p5_confidence``: each fact's calibrated confidence, and the open propositions.
"""

#: The pass modules, in order.
PASSES = ("p1_mentions", "p2_arguments", "p3_relations", "p4_qualifiers", "p5_confidence")
