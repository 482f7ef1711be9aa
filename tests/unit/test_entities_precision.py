"""Precision rules: spans and kinds of names that no list knows (each with a counter-case)."""

from __future__ import annotations

import pytest

from reader.entities import EntityEngine
from reader.model import ACTOR, PLACE


@pytest.fixture(scope="module")
def engine() -> EntityEngine:
    return EntityEngine()


def found(engine: EntityEngine, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.kind, m.type) for m in engine.extract_texts({"d": text})["d"]}


def test_demonym_is_part_of_a_designated_organisation_name(engine):
    names = found(engine, "He was a fellow of the Bulgarian Academy of Sciences in Sofia.")
    assert "Bulgarian Academy of Sciences" in names
    names = found(engine, "He said the Brazilian Cycling Confederation met in the city on a sunny day.")
    assert "Brazilian Cycling Confederation" in names


def test_demonym_before_a_plain_name_is_still_dropped(engine):
    names = found(engine, "Officials said Russian jets hit Idlib, and Syrian Bashar Haddad fled.")
    assert not any(n.startswith(("Russian", "Syrian")) for n in names)


def test_city_of_x_is_a_place(engine):
    names = found(engine, "The council governs the City of Brampton in Ontario.")
    assert names.get("City of Brampton", ("", ""))[0] == PLACE
    # a designator at the end still wins: "City Council" is an organisation
    names = found(engine, "The Brampton City Council voted on Monday.")
    assert names.get("Brampton City Council", ("", ""))[0] == ACTOR


def test_common_acronyms_are_no_names(engine):
    names = found(engine, "He died of AIDS after the SWAT raid; his SUV and a VIP pass were seized by the FBI.")
    assert "AIDS" not in names and "SUV" not in names and "VIP" not in names
    assert "SWAT" not in names
    assert "FBI" in names


def test_title_before_a_person_whose_surname_is_a_town(engine):
    text = "Belgrano was backed by Colonel Baltasar Cárdenas and his men. Later Cárdenas retreated."
    names = found(engine, text)
    assert names["Baltasar Cárdenas"] == (ACTOR, "person")
    assert names["Cárdenas"][0] == ACTOR
    # without the person, the town stays a place
    assert found(engine, "The convoy reached Cárdenas on Monday.")["Cárdenas"][0] == PLACE


def test_place_context_outweighs_a_given_name(engine):
    names = found(engine, "The regiment marched to Sandy Hook, Maryland, on Monday.")
    assert names["Sandy Hook"][0] == PLACE
    names = found(engine, "Villagers fled to Laurel Hollow after the storm.")
    assert names["Laurel Hollow"][0] == PLACE
    # a person stays a person, also next to a place
    names = found(engine, "Sandy Smith, Texas' senior senator, said no.")
    assert names["Sandy Smith"][0] == ACTOR


def test_new_place_designators(engine):
    names = found(engine, "They lived on Collins Ave near the Victoria Skating Rink and Ayalon Cave.")
    assert names["Collins Ave"][0] == PLACE
    assert names["Victoria Skating Rink"][0] == PLACE
    assert names["Ayalon Cave"][0] == PLACE


def test_person_of_an_organisation_with_a_listed_place(engine):
    names = found(engine, "The chair is Dr Sue Black of the University of Westminster in London.")
    assert names["Sue Black"] == (ACTOR, "person")
    assert names["University of Westminster"][0] == ACTOR
    assert "Westminster" not in names
    # one given-name word before "of" is a name of its own ("John of Gaunt")
    assert "John of Gaunt" in found(engine, "He said John of Gaunt of Lancaster was rich.")


def test_listed_place_before_a_listed_institution_is_one_name(engine):
    names = found(engine, "He was elected to the Ohio Senate in 1990 and joined the Fiji Labour Party.")
    assert names["Ohio Senate"][0] == ACTOR
    assert names["Fiji Labour Party"][0] == ACTOR
    assert "Ohio" not in names and "Fiji" not in names
    # two places stay two places
    names = found(engine, "Roads between Aleppo Idlib and Hama were closed on Monday.")
    assert names.get("Aleppo", ("", ""))[0] == PLACE


