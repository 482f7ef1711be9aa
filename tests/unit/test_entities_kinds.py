"""Kind inference for names that no list knows, and listed town names used as surnames."""

from __future__ import annotations

import pytest

from reader.entities import EntityEngine
from reader.model import ACTOR, PLACE


@pytest.fixture(scope="module")
def engine() -> EntityEngine:
    return EntityEngine()


def kinds(engine: EntityEngine, text: str) -> dict[str, str]:
    return {m.text: m.kind for m in engine.extract_texts({"d": text})["d"]}


def test_unknown_names_after_motion_verbs_are_places(engine):
    found = kinds(engine, "Hundreds of families fled to Qastun after the shelling.")
    assert found.get("Qastun") == PLACE


def test_second_name_of_a_coordinated_list_takes_the_kind_of_the_first(engine):
    found = kinds(engine, "The convoy moved near Anadan and Haritan on Monday.")
    assert found.get("Anadan") == PLACE
    assert found.get("Haritan") == PLACE


def test_coordination_after_a_person_gives_no_place(engine):
    found = kinds(engine, "The deal was signed by Mr Pardew and Kovalchik on Monday.")
    assert found.get("Kovalchik") != PLACE


def test_name_described_as_a_village_is_a_place_even_at_sentence_start(engine):
    found = kinds(engine, "Aisbyworth is a small village in the county of Lincolnshire.")
    assert found.get("Aisbyworth") == PLACE


def test_al_prefixed_name_after_near_is_a_place_not_a_person(engine):
    found = kinds(engine, "Near Al Huwayjah, one strike destroyed a vehicle.")
    assert found.get("Al Huwayjah") == PLACE


def test_title_before_a_listed_town_makes_a_person(engine):
    found = kinds(engine, "Mr Hammond said the talks would resume.")
    assert found.get("Hammond") == ACTOR


def test_listed_town_as_surname_of_the_articles_person(engine):
    mentions = engine.extract_texts(
        {"d": "Manuel Belgrano led the army north. Later Belgrano retreated to Jujuy."})["d"]
    by_text = {m.text: m for m in mentions}
    assert by_text["Belgrano"].kind == ACTOR
    assert by_text["Belgrano"].entity == by_text["Manuel Belgrano"].entity


def test_listed_town_stays_a_place_without_such_a_person(engine):
    found = kinds(engine, "Fighting was reported in Belgrano and in Jujuy.")
    assert found.get("Belgrano") == PLACE
