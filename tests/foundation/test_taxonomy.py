import shutil

import pytest

from compliance.paths import data_dir
from compliance.taxonomy import AXES, UnknownYearError, known_years, load_taxonomy
from compliance.yamlio import DataFileError

CONTRACT = {
    "target_groups": {"valdsutovare", "hedersrelaterat", "prostitution", "sarskilt_utsatta", "barn",
                      "valdsutsatta_vuxna", "sexuellt_vald"},
    "activities": {"kartlaggning", "handlingsplan", "samverkan", "samordning", "kompetensutveckling", "information",
                   "rutiner", "bedomningsmetoder", "stodinsatser", "behandling", "forebyggande", "boende", "ovrigt"},
    "cost_kinds": {"lon", "tjanst", "utbildning", "material", "lokal", "resor", "placering", "utrustning", "ovrigt"},
}


def test_known_years():
    assert known_years() == [2019, 2020, 2021, 2022]


@pytest.mark.parametrize("year", [2019, 2020, 2021, 2022])
def test_every_year_loads_with_contract_ids_and_citations(year):
    taxonomy = load_taxonomy(year)
    for axis in AXES:
        expected = CONTRACT[axis] - ({"sexuellt_vald"} if year == 2019 else set())
        assert set(taxonomy.ids(axis)) == expected
        for entry in taxonomy.axis(axis):
            citation = entry.version_for(year).citation
            assert citation.document in taxonomy.documents and citation.passage
            assert entry.label and entry.description
    assert taxonomy.purposes, "every year has permitted purposes"
    assert taxonomy.grant_year.period_start.year == year


def test_sexual_violence_is_a_target_group_from_2020_only():
    assert "sexuellt_vald" not in load_taxonomy(2019).ids("target_groups")
    assert "sexuellt_vald" in load_taxonomy(2020).ids("target_groups")


def test_2021_and_2022_follow_the_2020_text():
    for year in (2021, 2022):
        taxonomy = load_taxonomy(year)
        assert [p.id for p in taxonomy.purposes] == [p.id for p in load_taxonomy(2020).purposes]
        assert "2020" in taxonomy.grant_year.note


def test_2020_rests_on_the_2020_directions_with_diarienummer():
    taxonomy = load_taxonomy(2020)
    citation = taxonomy.purposes[0].version_for(2020).citation
    assert "Dnr 9.2-11954/2020" in taxonomy.citation_text(citation)
    assert taxonomy.grant_year.report_deadline.isoformat() == "2021-03-31"


def test_unknown_year_lists_known_years():
    with pytest.raises(UnknownYearError, match="kända år: 2019, 2020, 2021, 2022"):
        load_taxonomy(2023)


@pytest.fixture
def taxonomy_copy(tmp_path):
    folder = tmp_path / "taxonomy"
    shutil.copytree(data_dir("taxonomy"), folder, ignore=shutil.ignore_patterns("corpus"))
    return folder


def test_duplicate_yaml_keys_are_rejected(taxonomy_copy):
    path = taxonomy_copy / "cost_kinds.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  label: Lön\n", "  label: Lön\n  label: Lön igen\n", 1),
                    encoding="utf-8")
    with pytest.raises(DataFileError, match="dubblerad nyckel 'label'"):
        load_taxonomy(2022, taxonomy_copy)


def test_duplicate_ids_are_rejected(taxonomy_copy):
    path = taxonomy_copy / "cost_kinds.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: tjanst", "- id: lon"), encoding="utf-8")
    with pytest.raises(DataFileError, match="dubblerade id: lon"):
        load_taxonomy(2022, taxonomy_copy)


def test_unknown_ids_in_purposes_are_rejected(taxonomy_copy):
    path = taxonomy_copy / "purposes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("activities: [samverkan]", "activities: [samverkning]"),
                    encoding="utf-8")
    with pytest.raises(DataFileError, match="okända id: samverkning"):
        load_taxonomy(2022, taxonomy_copy)


def test_unknown_documents_are_rejected(taxonomy_copy):
    path = taxonomy_copy / "activities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("document: uppfoljning-2013", "document: okand", 1),
                    encoding="utf-8")
    with pytest.raises(DataFileError, match="okänt dokument 'okand'"):
        load_taxonomy(2022, taxonomy_copy)


def test_a_new_year_is_a_data_change(taxonomy_copy):
    years = taxonomy_copy / "years.yaml"
    years.write_text(years.read_text(encoding="utf-8") + """
- year: 2026
  programme: Utvecklingsmedel via länsstyrelserna
  directions: anvisningar-2020
  period_start: 2026-01-01
  period_end: 2026-12-31
  report_deadline: 2027-03-31
""", encoding="utf-8")
    taxonomy = load_taxonomy(2026, taxonomy_copy)
    assert taxonomy.year == 2026
    assert "lon" in taxonomy.ids("cost_kinds")  # open-ended entries carry over
    assert taxonomy.purposes == []  # 2020–2022 purposes do not: the new directions must be encoded
