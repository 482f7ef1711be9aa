"""Entity extraction and linking: behaviour on the seeds, and one test per rule."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from reader.entities import DocAnalysis, EntityEngine
from reader.entities.normalise import fold, key, slug
from reader.model import ACTOR, PLACE

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def engine() -> EntityEngine:
    return EntityEngine()


@pytest.fixture(scope="module")
def seeds(engine):
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    return texts, engine.extract_texts(texts)


def one(engine: EntityEngine, text: str):
    return engine.extract_texts({"d": text})["d"]


def spans(engine, text):
    return [(m.text, m.kind) for m in one(engine, text)]


# -- seeds: what a reader sees ----------------------------------------------------------------
def test_hts_spellings_link_to_one_id_across_seeds(seeds):
    texts, result = seeds
    found = {}
    for doc in ("000", "001", "004"):
        for m in result[doc]:
            if key(m.text) in ("hts", "hayat tahrir al sham"):
                found.setdefault(m.text, set()).add(m.entity)
    assert {"Hayat Tahrir al Sham", "Hayat Tahrir al-Sham", "HTS"} <= set(found)
    ids = set().union(*found.values())
    assert ids == {"hayat-tahrir-al-sham"}


def test_assad_variants_link(seeds):
    texts, result = seeds
    forms = {}
    for doc, mentions in result.items():
        for m in mentions:
            if "assad" in key(m.text) and "dahiyat" not in key(m.text):
                forms.setdefault(m.text, set()).add(m.entity)
    assert {"Bashar al-Assad", "Bashar al Assad", "Assad"} <= set(forms)
    assert set().union(*forms.values()) == {"bashar-al-assad"}


def test_president_title_not_in_span(seeds):
    texts, result = seeds
    for doc, mentions in result.items():
        for m in mentions:
            assert not m.text.startswith(("President", "the ", "The "))
            assert texts[doc][m.start : m.end] == m.text


def test_russian_jets_is_not_a_mention(seeds):
    texts, result = seeds
    text = texts["000"]
    start = text.index("Russian and Syrian jets")
    assert not any(m.start < start + 23 and start < m.end for m in result["000"])


def test_possessive_is_not_in_span(seeds):
    texts, result = seeds
    text = texts["000"]
    pos = text.index("Syria's")
    hits = [m for m in result["000"] if m.start == pos]
    assert hits and hits[0].text == "Syria" and hits[0].entity == "syria"
    assert hits[0].kind == PLACE and hits[0].type == "country"


def test_mentions_sorted_and_exact(seeds):
    texts, result = seeds
    for doc, mentions in result.items():
        starts = [m.start for m in mentions]
        assert starts == sorted(starts)
        for m in mentions:
            assert texts[doc][m.start : m.end] == m.text
            assert m.kind in (PLACE, ACTOR)


# -- rules ---------------------------------------------------------------------------------------
def test_name_inside_hyphenated_word(engine):
    ms = one(engine, "Pro-Assad militias attacked anti-Hezbollah protesters near Damascus-based offices.")
    texts = {m.text: m.entity for m in ms}
    assert texts.get("Assad") is not None
    assert texts.get("Hezbollah") == "hezbollah"
    assert texts.get("Damascus") == "damascus"


def test_demonyms_are_not_mentions(engine):
    assert spans(engine, "He met Turkish, Iranian and Iraqi officials and Kurdish fighters.") == []


def test_titles_are_stripped_and_mark_a_person(engine):
    ms = one(engine, "The talks were led by Foreign Minister Ahmad Rahimzadeh on Monday.")
    assert [(m.text, m.type) for m in ms] == [("Ahmad Rahimzadeh", "person")]


def test_leading_the_is_not_in_span(engine):
    ms = one(engine, "Officials from the United Nations and the Netherlands spoke.")
    assert [m.text for m in ms] == ["United Nations", "Netherlands"]


def test_org_designator_makes_an_organisation(engine):
    ms = one(engine, "A statement from the Qaradagh Defence Council was read out.")
    assert [(m.text, m.kind, m.type) for m in ms] == [
        ("Qaradagh Defence Council", ACTOR, "organisation")
    ]


def test_place_designator_makes_a_place(engine):
    ms = one(engine, "Fighting spread to Wadi Zarqa District and the Tel Rumman Airport overnight.")
    got = {(m.text, m.kind) for m in ms}
    assert ("Wadi Zarqa District", PLACE) in got
    assert ("Tel Rumman Airport", PLACE) in got


def test_listed_place_inside_longer_name_takes_whole_name(engine):
    ms = one(engine, "She studied at the University of Aleppo before the war.")
    assert [m.text for m in ms] == ["University of Aleppo"]


def test_connectors_inside_names(engine):
    ms = one(engine, "Reports said Abu Omar al-Shishani and Osama bin Laden were named.")
    got = [m.text for m in ms]
    assert "Abu Omar al-Shishani" in got
    assert "Osama bin Laden" in got


def test_common_words_in_place_list_do_not_match(engine):
    text = "Reading the most recent March report on mobile phones, Most analysts agreed."
    assert spans(engine, text) == []


def test_sentence_initial_word_needs_evidence(engine):
    assert spans(engine, "Footage showed the damage. Nobody was hurt.") == []


def test_all_caps_headline_does_not_emit_garbage(engine):
    ms = one(engine, "U.S. SAYS IT WILL CUT OIL OUTPUT IN TALKS WITH JAPAN\n\nThe U.S. said on Monday it would.")
    texts = [m.text for m in ms]
    assert all(t in ("U.S.", "JAPAN") for t in texts), texts
    assert "U.S." in texts


def test_acronym_defined_in_one_article_links_in_another(engine):
    texts = {
        "a": "The Qaradagh Defence Council (QDC) said it would withdraw.",
        "b": "Fighters of the QDC were seen near the border.",
    }
    result = engine.extract_texts(texts)
    ids_a = {m.text: m.entity for m in result["a"]}
    ids_b = {m.text: m.entity for m in result["b"]}
    assert ids_a["QDC"] == ids_a["Qaradagh Defence Council"] == ids_b["QDC"]


def test_surname_links_to_full_name_in_corpus(engine):
    texts = {
        "a": "Commander Yusuf Hamdani said the offensive would continue.",
        "b": "Hamdani later denied the reports.",
    }
    result = engine.extract_texts(texts)
    assert result["a"][0].entity == result["b"][0].entity == "yusuf-hamdani"


def test_ambiguous_surname_stays_separate(engine):
    texts = {
        "a": "Yusuf Hamdani and Karim Hamdani met. Hamdani said nothing.",
    }
    ms = engine.extract_texts(texts)["a"]
    ids = {m.text: m.entity for m in ms}
    assert ids["Hamdani"] not in (ids["Yusuf Hamdani"], ids["Karim Hamdani"])


def test_formerly_known_as_links(engine):
    texts = {
        "a": "The Levant Liberation Committee, formerly known as Jabhat Qaradagh, took the town.",
        "b": "Jabhat Qaradagh fighters were seen.",
    }
    result = engine.extract_texts(texts)
    a = {m.text: m.entity for m in result["a"]}
    b = {m.text: m.entity for m in result["b"]}
    assert a["Jabhat Qaradagh"] == a["Levant Liberation Committee"] == b["Jabhat Qaradagh"]


def test_case_diacritics_and_hyphens_fold_to_one_id(engine):
    ms = one(engine, "Erdoğan spoke. Later Erdogan, then Recep Tayyip Erdogan, spoke again.")
    assert len({m.entity for m in ms}) == 1


def test_resolve_and_search_names(engine):
    texts = {"a": "Hayat Tahrir al-Sham (HTS) and the Syrian Observatory for Human Rights."}
    linking = engine.link({k: engine.analyse(v) for k, v in texts.items()})
    assert linking.resolve("hts").id == "hayat-tahrir-al-sham"
    assert linking.resolve("HAYAT TAHRIR AL SHAM").id == "hayat-tahrir-al-sham"
    assert linking.resolve("Hayat Tahrir al‑Sham").id == "hayat-tahrir-al-sham"
    assert linking.resolve("hayat-tahrir-al-sham", kind=PLACE) is None
    assert linking.resolve("nobody") is None
    assert linking.search_names("hayat")[0].id == "hayat-tahrir-al-sham"
    assert linking.search_names("Syrian Obsrvatory")[0].id == "syrian-observatory-for-human-rights"
    assert linking.articles_of("hayat-tahrir-al-sham") == {"a": 2}
    ent = linking.entities["hayat-tahrir-al-sham"]
    assert ent.mention_count == 2 and ent.article_count == 1 and "HTS" in ent.aliases


# -- normalisation ---------------------------------------------------------------------------
def test_normalise_keys_and_slugs():
    assert key("Hayat Tahrir al-Sham") == key("HAYAT TAHRIR AL SHAM") == "hayat tahrir al sham"
    assert key("Syria’s") == "syria"
    assert key("the Netherlands") == "netherlands"
    assert key("Çavuşoğlu") == "cavusoglu"
    assert slug("Hay’at Tahrir al-Sham") == "hay-at-tahrir-al-sham"
    text = "İstanbul ǅ ﬁ Straße — “x”"
    assert len(fold(text)) == len(text)


# -- determinism, pickling, bad input ---------------------------------------------------------
def test_analysis_is_deterministic_and_picklable(engine, seeds):
    texts, _ = seeds
    a1 = engine.analyse(texts["000"])
    a2 = pickle.loads(pickle.dumps(a1))
    assert isinstance(a2, DocAnalysis)
    assert a2 == engine.analyse(texts["000"])


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "no capitals at all in this text, none.", "x" * 5000, "A", "(", "ÉÉ"],
)
def test_bad_input_does_not_crash(engine, text):
    assert isinstance(one(engine, text), list)


def test_very_long_line_and_repeated_name_are_linear(engine):
    small = "Hayat Tahrir al-Sham fighters entered Aleppo. " * 200
    big = small * 100  # ~0.9 MB, one line
    t0 = time.perf_counter()
    engine.analyse(small)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    ms = one(engine, big)
    t_big = time.perf_counter() - t0
    assert len(ms) == 2 * 200 * 100
    assert t_big < max(2.0, t_small * 100 * 6)


def test_all_caps_text_is_quiet(engine):
    text = "THE COMPANY SAID IT EXPECTS SALES TO RISE IN THE SECOND QUARTER. " * 50
    assert one(engine, text) == []


def test_lists_are_loaded_once_per_process(engine):
    t0 = time.perf_counter()
    other = EntityEngine()
    assert other.lexicon is engine.lexicon
    assert time.perf_counter() - t0 < 0.1


# -- property: any text gives valid, exact, non-overlapping spans ------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(
    list("abcdefghij ABCDEFGHIJ-'’.,;:()\n\t")
    + ["al-", "Aleppo", "HTS", "Hayat Tahrir al-Sham", "Mr ", "the ", "U.S.", "Syria's", "é", "İ", "ǅ"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_random_text_gives_exact_spans(text):
    engine = _shared_engine()
    ms = engine.extract_texts({"d": text})["d"]
    last_end = 0
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.text == m.text.strip()
        assert m.start >= last_end
        last_end = m.end
        assert m.kind in (PLACE, ACTOR) and m.entity and m.name


_ENGINE = []


def _shared_engine() -> EntityEngine:
    if not _ENGINE:
        _ENGINE.append(EntityEngine())
    return _ENGINE[0]


def test_province_links_to_the_listed_place(engine):
    ms = one(engine, "Shelling hit Idlib Province and later Idlib itself.")
    assert [(m.text, m.entity) for m in ms] == [("Idlib Province", "idlib"), ("Idlib", "idlib")]


def test_possessive_without_apostrophe(engine):
    ms = one(engine, "The strike was near Syrias border with Turkeys army watching.")
    assert [(m.text, m.entity) for m in ms] == [("Syria", "syria"), ("Turkey", "turkey")]


def test_ordinal_unit_names(engine):
    ms = one(engine, "The 65th Air Division moved on the 3rd March to Kandahar.")
    assert [m.text for m in ms] == ["65th Air Division", "Kandahar"]


def test_first_word_dropped_when_corpus_knows_the_rest(engine):
    texts = {
        "a": "Analysts said Qaradagh Brigade fighters withdrew.",
        "b": "Stunning Qaradagh Brigade advances surprised everyone.",
    }
    result = engine.extract_texts(texts)
    assert [m.text for m in result["b"]] == ["Qaradagh Brigade"]


def test_stock_tickers_and_caps_acronyms(engine):
    ms = one(engine, "NOKIA SELLS UNIT\n\nNokia Oy <NOKS.HE> said IT WAS sold to the WHO.")
    texts = [m.text for m in ms]
    assert "NOKS" not in texts and "IT" not in texts
    assert "WHO" in texts


def test_british_and_american_spellings_link(engine):
    texts = {
        "a": "She entered the Qaradagh Treatment Centre on Monday.",
        "b": "Staff at the Qaradagh Treatment Center declined to comment.",
    }
    result = engine.extract_texts(texts)
    assert result["a"][0].entity == result["b"][0].entity


def test_demonym_nouns_are_not_names(engine):
    ms = one(engine, "The Englishman Robert Qaradaghi and two Frenchmen were freed.")
    assert [m.text for m in ms] == ["Robert Qaradaghi"]


@pytest.mark.parametrize("unit", ["Aleppo ", "Bashar al-Assad Aleppo Idlib ", "Syrias ", "A and B "])
def test_runs_of_listed_names_are_linear(engine, unit):
    def cpu(text: str) -> float:
        best = float("inf")
        for _ in range(2):
            started = time.process_time()
            engine.link({"d": engine.analyse(text)}).mentions("d")
            best = min(best, time.process_time() - started)
        return best

    small = unit * (1500 // len(unit))
    large = unit * (1500 * 16 // len(unit))
    assert cpu(large) <= 16 * 2.5 * cpu(small) + 0.05  # quadratic would be ~256x
