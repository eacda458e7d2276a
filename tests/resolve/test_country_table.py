"""The country table (kg/data/countries.tsv): well formed, one country per name, the world."""

from __future__ import annotations

from importlib import resources

from kg import lexicons
from kg.aliases import default_aliases, lookup


def rows() -> list[list[str]]:
    text = resources.files("kg").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_every_row_has_four_fields_and_a_name() -> None:
    for row in rows():
        assert len(row) == 4 and row[0].strip() == row[0] != "", row


def test_no_name_demonym_or_capital_denotes_two_countries() -> None:
    for column in (1, 3):  # demonyms, capitals
        seen: dict[str, str] = {}
        for row in rows():
            for word in filter(None, row[column].split(";")):
                key = lexicons.normalise(word)
                assert seen.setdefault(key, row[0]) == row[0], (word, seen[key], row[0])
    names: dict[str, str] = {}
    for row in rows():
        for name in [row[0], *filter(None, row[2].split(";"))]:
            key = lexicons.normalise(name)
            assert names.setdefault(key, row[0]) == row[0], (name, names[key], row[0])
    capitals = {lexicons.normalise(c) for row in rows() for c in row[3].split(";") if c}
    assert not capitals & names.keys()  # "Kuwait" the state is no capital-for-state reading


def test_countries_the_old_table_lacked_are_known_by_every_name() -> None:
    for name, country in [
        ("Tanzania", "Tanzania"),
        ("United Republic of Tanzania", "Tanzania"),
        ("Surinam", "Suriname"),
        ("Burma", "Myanmar"),
        ("Zaire", "Democratic Republic of the Congo"),
        ("Cote d'Ivoire", "Ivory Coast"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("Grand Duchy of Luxembourg", "Luxembourg"),
        ("St. Lucia", "Saint Lucia"),
        ("the Gambia", "Gambia"),
        ("Kampuchea", "Cambodia"),
        ("Hong Kong", "Hong Kong"),
        ("Palestine", "Palestine"),
        ("Kosovo", "Kosovo"),
    ]:
        assert lexicons.country_name(name) == country, name
        entry = lookup(default_aliases(), name)
        assert entry is not None and (entry.name, entry.type) == (country, "Country"), name
    assert lexicons.country_of_demonym("Nicaraguan") == "Nicaragua"
    assert lexicons.country_of_demonym("Surinamese") == "Suriname"
    assert lexicons.country_of_capital("Managua") == "Nicaragua"


def test_a_dissolved_state_is_not_its_successor() -> None:
    assert lexicons.country_name("USSR") == "Soviet Union" != lexicons.country_name("Russia")
    assert lexicons.country_of_demonym("Soviet") == "Soviet Union"
    assert lexicons.country_name("GDR") == "East Germany"
    assert lexicons.country_of_demonym("East German") == "East Germany"
    assert lexicons.country_name("Yugoslavia") == "Yugoslavia"
    assert lexicons.country_name("Czechoslovakia") == "Czechoslovakia"
    # The Federal Republic went on as today's Germany (the GDR acceded to it in 1990).
    assert lexicons.country_name("West Germany") == "Germany"
    assert lexicons.country_of_capital("Bonn") == "Germany"


def test_every_un_member_state_is_in_the_table() -> None:
    countries = {row[0] for row in rows()}
    assert len(countries) >= 193 + 2  # members and the two observer states
    for country in ["Tanzania", "Luxembourg", "Nicaragua", "Panama", "Tuvalu", "Holy See"]:
        assert country in countries
