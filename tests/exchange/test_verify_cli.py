"""``coordina trust`` and ``coordina verify`` as a user runs them: keys generated, a trust list made
and signed by both authorities, a certificate verified from its PNG, PDF and text, offline."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coordina.cli import app
from coordina.exchange.certificate import issue_cc1
from coordina.services.certificate_render import write_certificate
from coordina.services.exchange_keys import read_private_key
from tests.exchange.signing_parties import certificate

runner = CliRunner()


@dataclass(frozen=True)
class Setup:
    folder: Path
    trust_list: Path
    anchors: Path
    files: dict[str, Path]
    text: str

    def verify(self, source: str, *extra: str) -> tuple[int, str, str]:
        options = ["--trust-list", str(self.trust_list), "--anchors", str(self.anchors)]
        result = runner.invoke(app, ["verify", source, *options, *extra])
        return result.exit_code, result.stdout, result.stderr


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr + result.stdout
    return result.stdout


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    folder = tmp_path_factory.mktemp("trust")
    now = datetime.now(UTC)
    for name, alg in [
        ("de-authority", "Ed25519"),
        ("kr-authority", "P-256"),
        ("kr-nps", "P-256"),
        ("de-drv", "Ed25519"),
    ]:
        run("trust", "keygen", "--alg", alg, "--out", str(folder / f"{name}.key"))
    validity = {
        "valid_from": (now - timedelta(days=30)).isoformat(),
        "valid_until": (now + timedelta(days=700)).isoformat(),
    }
    description = {
        "agreement": "de-kr",
        "version": 1,
        "issued_at": now.isoformat(),
        "max_age": "P30D",
        "parties": ["DE", "KR"],
        "entries": [
            {
                "body": "DE:drv",
                "party": "DE",
                "role": "competent_institution",
                "keys": [{"public_key_file": "de-drv.key.pub", **validity}],
            },
            {
                "body": "KR:nps",
                "party": "KR",
                "role": "liaison_agency",
                "keys": [{"public_key_file": "kr-nps.key.pub", **validity}],
            },
        ],
    }
    (folder / "trust.json").write_text(json.dumps(description, indent=2))
    made = run(
        "trust",
        "make",
        str(folder / "trust.json"),
        "--out",
        str(folder / "trust.cose"),
        "--key",
        f"DE={folder / 'de-authority.key'}",
    )
    assert "still to sign: KR" in made
    run("trust", "sign", str(folder / "trust.cose"), "--key", str(folder / "kr-authority.key"))
    run(
        "trust",
        "anchors",
        "--party",
        f"DE={folder / 'de-authority.key.pub'}",
        "--party",
        f"KR={folder / 'kr-authority.key.pub'}",
        "--out",
        str(folder / "anchors.json"),
    )
    nps = read_private_key(folder / "kr-nps.key")
    text = issue_cc1(certificate(), nps, issuer="KR", issued_at=now, expires=now + timedelta(days=400))
    files = write_certificate(text, certificate(), folder / "certificate", issued_at=now)
    return Setup(folder, folder / "trust.cose", folder / "anchors.json", files, text)


@pytest.mark.parametrize("kind", ["png", "pdf", "txt"])
def test_verify_a_file(setup: Setup, kind: str) -> None:
    status, out, _ = setup.verify(str(setup.files[kind]))

    assert status == 0
    assert out.startswith("valid: certificate of coverage NPS-2025-000123")
    assert "issued by KR:nps (KR)" in out


def test_verify_the_text_itself_as_json(setup: Setup) -> None:
    status, out, _ = setup.verify(setup.text, "--json")
    verdict = json.loads(out)

    assert status == 0
    assert (verdict["valid"], verdict["reasons"], verdict["issuing_body"]) == (True, [], "KR:nps")
    assert verdict["certificate"]["person"]["surname"] == "Kim"


def test_a_certificate_not_valid_exits_1_with_the_reasons_in_words(setup: Setup) -> None:
    tampered = setup.text[:60] + ("A" if setup.text[60] != "A" else "B") + setup.text[61:]

    status, out, err = setup.verify(tampered)

    assert status == 1
    assert out.startswith("not valid (text):") and "  - " in out
    assert "Traceback" not in out + err


def test_an_unknown_issuer_is_named(setup: Setup, tmp_path: Path) -> None:
    run("trust", "keygen", "--out", str(tmp_path / "stranger.key"))
    stranger = read_private_key(tmp_path / "stranger.key")
    text = issue_cc1(
        certificate(), stranger, issuer="KR", issued_at=datetime.now(UTC), expires=datetime.now(UTC) + timedelta(days=1)
    )

    status, out, _ = setup.verify(text, "--json")

    assert status == 1
    assert [reason["code"] for reason in json.loads(out)["reasons"]] == ["key_unknown"]


@pytest.mark.parametrize(
    ("source", "message"),
    [("missing.png", "neither a file nor a certificate text"), ("hello", "neither a file nor a certificate text")],
)
def test_bad_input_exits_2_without_a_traceback(setup: Setup, source: str, message: str) -> None:
    status, out, err = setup.verify(source)

    assert status == 2 and message in err and "Traceback" not in out + err


def test_a_png_without_a_qr_code_is_bad_input(setup: Setup, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("L", (64, 64), 255).save(tmp_path / "blank.png")

    status, _, err = setup.verify(str(tmp_path / "blank.png"))

    assert status == 2 and "no QR code was found" in err


def test_without_anchors_nothing_is_verified(setup: Setup) -> None:
    result = runner.invoke(app, ["verify", setup.text, "--trust-list", str(setup.trust_list)])

    assert result.exit_code == 2 and "--anchors FILE" in result.stderr


def test_a_trust_list_signed_by_one_authority_only_is_bad_input(setup: Setup, tmp_path: Path) -> None:
    once = tmp_path / "once.cose"
    run(
        "trust",
        "make",
        str(setup.folder / "trust.json"),
        "--out",
        str(once),
        "--key",
        f"DE={setup.folder / 'de-authority.key'}",
    )

    result = runner.invoke(app, ["verify", setup.text, "--trust-list", str(once), "--anchors", str(setup.anchors)])

    assert (
        result.exit_code == 2 and "KR's competent authority" in result.stderr and "has not signed it" in result.stderr
    )


def test_a_bad_description_names_the_file_line_and_field(setup: Setup, tmp_path: Path) -> None:
    bad = json.loads((setup.folder / "trust.json").read_text())
    bad["entries"][0]["role"] = "ministry"
    path = setup.folder / "bad.json"  # beside the public key files it names
    path.write_text(json.dumps(bad, indent=2))

    result = runner.invoke(app, ["trust", "make", str(path), "--out", str(tmp_path / "bad.cose")])

    assert result.exit_code == 1
    line = 1 + path.read_text().split('"ministry"')[0].count("\n")
    assert (
        f"{path}:{line}: entries.0.role: Input should be 'competent_institution' or 'liaison_agency'" in result.stderr
    )
    assert not (tmp_path / "bad.cose").exists()


def test_an_uploaded_file_verifies_from_its_bytes(setup: Setup) -> None:
    from coordina.services.exchange_verify import verify_bytes

    data = setup.files["pdf"].read_bytes()
    checked = verify_bytes(data, "upload.pdf", trust_list=setup.trust_list, anchors=setup.anchors)

    assert checked.verdict.valid and checked.source == "QR code in the PDF upload.pdf"
