"""The recognition dataset classifies every UN member state once, and keeps hedged counts as words."""

from __future__ import annotations

from site_builder.formats.project import Project
from site_builder.formats.sets import SETS
from site_builder.languages.localize import localize
from tests.conftest import ROOT

# The 193 UN member states (the UN's list of member states), ISO 3166-1 alpha-3. Not members, so
# not here: the Holy See, Palestine, Kosovo, Taiwan, the Cook Islands, Niue, Western Sahara.
# site_builder/formats/sets.py is to hold the same list; until then it is written out here.
UN_MEMBERS = frozenset(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
    BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA
    DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
    HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
    LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER
    NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP
    SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO
    TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
    """.split()
)
NON_UN_RECOGNISERS = frozenset({"TWN", "COK", "NIU"})  # in Kosovo's count, not UN members


def _recognition():
    return localize(Project.load(ROOT), "en").datasets["recognition"]


def test_the_list_of_un_members_has_193_states():
    assert len(UN_MEMBERS) == 193
    assert not UN_MEMBERS & {"VAT", "PSE", "XKX", "TWN", "COK", "NIU", "ESH"}


def test_the_list_agrees_with_the_generators_set():
    """Two lists written apart (this one, and the one `covers: un_members` checks maps against) must agree."""
    assert set(SETS["un_members"]) == UN_MEMBERS


def test_every_un_member_state_has_exactly_one_record():
    codes = [record["country"] for record in _recognition().records]
    assert len(codes) == len(set(codes)), "a state has two records"
    assert set(codes) - NON_UN_RECOGNISERS == UN_MEMBERS
    assert set(codes) & NON_UN_RECOGNISERS == NON_UN_RECOGNISERS


def test_un_membership_and_status_agree():
    for record in _recognition().records:
        member = record["country"] in UN_MEMBERS
        assert record["un_member"] == ("yes" if member else "no"), record["country"]
        assert (record["status"] == "recognises_non_un") == (not member), record["country"]


def test_kosovo_s_list_holds_118_un_member_states():
    """Kosovo's count of 121 is reconciled as 118 UN members and three states outside the UN."""
    listed = {"recognises", "withdrawal_claimed", "withdrawal_confirmed", "withdrawal_reaffirmed"}
    records = _recognition().records
    # São Tomé and Príncipe is counted by Kosovo; Nigeria and Uganda, in the same category, are not.
    on_list = [r for r in records if r["status"] in listed or r["country"] == "STP"]
    assert sum(1 for r in on_list if r["un_member"] == "yes") == 118
    assert len(on_list) + sum(1 for r in records if r["status"] == "recognises_non_un") == 121


def test_denied_and_invalidated_recognitions_share_one_contested_category_and_say_which():
    dataset = _recognition()
    status = {record["country"]: record for record in dataset.records}
    assert {c for c, r in status.items() if r["status"] == "recognition_disputed"} == {"STP", "NGA", "UGA"}
    assert "declared the recognition invalid" in status["STP"]["note"]
    assert "Nigeria denies recognising" in status["NGA"]["note"]
    assert "Uganda denies recognising" in status["UGA"]["note"]
    categories = {c.value: c for c in dataset.meta.fields["status"].categories}
    assert "recognition_denied" not in categories
    assert categories["recognition_disputed"].contested
    colours = [c.color for c in categories.values() if c.contested and c.color != "sky"]
    assert len(colours) == len(set(colours)), "two contested categories share a colour"


def test_withdrawals_are_told_apart_by_what_the_state_said():
    status = {record["country"]: record["status"] for record in _recognition().records}
    assert status["GHA"] == "withdrawal_confirmed"
    assert status["LBR"] == status["GNB"] == "withdrawal_reaffirmed"
    assert status["SUR"] == "withdrawal_claimed"
    labels = {c.value: c.label for c in _recognition().meta.fields["status"].categories}
    for value in ("withdrawal_claimed", "withdrawal_reaffirmed"):
        assert "claimed by Serbia" in labels[value], value


def test_a_state_classified_by_absence_cites_kosovo_s_list_and_says_so():
    dataset = _recognition()
    for record in dataset.records:
        if record["status"] == "not_listed":
            assert record["source"] == "mfa_ks_politika", record["country"]
    kosovo_list = next(source for source in dataset.meta.sources if source.id == "mfa_ks_politika")
    assert "by its absence" in kosovo_list.notes
    # the hover shows only the producer, the table the title: both say the list is rebuilt, not retrieved
    assert "rebuilt here" in kosovo_list.producer
    assert "as reconstructed by this site" in kosovo_list.title
    assert "absence from Kosovo's" in dataset.meta.description


def test_a_hedged_estimate_is_words_not_a_count():
    counts = localize(Project.load(ROOT), "en").datasets["recognition_counts"]
    by_words = {record.get("qualifier"): record for record in counts.records}
    for words in ("nearly 100", "the low 90s", "around 100 ('probably safe to say')"):
        assert by_words[words].get("count") is None, words
    for record in counts.records:
        if record.get("count") is None:
            assert record.get("qualifier"), record
    undated = [r for r in counts.records if r.get("date") is None]
    assert [r["claimed_by"] for r in undated] == ["FM Ivica Dačić"]


def test_notes_for_readers_carry_no_instructions_for_editors():
    """'Verify before publication' and how to draw a map are for editors: `editor_note(s)`, never published."""
    for dataset_id in ("recognition", "recognition_counts"):
        dataset = localize(Project.load(ROOT), "en").datasets[dataset_id]
        texts = [dataset.meta.description] + [record["note"] or "" for record in dataset.records]
        for text in texts:
            for words in ("verify", "must not", "before publication"):
                assert words not in text.lower(), (dataset_id, text)
        for record in dataset.records:
            if record["confidence"] == "low":
                assert record["note"], (dataset_id, record)


def test_a_figure_relayed_by_sputnik_is_credited_to_who_gave_it_and_not_rated_high():
    """The source of a figure is who gave it; the outlet it was read in is said in the notes."""
    for dataset_id in ("recognition", "recognition_counts"):
        dataset = localize(Project.load(ROOT), "en").datasets[dataset_id]
        relayed = set()
        for source in dataset.meta.sources:
            if source.id == "sputnik_2023_01_01":  # the seed article: Sputnik's own claims
                continue
            assert not source.producer.startswith(("Sputnik", "UrduPoint")), (dataset_id, source.producer)
            if "Sputnik" in (source.notes or ""):
                assert "Sputnik" in source.producer, (dataset_id, source.id)
                relayed.add(source.id)
        assert relayed >= {"urdupoint_2019_08_16", "sputnik_rs_nauru_2019"}, dataset_id
        for record in dataset.records:
            if record["source"] in relayed:
                assert record["confidence"] != "high", (dataset_id, record)
                assert "Sputnik" in record["note"], (dataset_id, record)


def test_every_count_of_recognising_states_has_its_series_even_without_a_number():
    counts = localize(Project.load(ROOT), "en").datasets["recognition_counts"]
    for record in counts.records:
        if record["metric"] == "un_members_recognising":
            assert record.get("count_series"), record


def test_new_zealand_cites_the_one_source_that_names_it_and_the_methodology_agrees():
    status = {record["country"]: record for record in _recognition().records}
    assert status["NZL"]["source"] == "city2map"
    assert status["NZL"]["confidence"] == "low"
    methodology = (ROOT / "content" / "methodology.md").read_text(encoding="utf-8")
    assert "City2map" in methodology and "names New Zealand" in methodology
