"""The calculator with a party's own scheme files uploaded beside a case (issue 15, item 1): the
Philippines' profile compiled to a scheme file, applied by a Korea–Philippines agreement file."""

from pathlib import Path
from typing import Any

import yaml

from coordina.services.drafting.feasibility_sources import read_profile
from coordina.services.drafting.scheme_files import scheme_yaml
from tests.browser.conftest import check_page, sign_in
from tests.drafting.profile_helpers import PH
from tests.drafting.test_profile_schemes import CASE, _agreement

YAML = "application/yaml"


def test_own_scheme_files_give_the_party_its_decision_and_a_bad_one_is_named_by_file_and_line(
    page: Any, tmp_path: Path
) -> None:
    scheme = scheme_yaml(read_profile(PH), 0)
    files = {
        "case_file": {"name": "case.yaml", "mimeType": YAML, "buffer": yaml.safe_dump(CASE).encode()},
        "agreement_file": {"name": "kr-ph.yaml", "mimeType": YAML, "buffer": _agreement(tmp_path).read_bytes()},
    }
    sign_in(page, "ilo_adviser")
    page.goto("/calculator")
    for name, upload in files.items():
        page.locator(f"#{name}").set_input_files(files=[upload])
    broken = scheme.replace("social_insurance", "banana").encode()
    page.locator("#scheme_files").set_input_files(files=[{"name": "ph-sss.yaml", "mimeType": YAML, "buffer": broken}])
    page.get_by_role("button", name="Upload and calculate").click()
    problems = page.locator("#scheme_files-problems")
    assert "ph-sss.yaml:" in problems.inner_text()
    check_page(page, "drafting-calculator-schemes-refused")

    for name, upload in files.items():
        page.locator(f"#{name}").set_input_files(files=[upload])
    page.locator("#scheme_files").set_input_files(
        files=[{"name": "ph-sss.yaml", "mimeType": YAML, "buffer": scheme.encode()}]
    )
    page.get_by_role("button", name="Upload and calculate").click()
    assert "Philippines (PH): ph-sss" in page.locator("main").inner_text()  # its decision, from the sent file
    check_page(page, "drafting-calculator-schemes")
