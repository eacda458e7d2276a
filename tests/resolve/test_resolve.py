"""Within-document resolution on hand-made mentions."""

from __future__ import annotations

from kg.aliases import entity_key
from kg.extract import Extraction
from kg.model import Document, Evidence, Mention, Relation
from kg.resolve import resolve

DOC = Document("d1", "x" * 400, "test")


def m(text: str, start: int, type_: str, refers_to: str | None = None, named: bool = True):
    return Mention("d1", text, start, start + len(text), type_, refers_to, named)


def rel(s: Mention, predicate: str, o: Mention) -> Relation:
    ev = Evidence("d1", "A sentence.", 0, 11, "body", "svo", 0.7)
    return Relation(s, predicate, o, ev)


def test_short_name_pronoun_and_demonym_join_their_entities() -> None:
    full = m("Vladimir Putin", 0, "Person")
    short = m("Putin", 50, "Person")
    he = m("He", 80, "Person", refers_to="Vladimir Putin", named=False)
    leader = m("the Russian leader", 90, "Person", refers_to="Vladimir Putin", named=False)
    russian = m("Russian", 120, "Country", refers_to="Russia", named=False)
    china = m("China", 140, "Country")
    extraction = Extraction(
        (full, short, russian, china),
        (rel(he, "visits", china), rel(leader, "leaderOf", russian)),
    )
    result = resolve(DOC, extraction)
    entities = {e.key: e for e in result.entities}
    putin = entities["vladimir-putin"]
    assert putin.name == "Vladimir Putin"
    assert set(putin.aliases) == {"Putin", "the Russian leader"}  # pronouns are no aliases
    assert entities["russia"].aliases == ("Russian",)
    assert {(f.subject, f.predicate, f.object) for f in result.facts} == {
        ("vladimir-putin", "visits", "china"),
        ("vladimir-putin", "leaderOf", "russia"),
    }
    reasons = {(alias, reason) for alias, _, reason in result.merges}
    assert {("Putin", "name-part"), ("Russian", "demonym"),
            ("the Russian leader", "description")} <= reasons


def test_ambiguous_short_name_stays_apart() -> None:
    a, b = m("John Smith", 0, "Person"), m("Mary Smith", 20, "Person")
    short = m("Smith", 40, "Person")
    result = resolve(DOC, Extraction((a, b, short), ()))
    assert {e.name for e in result.entities} == {"John Smith", "Mary Smith", "Smith"}


def test_country_names_fold_through_the_table() -> None:
    a, b = m("U.S.", 0, "Country"), m("United States", 10, "Country")
    result = resolve(DOC, Extraction((a, b), ()))
    (entity,) = result.entities
    assert (entity.key, entity.name, entity.aliases) == (
        "united-states", "United States", ("U.S.",))


def test_one_name_is_one_key_whatever_its_type_guesses() -> None:
    # The key holds no type: a type guess never splits a name (the corpus settles the type).
    person, org = m("Jordan", 0, "Person"), m("Jordan", 20, "Organization")
    result = resolve(DOC, Extraction((person, org), ()))
    assert [e.key for e in result.entities] == ["jordan"]


def test_a_company_named_as_a_place_keeps_its_form_in_its_key() -> None:
    """ "Florida Inc" is not the state Florida: the form stays in its key where dropping it
    leaves a state's or a country's name; "Chrysler Corp" is still "chrysler"."""
    state, firm = m("Florida", 0, "Place"), m("Florida Inc", 20, "Organization")
    result = resolve(DOC, Extraction((state, firm), ()))
    assert {e.key for e in result.entities} == {"florida", "florida-inc"}
    assert not result.merges
    assert entity_key("Japan Ltd") == "japan-ltd" and entity_key("Chrysler Corp") == "chrysler"
    # "and Co" folds as "& Co" does
    assert entity_key("Merrill Lynch and Co") == entity_key("Merrill Lynch & Co.")
    assert entity_key("Merrill Lynch and Co") == "merrill-lynch"


def test_concepts_only_become_entities_through_facts() -> None:
    china = m("China", 0, "Country")
    trade = m("trade", 20, "Concept", named=False)
    lone = m("ceremony", 40, "Concept", named=False)
    result = resolve(DOC, Extraction((china, lone), (rel(china, "boost", trade),)))
    assert {e.key for e in result.entities} == {"china", "trade"}


