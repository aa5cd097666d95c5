"""The registry: import validation, search filters, statistics recomputed independently from the CSV."""

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

import coordina
from coordina.catalog.registry import REGIONS, build, bundled_entries, region_table, resolve_country
from coordina.catalog.registry_file import COLUMNS, read_registry

CSV = Path(coordina.__file__).parent / "data" / "registry" / "agreements.csv"
ROWS = list(csv.DictReader(CSV.read_text(encoding="utf-8").splitlines()))
REGISTRY = build(bundled_entries())


def test_the_package_registry_is_the_shared_csv_plus_the_encoded_agreements() -> None:
    assert len(REGISTRY.entries) == len(ROWS) == 217
    assert all(row["source"] for row in ROWS)


def test_every_bundled_agreement_links_to_its_registry_row() -> None:
    for agreement in coordina.library().agreements.values():
        if agreement.kind.value == "model":
            continue
        if agreement.version_of:  # an earlier text: the registry row is the text in force's
            assert agreement.registry_id is None and agreement.version_of in coordina.library().agreements
            continue
        assert agreement.registry_id and REGISTRY.encoded[agreement.registry_id] == agreement.id
        assert sorted(REGISTRY.entry(agreement.registry_id).parties) == sorted(agreement.parties)


def test_dates_keep_their_precision() -> None:
    month_only = [e for e in REGISTRY.entries if e.in_force and e.in_force.precision == "month"]
    assert len(month_only) == sum(len(r["in_force"]) == 7 for r in ROWS) == 43
    by_id = {r["id"]: r["in_force"] for r in ROWS}
    assert all(str(e.in_force or "") == by_id[e.id] for e in REGISTRY.entries)


@pytest.mark.parametrize(
    ("name", "code"),
    [("KR", "KR"), ("South Korea", "KR"), ("republic of korea", "KR"), ("United States", "US"), ("USA", "US"),
     ("Türkiye", "TR"), ("Turkey", "TR"), ("United Kingdom", "GB"), ("Czech Republic", "CZ"), ("Kosovo", "XK")],
)  # fmt: skip
def test_countries_resolve_by_code_or_common_name(name: str, code: str) -> None:
    assert resolve_country(name) == code


def test_every_party_has_one_of_the_regions() -> None:
    table = region_table()
    assert {p for e in REGISTRY.entries for p in e.parties} <= set(table)
    assert {region for _, region in table.values()} <= set(REGIONS)


def test_search_by_party_and_pair() -> None:
    korea = REGISTRY.search(party="Korea")
    assert {e.id for e in korea} == {r["id"] for r in ROWS if "KR" in r["parties"].split(";")}
    assert [e.id for e in REGISTRY.search(between=("Australia", "South Korea"))] == ["au-kr"]
    pair = {r["id"] for r in ROWS if {"KR", "FR"} <= set(r["parties"].split(";"))}
    assert {e.id for e in REGISTRY.search(between=("KR", "France"))} == pair == {"fr-kr"}


def test_search_by_branch_and_region() -> None:
    family = {e.id for e in REGISTRY.search(branch="family")}
    assert family == {r["id"] for r in ROWS if "family" in r["branches"].split(";")}
    arab = {e.id for e in REGISTRY.search(region="Arab States")}
    table = region_table()
    assert arab == {r["id"] for r in ROWS if any(table[p][1] == "Arab States" for p in r["parties"].split(";"))}
    assert "multi-gcc-insurance-protection-extension" in arab


def test_in_force_before_compares_at_each_dates_precision() -> None:
    found = {e.id for e in REGISTRY.search(in_force_before=date(2008, 10, 1))}
    expected = set()
    for row in ROWS:
        value = row["in_force"]
        if (
            (len(value) == 10 and value < "2008-10-01")
            or (len(value) == 7 and value < "2008-10")
            or (len(value) == 4 and value < "2008")
        ):
            expected.add(row["id"])
    assert found == expected
    assert "au-kr" not in found  # in force "2008-10": not before 2008-10-01


def test_unknown_filters_are_errors() -> None:
    with pytest.raises(KeyError, match="Atlantis"):
        REGISTRY.search(party="Atlantis")
    with pytest.raises(KeyError, match="regions"):
        REGISTRY.search(region="Oceania")


