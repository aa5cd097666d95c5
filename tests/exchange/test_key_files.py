"""Private key files: written with mode 0600, never overwritten, refused when others may read them."""

import stat
from pathlib import Path

import pytest

from coordina.errors import ExchangeRefused
from coordina.exchange import keys
from coordina.services.exchange_keys import generate_key_files, read_private_key, read_public_key, write_private_key


@pytest.mark.parametrize("alg", ["Ed25519", "P-256"])
def test_a_private_key_file_is_readable_by_its_owner_alone(tmp_path: Path, alg: keys.KeyType) -> None:
    key = generate_key_files(tmp_path / "node.key", alg)

    assert stat.S_IMODE((tmp_path / "node.key").stat().st_mode) == 0o600
    assert read_private_key(tmp_path / "node.key").kid == key.kid
    assert read_public_key(tmp_path / "node.key.pub").kid == key.kid


def test_a_key_file_is_never_overwritten(tmp_path: Path) -> None:
    generate_key_files(tmp_path / "node.key")

    with pytest.raises(ExchangeRefused) as refused:
        write_private_key(tmp_path / "node.key", keys.generate())
    assert refused.value.rule == "key_file_exists"


def test_a_key_file_others_may_read_is_refused(tmp_path: Path) -> None:
    generate_key_files(tmp_path / "node.key")
    (tmp_path / "node.key").chmod(0o644)

    with pytest.raises(ExchangeRefused) as refused:
        read_private_key(tmp_path / "node.key")

    assert refused.value.rule == "key_file_mode"
    assert f"{tmp_path / 'node.key'} has mode 0644" in refused.value.message and "chmod 600" in refused.value.message


def test_a_link_to_a_private_key_file_is_followed_and_its_target_checked(tmp_path: Path) -> None:
    key = generate_key_files(tmp_path / "node.key")
    (tmp_path / "mounted.key").symlink_to(tmp_path / "node.key")

    assert read_private_key(tmp_path / "mounted.key").kid == key.kid
    (tmp_path / "node.key").chmod(0o640)
    with pytest.raises(ExchangeRefused, match="mode 0640"):
        read_private_key(tmp_path / "mounted.key")