def test_acronym_defined_in_text_joins_its_name() -> None:
    text = "The European Union (EU) said on Monday that the EU would act."
    doc = Document("d1", text, "test")
    full = m("European Union", 4, "Organization")
    short = m("EU", text.index("the EU") + 4, "Organization")
    result = resolve(doc, Extraction((full, short), ()))
    (entity,) = result.entities
    assert entity.key == "european-union" and entity.aliases == ("EU",)
    assert ("EU", "european-union", "acronym") in result.merges


def test_undefined_acronym_needs_one_fitting_name() -> None:
    text = "x" * 200
    doc = Document("d1", text, "test")
    mentions = (
        m("Acme Trading Group", 0, "Organization"),
        m("ATG", 40, "Organization"),
        m("Allied Tool Guild", 60, "Organization"),
    )
    result = resolve(doc, Extraction(mentions, ()))
    assert "atg" in {e.key for e in result.entities}  # two fits: kept apart


def test_alias_table_and_company_forms_fold() -> None:
    fed, full = m("Fed", 0, "Organization"), m("Federal Reserve Board", 10, "Organization")
    corp, bare = m("Chrysler Corp", 40, "Organization"), m("Chrysler", 60, "Organization")
    result = resolve(DOC, Extraction((fed, full, corp, bare), ()))
    entities = {e.key: e for e in result.entities}
    assert set(entities) == {"federal-reserve", "chrysler"}
    assert entities["federal-reserve"].name == "Federal Reserve"
    assert set(entities["federal-reserve"].aliases) == {"Fed", "Federal Reserve Board"}
    assert entities["chrysler"].name == "Chrysler Corp"
    reasons = {(a, r) for a, _, r in result.merges}
    assert {("Fed", "alias-table"), ("Chrysler", "same-name")} <= reasons


def test_capital_standing_for_its_state_joins_the_country_but_the_city_stays() -> None:
    city = m("Beijing", 0, "Place")
    state = m("Beijing", 30, "Country", refers_to="China", named=False)
    china = m("China", 60, "Country")
    result = resolve(DOC, Extraction((city, state, china), ()))
    entities = {e.key: e for e in result.entities}
    assert set(entities) == {"beijing", "china"}
    assert ("Beijing", "china", "capital-for-state") in result.merges


def test_organisation_short_form_joins_one_longer_name_only() -> None:
    long_ = m("Shearson Lehman Brothers", 0, "Organization")
    short = m("Shearson", 40, "Organization")
    result = resolve(DOC, Extraction((long_, short), ()))
    (entity,) = result.entities
    assert entity.aliases == ("Shearson",)
    senate = m("Senate Armed Services Committee", 0, "Organization")
    result = resolve(DOC, Extraction((senate, m("Senate", 40, "Organization")), ()))
    assert len(result.entities) == 2  # a generic word is no short form
    other = m("Shearson Capital", 60, "Organization")
    result = resolve(DOC, Extraction((long_, short, other), ()))
    assert len(result.entities) == 3


def test_user_alias_table(tmp_path) -> None:
    import pytest

    from kg.aliases import load_aliases
    from kg.errors import InputError

    path = tmp_path / "mine.tsv"
    path.write_text("# mine\nAcme Corporation\tOrganization\tACM;Acme Widgets\n", encoding="utf-8")
    table = load_aliases([path])
    a, b = m("Acme Widgets", 0, "Organization"), m("ACM", 20, "Person")
    result = resolve(DOC, Extraction((a, m("ACM", 40, "Organization")), ()), aliases=table)
    (entity,) = result.entities
    assert entity.name == "Acme Corporation"
    assert {r for _, _, r in result.merges} == {"alias-table:mine.tsv"}
    assert lookup_type(table, b) is None  # an organisation's alias never takes a person
    path.write_text("Acme\tCompany\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: unknown type 'Company'"):
        load_aliases([path])


def lookup_type(table, mention: Mention) -> str | None:
    from kg.resolve import _view

    view = _view(mention, table, {})
    return view.entry.type if view.entry else None


def test_ticker_that_spells_the_initials_defines_an_acronym() -> None:
    text = "General Motors Corp <GM> said GM would build cars; Imperial Chemical <IMP> did not."
    doc = Document("d1", text, "test")
    gm = m("General Motors Corp", 0, "Organization")
    short = m("GM", text.index("said GM") + 5, "Organization")
    result = resolve(doc, Extraction((gm, short), ()))
    (entity,) = result.entities
    assert (entity.key, entity.aliases) == ("general-motors", ("GM",))