def test_stats_match_counts_computed_from_the_csv() -> None:
    stats = REGISTRY.stats()
    table = region_table()

    assert stats["rows"] == len(ROWS)
    assert stats["kind"] == dict(Counter(r["kind"] for r in ROWS))
    for region in REGIONS:
        in_region = [r for r in ROWS if region in {table[p][1] for p in r["parties"].split(";")}]
        assert stats["by_region"][region] == len(in_region), region
    years = Counter(int(r["in_force"][:4]) for r in ROWS if r["in_force"])
    assert stats["by_year_cumulative"][2000] == sum(n for y, n in years.items() if y <= 2000)
    assert stats["by_year_cumulative"][max(years)] == sum(years.values())
    with_branches = [r for r in ROWS if r["branches"]]
    assert stats["by_branch"]["old_age"] == sum("old_age" in r["branches"].split(";") for r in with_branches)
    assert stats["complete_rows"] == sum(bool(r["in_force"] and r["branches"]) for r in ROWS)
    countries = Counter(p for r in ROWS for p in r["parties"].split(";"))
    assert {c: d["agreements"] for c, d in stats["by_country"].items()} == dict(countries)
    assert stats["by_country"]["KR"]["bilateral_partners"] == len(
        {p for r in ROWS if r["kind"] == "bilateral" and "KR" in r["parties"] for p in r["parties"].split(";")} - {"KR"}
    )


def _write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "import.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


GOOD = {"id": "es-ma", "parties": "ES;MA", "kind": "bilateral", "signed": "1979-11-08", "in_force": "1982",
        "branches": "old_age;invalidity", "source": "test source", "notes": ""}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"parties": "ES;ZZ"}, "parties", "unknown country code(s) ZZ"),
        ({"parties": "ES;MA;FR"}, "parties", "a bilateral agreement has 2 parties"),
        ({"kind": "trilateral"}, "kind", "Input should be 'bilateral' or 'multilateral'"),
        ({"in_force": "1982-13"}, "in_force", "not a date"),
        ({"in_force": "82-01-01"}, "in_force", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"signed": "1990", "in_force": "1982"}, "in_force", "before signed"),
        ({"branches": "pensions"}, "branches", "Input should be"),
        ({"source": ""}, "source", "at least 1 character"),
        ({"id": "ES MA"}, "id", "should match pattern"),
    ],
)
def test_each_bad_row_kind_is_reported_by_row_and_field(tmp_path: Path, change: dict[str, str], field: str,
                                                         message: str) -> None:  # fmt: skip
    path = _write(tmp_path, [GOOD, {**GOOD, "id": "fr-ma", "parties": "FR;MA", **change}])

    entries, rejected, problems = read_registry(path)

    assert [e.id for e in entries] == ["es-ma"] and [r.row for r in rejected] == [3]
    assert len(problems) >= 1 and all(p.line == 3 for p in problems)
    assert any(p.message.startswith(f"{field}: ") and message in p.message for p in problems), problems


def test_a_duplicate_id_and_missing_columns_are_reported(tmp_path: Path) -> None:
    entries, _, problems = read_registry(_write(tmp_path, [GOOD, GOOD]))
    assert [p.message for p in problems] == ["id: 'es-ma' is already used on row 2"] and len(entries) == 1

    bad = tmp_path / "columns.csv"
    bad.write_text("id,parties\nes-ma,ES;MA\n", encoding="utf-8")
    assert "missing column(s): kind" in read_registry(bad)[2][0].message


def test_the_row_of_a_versioned_agreement_describes_the_text_in_force_today() -> None:
    library = coordina.library()
    versioned = {a.version_of for a in library.agreements.values() if a.version_of}
    assert versioned, "the library has an agreement with several texts (ca-nl)"
    for agreement_id in versioned:
        today = library.agreement(agreement_id)
        row = REGISTRY.entry(today.registry_id or "")
        assert str(row.in_force) == str(today.in_force), (agreement_id, row.in_force, today.in_force)
        earlier = [a for a in library.versions(agreement_id) if a.id != agreement_id]
        assert all(str(a.in_force.year) in (row.notes or "") for a in earlier if a.in_force), row.notes
