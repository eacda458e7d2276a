"""Typed relations: a fact's property chosen from its frame *and* the types of its entities.

Two readings, both driven by the ontology's ``rdfs:domain`` / ``rdfs:range``:

- :func:`refine`: a frame's property is narrowed to the sub-property whose domain and range
  fit the entities ("X is in Y" is ``locatedIn``; for a person ``livesIn``, for an
  organisation ``basedIn``), and a property whose domain or range the entities contradict
  is dropped to an open relation by the caller (``None``).
- :func:`nominal`: two names linked inside a noun phrase, with no verb between them ("Susan
  Cruzan, an FDA spokeswoman", "Morgan City, La.", "a Hong Kong firm", "U.S. Ambassador
  Vernon Walters"), state the typed news relation of their two types (:data:`NOMINAL`).
"""

from __future__ import annotations

from kg import ontology

#: The relation a noun phrase linking two names of these types states.
NOMINAL = {
    ("Person", "Organization"): "worksFor",
    ("Person", "Place"): "livesIn",
    ("Organization", "Place"): "basedIn",
    ("Place", "Place"): "locatedIn",
    ("Infrastructure", "Place"): "locatedIn",
}


def is_a(type_: str, cls: str | None) -> bool:
    """Whether an entity type is the class or one of its subclasses (Country is a Place)."""
    if cls is None or cls == "Entity":
        return True
    parents = ontology.class_parents()
    current: str | None = type_
    while current is not None:
        if current == cls:
            return True
        current = parents.get(current)
    return False


def fits(prop: str, subject_type: str, object_type: str) -> bool:
    """Whether the entity types agree with the property's domain and range."""
    domain, range_, _ = ontology.signatures().get(prop, (None, None, None))
    return is_a(subject_type, domain) and is_a(object_type, range_)


def refine(prop: str, subject_type: str, object_type: str) -> str | None:
    """The narrowest property under ``prop`` that fits the types; None when ``prop`` does not."""
    if not fits(prop, subject_type, object_type):
        return None
    for child, (domain, _, parent) in sorted(ontology.signatures().items()):
        if parent == prop and domain is not None and fits(child, subject_type, object_type):
            return refine(child, subject_type, object_type)
    return prop


def nominal(subject_type: str, object_type: str) -> str | None:
    """The relation a noun phrase states between names of these types (None for others)."""
    for (domain, range_), prop in NOMINAL.items():
        if is_a(subject_type, domain) and is_a(object_type, range_):
            return prop
    return None