def test_company_bare_name_typed_as_a_place_joins_the_company() -> None:
    corp, bare = m("Tokheim Corp", 0, "Organization"), m("Tokheim", 30, "Place")
    result = resolve(DOC, Extraction((corp, bare), ()))
    (entity,) = result.entities
    assert (entity.key, entity.type, entity.aliases) == (
        "tokheim",
        "Organization",
        ("Tokheim",),
    )
    # Without a company form there is no evidence that the place is the company.
    result = resolve(DOC, Extraction((m("Piedmont Aviation", 0, "Organization"), bare), ()))
    assert len(result.entities) == 2


def test_acronym_after_a_possessive_may_spell_the_company_form() -> None:
    text = "The banking department of the China International Trust and Investment Corp's (CITIC)"
    doc = Document("d1", text + " office. CITIC said.", "test")
    name = "China International Trust and Investment Corp"
    full = m(name, text.index("China"), "Organization")
    short = m("CITIC", len(text) + 9, "Organization")
    (entity,) = resolve(doc, Extraction((full, short), ())).entities
    assert entity.aliases == ("CITIC",)


def test_courtesy_titles_fold_into_the_full_name() -> None:
    full, mr = m("Sherlock Holmes", 0, "Person"), m("Mr. Holmes", 30, "Person")
    short = m("Holmes", 50, "Person")
    (entity,) = resolve(DOC, Extraction((full, mr, short), ())).entities
    assert (entity.key, entity.name) == ("sherlock-holmes", "Sherlock Holmes")
    assert set(entity.aliases) == {"Mr. Holmes", "Holmes"}
    other = m("Mycroft Holmes", 70, "Person")
    names = {e.name for e in resolve(DOC, Extraction((full, other, mr), ())).entities}
    assert names == {"Sherlock Holmes", "Mycroft Holmes", "Mr. Holmes"}  # which Holmes? apart
    mrs, bare = m("Mrs Reagan", 0, "Person"), m("Reagan", 20, "Person")
    names = {e.name for e in resolve(DOC, Extraction((mrs, bare), ())).entities}
    assert names == {"Mrs Reagan", "Reagan"}  # the president is not his wife
    ronald = m("Ronald Reagan", 40, "Person")
    names = {e.name for e in resolve(DOC, Extraction((ronald, mrs, bare), ())).entities}
    assert names == {"Ronald Reagan", "Mrs Reagan"}


def test_bare_company_name_goes_with_its_company_form_whatever_the_order() -> None:
    bare = m("Chrysler", 0, "Organization")  # a headline comes first
    unit = m("Chrysler Financial Corp", 20, "Organization")
    parent = m("Chrysler Corp", 60, "Organization")
    entities = {e.key: e for e in resolve(DOC, Extraction((bare, unit, parent), ())).entities}
    assert set(entities) == {"chrysler", "chrysler-financial"}
    assert entities["chrysler"].aliases == ("Chrysler",)


def test_case_variants_are_no_aliases_but_acronyms_in_capitals_are() -> None:
    mentions = (
        m("FED", 0, "Organization"),
        m("Fed", 10, "Organization"),
        m("CHRYSLER", 20, "Organization"),
        m("Chrysler Corp", 40, "Organization"),
        m("COASTAL BANCORP", 60, "Organization"),
        m("Coastal Bancorp", 80, "Organization"),
        m("EEC", 100, "Organization"),
    )
    entities = {e.key: e for e in resolve(DOC, Extraction(mentions, ())).entities}
    assert entities["federal-reserve"].aliases == ("Fed",)
    assert entities["chrysler"].aliases == ()
    coastal = entities["coastal-bancorp"]
    assert (coastal.name, coastal.aliases) == ("Coastal Bancorp", ())
    assert entities["european-community"].aliases == ("EEC",)


def test_names_with_one_key_become_one_entity_each_alias_recorded() -> None:
    # A company form and a short form can each found a group when NER types differ.
    a = m("Tokheim Corporation", 0, "Organization")
    b = m("TOKHEIM CORP", 40, "Organization")
    c = m("Tokheim Corp.", 60, "Organization")
    result = resolve(DOC, Extraction((a, b, c), ()))
    (entity,) = result.entities
    assert entity.name == "Tokheim Corporation"
    assert "TOKHEIM CORP" not in entity.aliases
    for alias in entity.aliases:
        assert any(alias == a for a, _, _ in result.merges)


def test_pronoun_referring_to_an_acronym_joins_the_defined_name() -> None:
    text = "The Federal Deposit Insurance Corp (FDIC) said regulators told it. The FDIC said."
    doc = Document("d1", text, "test")
    full = m("Federal Deposit Insurance Corp", 4, "Organization")
    acronym = m("FDIC", text.index("The FDIC") + 4, "Organization")
    it = m("it", text.index("it."), "Organization", refers_to="FDIC", named=False)
    (entity,) = resolve(doc, Extraction((full, acronym, it), ())).entities
    assert entity.key == "federal-deposit-insurance"