def test_two_names_joined_by_and_before_a_designator(engine):
    names = found(engine, "He studied at the Pierpont Community and Technical College for a year.")
    assert "Pierpont Community and Technical College" in names
    # two countries, or "and the", stay separate names
    names = found(engine, "Syria and Iraq Command met; Turkey and the Free Syrian Army attacked.")
    assert names["Syria"][0] == PLACE and names["Turkey"][0] == PLACE
    assert "Free Syrian Army" in names


def test_name_of_another_name_splits(engine):
    names = found(engine, "He played for the Vancouver Canucks of the PCHL in the years after the war.")
    assert "Vancouver Canucks" in names and "PCHL" in names
    names = found(engine, "He contested the Labasa Communal Constituency for the National "
                          "Federation Party in the election.")
    assert "National Federation Party" in names
    # heads that take a complement stay whole
    names = found(engine, "The speaker said that the US Department of Health and Human Services "
                          "would meet with the Supreme Council of the Armed Forces this week.")
    assert "Department of Health and Human Services" in names
    assert "Supreme Council of the Armed Forces" in names


def test_roles_before_of_and_trailing_nouns_are_not_part_of_names(engine):
    names = found(engine, "In 2006 he was elected a Fellow of the American Physical Society for "
                          "his work on the theory of excitons.")
    assert "American Physical Society" in names
    assert not any(n.startswith("Fellow") for n in names)
    names = found(engine, "It was reported that the WAFL Results were posted on the site today.")
    assert "WAFL" in names and "WAFL Results" not in names


def test_old_before_a_listed_place_is_part_of_its_name(engine):
    names = found(engine, "The island is connected to Old Goa on the south-east side.")
    assert names.get("Old Goa", ("", ""))[0] == PLACE
    names = found(engine, "Old Syrian rebels and old men met while Old Hezbollah fighters left.")
    assert "Hezbollah" in names and not any(n.startswith("Old") for n in names)


def test_major_is_a_title_but_not_in_major_league(engine):
    names = found(engine, "They fled; Major Saturnino Castro rode to the hills with the others.")
    assert names["Saturnino Castro"] == (ACTOR, "person")
    names = found(engine, "He was picked in the Major League Baseball draft of the year 2001.")
    assert "Major League Baseball" in names


def test_a_country_name_as_a_given_name(engine):
    names = found(engine, "Chad Edward Gaudin ( born March 24 , 1983 in New Orleans ) is a pitcher.")
    assert names["Chad Edward Gaudin"][0] == ACTOR
    assert "Chad" not in names


def test_joins_never_cross_a_hyphen_tail_or_an_armed_group(engine):
    names = found(engine, "Zakaria Malahifji of the Aleppo-based Fastaqim group told reporters "
                          "that the Istanbul-based National Coalition had met.")
    assert "Aleppo" in names and "Istanbul" in names
    assert not any("based" in n for n in names)
    names = found(engine, "Fighters of the Jabhat al-Nusra and Syria Al-Nusra Front clashed, "
                          "the monitor said on its website today.")
    assert "Syria" in names


def test_a_listed_place_inside_an_event_name_is_no_mention(engine):
    names = found(engine, "In August Turkey launched Operation Euphrates Shield in Aleppo province "
                          "to push the militants back.")
    assert "Euphrates" not in names and "Euphrates Shield" not in names
    assert "Turkey" in names


def test_joint_company_names_and_their_counter_cases(engine):
    names = found(engine, "Shares were bought by Merrill Lynch and Co and sold by the Food and "
                          "Drug Administration, traders said.")
    assert "Merrill Lynch and Co" in names
    names = found(engine, "The bill passed the House and Senate, and Paul Volcker and International "
                          "Monetary Fund officials met, traders said.")
    assert "House and Senate" not in names
    assert not any("Volcker and" in n for n in names)
    names = found(engine, "Shares were sold by the National Bank of Minneapolis and Salomon Inc "
                          "last week, traders said.")
    assert "National Bank of Minneapolis" in names and "Salomon Inc" in names
