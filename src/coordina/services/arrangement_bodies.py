"""The liaison agencies and competent institutions an administrative arrangement names (ILO
brief, step 7: the arrangement designates the bodies that apply the agreement and exchange its
forms), as ``conclude_arrangement`` stores them: ``{"id", "party", "name", "role", "branches"}``.

A body's id is the one the agreement's data and the exchange use, ``<party>:<slug>``
(``coordina.domain.forms.BodyId``, e.g. ``KR:nps``); its party is one of the negotiation's. The
same id given twice is one body in two roles (as in ``coordina.domain.agreement``): the same
party and name, each role once.

Pure: stored bodies in, typed bodies out, and back.
"""

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coordina.domain.forms.identifiers import BODY_ID_PATTERN
from coordina.domain.vocabulary import Branch
from coordina.services.errors import Refused

ROLES = ("liaison_agency", "competent_institution")
AGREEMENT_LISTS = {"liaison_agency": "liaison_agencies", "competent_institution": "competent_institutions"}
"""Each role, and the list of ``coordina.domain.agreement.Agreement`` the body goes in."""
MAX_BODIES = 50
MAX_NAME = 200


@dataclass(frozen=True)
class ArrangementBody:
    """A body the arrangement names: its id, party, name, role and the branches it deals with
    (empty: every branch of the agreement)."""

    id: str
    party: str
    name: str
    role: str
    branches: tuple[str, ...] = ()

    def stored(self) -> dict[str, Any]:
        return {"id": self.id, "party": self.party, "name": self.name, "role": self.role,
                "branches": list(self.branches)}  # fmt: skip

    def in_agreement(self) -> dict[str, Any]:
        """As a ``coordina.domain.agreement.Body``."""
        body: dict[str, Any] = {"id": self.id, "party": self.party, "name": self.name}
        return {**body, "branches": list(self.branches)} if self.branches else body


def from_stored(bodies: Iterable[Mapping[str, Any]] | None) -> list[ArrangementBody]:
    """The stored bodies (JSON; None for an arrangement concluded before bodies were recorded)."""
    return [ArrangementBody(str(b.get("id") or ""), str(b.get("party") or ""), str(b.get("name") or ""),
                            str(b.get("role") or ""), tuple(str(x) for x in b.get("branches") or []))
            for b in bodies or []]  # fmt: skip


def problems(bodies: list[ArrangementBody], parties: Collection[str]) -> list[tuple[int, str, str, str]]:
    """What is wrong, as (index from 1, part, code, words): a ``missing_<part>``, a ``bad_id``
    (not ``<PARTY>:<slug>``), a ``foreign_party`` (not one of ``parties``), an ``id_party`` (the
    id's prefix is not the body's party), a ``bad_role``, an ``unknown_branch``, a
    ``long_name``, and an id given twice (``duplicate_id``: the same role again, or another body)."""
    found: list[tuple[int, str, str, str]] = []
    seen: dict[str, ArrangementBody] = {}
    for index, body in enumerate(bodies, start=1):
        for part in ("id", "party", "name", "role"):
            if not getattr(body, part):
                found.append((index, part, f"missing_{part}", f"give the body's {part}"))
        if body.id and not re.match(BODY_ID_PATTERN, body.id):
            found.append((index, "id", "bad_id", f"{body.id!r} is not an id like KR:nps (<PARTY>:<slug>, lower case)"))
        elif body.id and body.party and body.id.split(":", 1)[0] != body.party:
            found.append((index, "id", "id_party", f"the id {body.id} does not start with its party {body.party}"))
        if body.party and body.party not in parties:
            found.append((index, "party", "foreign_party",
                          f"{body.party} is not a party to the negotiation ({', '.join(parties)})"))  # fmt: skip
        if body.role and body.role not in ROLES:
            found.append((index, "role", "bad_role", f"the role is {' or '.join(ROLES)}, not {body.role!r}"))
        if len(body.name) > MAX_NAME:
            found.append((index, "name", "long_name", f"the name is at most {MAX_NAME} characters"))
        if stray := [b for b in body.branches if b not in Branch.__members__]:
            found.append((index, "branches", "unknown_branch", f"not a branch: {', '.join(stray)}"))
        first = seen.get(body.id)
        if first is not None and (first.role == body.role or (first.party, first.name) != (body.party, body.name)):
            found.append((index, "id", "duplicate_id", f"the id {body.id} is given twice"))
        seen.setdefault(body.id, body)
    return found


def checked(bodies: Iterable[Mapping[str, Any]], parties: Collection[str]) -> list[dict[str, Any]]:
    """The bodies as stored; Refused naming every wrong part (``bodies[2].party: ...``)."""
    listed = list(bodies)
    if stray := [str(index) for index, body in enumerate(listed, start=1) if not isinstance(body, Mapping)]:
        raise Refused("arrangement_body", f"bodies[{', '.join(stray)}]: each body is a mapping (id, party, name, role)")
    typed = from_stored(listed)
    if len(typed) > MAX_BODIES:
        raise Refused("arrangement_body", f"bodies: at most {MAX_BODIES}")
    wrong = [f"bodies[{index}].{part}: {words}" for index, part, _, words in problems(typed, parties)]
    if wrong:
        raise Refused("arrangement_body", "; ".join(wrong))
    return [body.stored() for body in typed]