def test_short_form_whatever_the_ner_called_it_and_the_company_form_decides_the_type() -> None:
    full, short = m("Bryson Oil and Gas Plc", 0, "Organization"), m("Bryson", 40, "Person")
    again = m("Bryson", 60, "Person")
    (entity,) = resolve(DOC, Extraction((full, short, again), ())).entities
    assert (entity.key, entity.type, entity.aliases) == (
        "bryson-oil-and-gas", "Organization", ("Bryson",))
    # a place is never an organisation's short form
    city = m("New York", 0, "Place")
    exchange = m("New York Mercantile Exchange", 20, "Organization")
    result = resolve(DOC, Extraction((city, exchange), ()))
    assert {e.key for e in result.entities} == {"new-york", "new-york-mercantile-exchange"}


def test_short_form_of_nested_names_is_the_shortest_and_a_brand_in_capitals_none() -> None:
    names = (m("Thomson McKinnon Inc", 0, "Organization"),
             m("Thomson McKinnon Mortgage Assets Corp", 30, "Organization"),
             m("Thomson", 80, "Organization"), m("Bell", 100, "Person"),
             m("Pacific Bell Corp", 120, "Organization"),
             m("BBC", 160, "Organization"), m("BBC News", 170, "Organization"),
             m("H.J. Heinz", 190, "Organization"), m("HEINZ", 210, "Organization"))  # fmt: skip
    entities = {e.key: e for e in resolve(DOC, Extraction(names, ())).entities}
    assert entities["thomson-mckinnon"].aliases == ("Thomson",)
    assert entities["thomson-mckinnon-mortgage-assets"].aliases == ()
    # the last word of a longer name is no short form of it: "Bell" of "Pacific Bell" (but
    # after a company form written first, it is: "Providentia" of "Forvaltnings AB Providentia")
    assert entities["pacific-bell"].aliases == ()
    assert "bbc" in entities and entities["bbc-news"].aliases == ()
    assert entities["hj-heinz"].aliases == ("HEINZ",)  # after initials, the name proper


def test_bare_institution_word_before_of_and_plural_of_a_company() -> None:
    names = (m("Bank of England", 0, "Organization"), m("Bank", 20, "Organization"),
             m("HK Hotel", 40, "Organization"), m("HK Hotels", 60, "Organization"))
    entities = {e.key: e for e in resolve(DOC, Extraction(names, ())).entities}
    assert set(entities) == {"bank-of-england", "hk-hotel"}
    assert entities["bank-of-england"].aliases == ("Bank",)
    assert entities["hk-hotel"].aliases == ("HK Hotels",)
    two = (m("Bank of England", 0, "Organization"), m("Bank of Japan", 20, "Organization"),
           m("Bank", 40, "Organization"))
    assert len(resolve(DOC, Extraction(two, ())).entities) == 3  # which bank: apart


def test_a_person_vote_needs_a_full_name() -> None:
    names = (m("Cedel", 0, "Person"), m("Cedel", 20, "Organization"))
    (entity,) = resolve(DOC, Extraction(names, ())).entities
    assert entity.type == "Organization"
    (entity,) = resolve(DOC, Extraction((m("Berg", 0, "Person"),), ())).entities
    assert entity.type == "Person"  # no other guess: the NER's stands


def test_commodity_words_of_the_table_and_a_place_is_no_short_form() -> None:
    names = (m("crude", 0, "Commodity", named=False), m("OILS", 10, "Commodity", named=False),
             m("Tanzania Railway Corporation", 20, "Organization"), m("Tanzania", 50, "Place"),
             m("Texas Air Corp", 60, "Organization"), m("Texas", 80, "Place"))
    china = m("China", 100, "Country")
    crude, oils = names[0], names[1]
    rels = tuple(rel(x, "sells", china) for x in (crude, oils))
    entities = {e.key: e for e in resolve(DOC, Extraction((*names, china), rels)).entities}
    assert entities["crude-oil"].type == "Commodity"
    assert set(entities["crude-oil"].aliases) >= {"crude", "OILS"}
    assert entities["tanzania-railway"].aliases == ()  # a place is no company's short form
    assert "tanzania" in entities and "texas" in entities


def test_a_surname_that_also_begins_a_company_name_stays_apart() -> None:
    names = (m("Dick Pratt", 0, "Person"), m("Pratt Group", 20, "Organization"),
             m("Pratt", 40, "Person"))
    entities = {e.key: e for e in resolve(DOC, Extraction(names, ())).entities}
    assert entities["dick-pratt"].aliases == () and "pratt" in entities


