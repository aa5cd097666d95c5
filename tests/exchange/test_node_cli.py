"""``coordina node`` with bad settings: one message naming the file, line and field, exit 1,
never a traceback."""

from pathlib import Path

from typer.testing import CliRunner

from coordina.cli import app
from tests.exchange.federation import AGREEMENT, DE, federation


def test_a_settings_file_with_an_unknown_field_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "node.yaml"
    path.write_text("institution: DE:drv\nkey: de.key\ntrust_lists: {in-de: trust.cose}\nanchors: a.json\n"
                    "database: sqlite:///n.db\nport: 99999\nendpoint: http://x\n")  # fmt: skip
    result = CliRunner().invoke(app, ["node", "messages", "--config", str(path)])
    assert result.exit_code == 1
    assert "node.yaml:6" in result.stderr and "port" in result.stderr
    assert "node.yaml:7" in result.stderr and "endpoint" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_private_key_others_may_read_is_refused_with_its_path(tmp_path: Path) -> None:
    found = federation(tmp_path)
    found.key_file(DE).chmod(0o644)
    path = tmp_path / "node.yaml"
    lists = f"{{{AGREEMENT}: trust-list.cose}}"
    path.write_text(f"institution: {DE}\nkey: {found.key_file(DE).name}\ntrust_lists: {lists}\n"
                    f"anchors: anchors.json\ndatabase: sqlite:///n.db\n")  # fmt: skip
    result = CliRunner().invoke(app, ["node", "messages", "--config", str(path)])
    assert result.exit_code == 1
    assert found.key_file(DE).name in result.stderr and "Traceback" not in result.stderr
