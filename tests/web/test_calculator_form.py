"""The calculator's form: fields into a case and back, errors at the fields at fault, rows added
and removed; an uploaded case read from bytes; the decision's figures and article links."""

from fractions import Fraction
from pathlib import Path

import pytest
from starlette.datastructures import FormData, UploadFile

from coordina.errors import DataError
from coordina.services import catalog
from coordina.services.case_files import MAX_BYTES, read_case_bytes
from coordina.web import calculator_form as forms
from coordina.web import calculator_result as results

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "au-kr-old-age.yaml"


def example() -> forms.CaseForm:
    case, _ = catalog.read_case(EXAMPLE)
    return forms.from_case(case)


def posted(case_form: forms.CaseForm) -> FormData:
    items: list[tuple[str, str | UploadFile]] = list(case_form.values.items())
    for index, row in enumerate(case_form.periods):
        items += [(f"periods-{index}-{name}", value) for name, value in row.items() if value]
    for index, row in enumerate(case_form.amounts):
        items += [(f"amounts-{index}-{name}", value) for name, value in row.items()]
    for index, row in enumerate(case_form.accounts):
        items += [(f"accounts-{index}-{name}", value) for name, value in row.items()]
    return FormData(items)


def test_a_case_goes_into_the_form_and_comes_back_the_same() -> None:
    case, _ = catalog.read_case(EXAMPLE)
    again, errors = forms.to_case(forms.from_form(posted(forms.from_case(case))))
    assert not errors
    assert again == case


def test_reference_amounts_and_earnings_round_trip() -> None:
    case_form = example()
    case_form.periods[0].update(earnings_amount="1250.50", earnings_currency="KRW", scheme="kr-nps")
    case_form.amounts = [{"scheme": "au-age-pension", "amount": "2000", "currency": "AUD"}]
    case, errors = forms.to_case(forms.from_form(posted(case_form)))
    assert not errors and case is not None
    assert str(case.periods[0].earnings) == "1250.50 KRW"
    assert str(case.reference_amounts["au-age-pension"]) == "2000 AUD"
    assert forms.from_case(case).amounts == case_form.amounts


def test_each_error_is_at_its_field_in_words() -> None:
    case_form = example()
    case_form.values["birth_date"] = ""
    case_form.values["residence"] = "XX"
    case_form.periods[0].update(end="1980-01-01")
    case_form.periods[1].update(start="2025-02-30", earnings_amount="lots", earnings_currency="AUD")
    case_form.periods[2].update(kind="")
    case_form.amounts = [{"scheme": "", "amount": "5", "currency": "AUD"}]
    case, errors = forms.to_case(case_form)
    assert case is None
    assert errors.messages == {
        "amounts-0-scheme": "Enter the scheme.",
        "birth_date": "Enter the date of birth.",
        "residence": "Enter a country as its ISO code, like KR, or a subdivision, like CA-QC.",
        "periods-0-end": "The last day must be on or after the first day.",
        "periods-1-start": "Enter a real date as year-month-day, like 1958-03-10.",
        "periods-1-earnings_amount": "Enter a number, like 1250.50.",
        "periods-2-kind": "Choose what the period is a period of.",
    }
    assert case_form.periods[1]["start"] == "2025-02-30"  # kept as typed


def test_a_period_before_birth_and_a_missing_agreement() -> None:
    case_form = example()
    case_form.values["agreement"] = ""
    case_form.periods[0].update(start="1950-01-01")
    _, errors = forms.to_case(case_form)
    assert errors.messages == {
        "agreement": "Choose an agreement.",
        "periods-0-start": "The period starts before the date of birth.",
    }


def test_rows_are_added_removed_renumbered_and_blank_ones_left_out() -> None:
    form = FormData([("periods-7-country", "KR"), ("periods-3-country", "AU"), ("periods-3-kind", "residence")])
    case_form = forms.from_form(form)
    assert [row["country"] for row in case_form.periods] == ["AU", "KR"]
    assert forms.apply(case_form, "add_period") and len(case_form.periods) == 3
    assert forms.apply(case_form, "remove_period_0") and [r["country"] for r in case_form.periods] == ["KR", ""]
    assert forms.apply(case_form, "remove_period_9") and len(case_form.periods) == 2  # no such row: unchanged
    assert not forms.apply(case_form, "calculate")
    forms.to_case(case_form)
    assert len(case_form.periods) == 1  # the blank row is gone before the errors are numbered
    forms.apply(case_form, "remove_period_0")
    assert case_form.periods == [dict.fromkeys(forms.PERIOD, "")]  # never fewer than one row


