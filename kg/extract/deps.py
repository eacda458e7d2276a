"""Every dependency-label set the extraction stage names, in one place (ClearNLP labels, as
the English spaCy pipelines use). Sets that differ in content have different names that
say what they hold; a module that needs a label imports it from here.
"""

from __future__ import annotations

# Single labels.
PREP = "prep"
POBJ = "pobj"
PCOMP = "pcomp"
AGENT = "agent"
PARTICLE = "prt"
CONJ = "conj"
RELCL = "relcl"
ACL = "acl"
APPOSITION = "appos"
CCOMP = "ccomp"
XCOMP = "xcomp"
ADVCL = "advcl"
POSSESSOR = "poss"

#: Subjects of an active verb that a frame reads (nominal and clausal).
SUBJECTS = {"nsubj", "csubj"}
#: Subjects of an open clause: those of :data:`SUBJECTS` and the expletive ("there is").
CLAUSE_SUBJECTS = {"nsubj", "csubj", "expl"}
#: Nominal subjects, active or passive: a capital as a political actor ("Beijing has refused",
#: "Beijing was accused").
NOMINAL_SUBJECTS = {"nsubj", "nsubjpass"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
#: Objects a frame reads: the direct object and the dative.
OBJECTS = {"dobj", "dative"}
#: The direct object alone (an object of a relation between actors: "dependence on Beijing"
#: aside, "criticised Beijing").
DIRECT_OBJECTS = {"dobj"}
#: Verbs whose subject is inherited by control ("plans to visit").
CONTROL = {XCOMP}
#: Modifiers inside a name or a concept noun phrase ("raw materials", "Chinese exports").
MODIFIERS = {"compound", "amod"}
#: Modifiers of a trade noun that can name its country ("Chinese exports", "China's trade").
TRADE_NOUN_MODIFIERS = {"amod", "compound", "poss", "nmod"}
#: Dependencies a noun phrase links two names by (no verb, no coordination).
NOMINAL_LINKS = {"appos", "compound", "prep", "pobj", "poss", "npadvmod", "nmod", "amod"}
#: Complements of a clause's predicate.
COMPLEMENTS = {"attr", "acomp", "oprd"}
#: Auxiliaries and negation: words of a relation phrase before the verb.
AUXILIARIES = {"aux", "auxpass", "neg"}
#: Bare noun-phrase time adverbials ("last week", "Monday").
TIME_MODIFIER_LABELS = {"npadvmod", "tmod"}
#: Children that end an argument span: clauses, appositions and list punctuation after the head.
CLAUSAL = {RELCL, ACL, APPOSITION, ADVCL, CCOMP, XCOMP, "parataxis"}