def test_a_unit_or_a_law_named_after_an_organisation_is_not_its_long_name() -> None:
    names = (m("Merrill Lynch Capital Markets", 0, "Organization"),
             m("Merrill Lynch", 40, "Organization"),
             m("Trust Fund Bureau Law", 60, "Organization"),
             m("Trust Fund Bureau", 90, "Organization"))
    entities = {e.key: e for e in resolve(DOC, Extraction(names, ())).entities}
    assert set(entities) == {"merrill-lynch-capital-markets", "merrill-lynch",
                             "trust-fund-bureau-law", "trust-fund-bureau"}


def test_a_name_with_a_wire_ticker_is_a_company_in_all_its_mentions() -> None:
    text = "PIEDMONT <PIE> TAKES NO ACTION. Piedmont Aviation Inc said Piedmont would wait."
    document = Document("d1", text, "test")
    names = [("PIEDMONT", "Place"), ("Piedmont Aviation Inc", "Organization"),
             ("Piedmont", "Place")]
    mentions, at = [], 0
    for name, type_ in names:
        at = text.index(name, at)
        mentions.append(Mention("d1", name, at, at + len(name), type_))
        at += len(name)
    (entity,) = resolve(document, Extraction(tuple(mentions), ())).entities
    assert (entity.key, entity.type) == ("piedmont-aviation", "Organization")
    assert set(entity.aliases) == {"Piedmont"}


def test_a_foreign_listing_ticker_makes_a_company_too() -> None:
    text = "Ekholm Verken <EKHV ST> rose. Brisby (BRSB ST> fell."
    document = Document("d1", text, "test")
    names = [("Ekholm Verken", "Person"), ("Brisby", "Place")]
    mentions = [Mention("d1", n, text.index(n), text.index(n) + len(n), t) for n, t in names]
    entities = resolve(document, Extraction(tuple(mentions), ())).entities
    assert {(e.name, e.type) for e in entities} == {
        ("Ekholm Verken", "Organization"),
        ("Brisby", "Organization"),
    }


def test_the_name_after_a_leading_company_form_is_its_short_form() -> None:
    mentions = (
        m("AB Tornvik", 0, "Organization"),
        m("Forvaltnings AB Solna", 20, "Organization"),
        m("Tornvik", 60, "Product"),
        m("Solna", 80, "Person"),
    )
    entities = resolve(DOC, Extraction(mentions, ())).entities
    assert {(e.name, e.type, e.aliases) for e in entities} == {
        ("AB Tornvik", "Organization", ("Tornvik",)),
        ("Forvaltnings AB Solna", "Organization", ("Solna",)),
    }


def test_the_full_name_keys_the_entity_even_in_capitals_and_a_full_stop_is_no_label() -> None:
    mentions = (m("NORDVIK STEEL CORP", 0, "Organization"), m("Nordvik", 40, "Organization"),
                m("Calder Mining Ltd.", 80, "Organization"),
                m("Calder Mining Ltd", 120, "Organization"))  # fmt: skip
    entities = {e.key: e for e in resolve(DOC, Extraction(mentions, ())).entities}
    assert set(entities) == {"nordvik-steel", "calder-mining"}
    assert entities["nordvik-steel"].aliases == ("Nordvik",)
    assert entities["calder-mining"].name == "Calder Mining Ltd"


def test_a_cluster_answers_its_type_and_name_again_after_it_grows() -> None:
    """Clustering asks a group its type and name at every mention it places (kept between
    questions); a view or a reason added since must change the answer, as if asked anew."""
    from kg.resolve import _Cluster, _View

    cedel = _View(m("Cedel", 0, "Person"), "Person", "Cedel")
    cluster = _Cluster([cedel])
    assert (cluster.type(), cluster.name()) == ("Person", "Cedel")
    for start in (20, 40):
        cluster.views.append(_View(m("Cedel", start, "Organization"), "Organization", "Cedel"))
    assert cluster.type() == "Organization"  # two votes against one
    assert cluster.type() == _Cluster(list(cluster.views)).type()
    cluster.views.append(_View(m("Cedel Bank", 60, "Organization"), "Organization", "Cedel Bank"))
    assert cluster.name() == "Cedel Bank" == _Cluster(list(cluster.views)).name()
    cluster.reasons["Cedel Bank"] = "plural"  # a reason alone changes which names count
    assert cluster.name() == "Cedel" == _Cluster(list(cluster.views), dict(cluster.reasons)).name()