def test_fields_the_engine_names_are_found() -> None:
    assert forms.field_of("periods[2].scheme") == "periods-2-scheme"
    assert forms.field_of("agreement") == "agreement"
    assert forms.field_of("periods") == "periods-0-country"
    assert forms.field_of("claim.date") == "claim_date"


def test_an_uploaded_case_is_read_like_a_file() -> None:
    case, _ = catalog.read_case(EXAMPLE)
    assert read_case_bytes(EXAMPLE.read_bytes(), "mine.yaml") == case
    assert read_case_bytes(case.model_dump_json().encode(), "mine.json") == case  # JSON is YAML
    with pytest.raises(DataError) as error:
        read_case_bytes(b"agreement: au-kr\nperson: {birth_date: 1958-02-30}\n", "C:\\cases\\bad.yaml")
    assert {str(p.file) for p in error.value.problems} == {"bad.yaml"}
    assert [p.line for p in error.value.problems] == [1, 1, 2, 2]
    for data in (b"", b"a: !!python/object:os.system x\n", b"x" * (MAX_BYTES + 1)):
        with pytest.raises(DataError):
            read_case_bytes(data)


def test_figures_say_unknown_and_articles_link_to_the_agreement() -> None:
    agreement = catalog.agreement("au-kr")
    assert results.article_href("Art. 17(4)", agreement) == "/agreements/au-kr#art-17"
    assert results.article_href("Art. 3 administrative-arrangement", agreement) is None
    assert results.article_href("Art. 999", agreement) is None
    assert results.known(None) == "unknown" and results.known(False) == "no"
    assert results.months(None) == "unknown" and results.months(Fraction(12347, 31)) == "398.29"
    assert results.share(Fraction(401, 449)) == "401/449 (89.31 %)"
    assert results.country("KR") == "South Korea (KR)"


def test_earnings_by_year_go_from_the_form_to_the_case_and_back() -> None:
    from coordina.web.calculator_form import CaseForm, from_case, to_case

    typed = CaseForm(
        {"agreement": "au-kr", "birth_date": "1958-03-10", "nationality": "KR", "residence": "KR",
         "status": "none", "sex": "", "derived_rights": "", "branch": "old_age", "claim_date": "2025-06-01"},
        [{"country": "KR", "kind": "insurance", "start": "2019-03-01", "end": "2020-12-31", "activity": "",
          "employer_country": "", "flag_country": "", "certificate": "", "extension": "", "voluntary": "",
          "earnings_years": "2019: 30000000; 2020: 34000000", "earnings_amount": "", "earnings_currency": "KRW",
          "scheme": ""}],
        [],
    )  # fmt: skip
    case, errors = to_case(typed)

    assert not errors and case is not None
    assert [(e.year, str(e.amount)) for e in case.periods[0].earnings_by_year] == [
        (2019, "30000000 KRW"), (2020, "34000000 KRW")]  # fmt: skip
    again = from_case(case).periods[0]
    assert again["earnings_years"] == "2019: 30000000; 2020: 34000000" and again["earnings_currency"] == "KRW"

    typed.periods[0]["earnings_years"] = "2018: 1; 2019 30000000"
    _case, errors = to_case(typed)
    assert errors.get("periods-0-earnings_years"), errors.messages


def test_account_balances_go_from_the_form_to_the_case_and_back() -> None:
    case_form = example()
    case_form.accounts = [{"scheme": "cl-afp", "balance": "85000000", "currency": "CLP", "annuity_factor": "170"}]
    case, errors = forms.to_case(forms.from_form(posted(case_form)))
    assert not errors and case is not None
    assert str(case.accounts["cl-afp"].balance) == "85000000 CLP" and case.accounts["cl-afp"].annuity_factor == 170
    assert forms.from_case(case).accounts == case_form.accounts


def test_an_account_row_s_errors_are_beside_its_fields() -> None:
    case_form = example()
    case_form.accounts = [{"scheme": "cl-afp", "balance": "", "currency": "CLP", "annuity_factor": "0"}]
    case, errors = forms.to_case(case_form)
    assert case is None
    assert errors.messages == {
        "accounts-0-balance": "Enter the balance.",
        "accounts-0-annuity_factor": "Enter a number above 0.",
    }
    case_form.accounts.append({"scheme": "cl-afp", "balance": "5", "currency": "CLP", "annuity_factor": ""})
    assert forms.to_case(case_form)[1].messages["accounts-1-scheme"] == "This scheme already has an account."
