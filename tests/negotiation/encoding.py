"""The engine encoding of the test's agreed text: the workspace's own starting encoding."""

from typing import Any

from coordina.services.negotiation.encoding import skeleton

ROLES = {"scope": "1", "equality": "2", "export": "3", "legislation": "4", "totalization": "5"}


def encoding(agreement_id: str, parties: list[str]) -> dict[str, Any]:
    return skeleton(agreement_id, f"Agreement between {' and '.join(parties)}", parties, ["old_age"], ROLES)
