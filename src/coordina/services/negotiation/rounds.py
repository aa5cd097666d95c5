"""Negotiation rounds (step 3): date, host, participants; minutes by the host with the revised
draft annexed; contentious points resolved in a round, postponed, or settled by correspondence."""

from datetime import date

from sqlalchemy import func, select

from coordina.domain.negotiation import PointStatus
from coordina.domain.permissions import Write
from coordina.services.errors import Forbidden, NotFound, Refused
from coordina.services.negotiation.access import Acting, acting, check_version, retry_on_collision
from coordina.services.negotiation.views import PointView, RoundView
from coordina.store.db import Database
from coordina.store.tables import ContentiousPoint, Draft, Round


@retry_on_collision
def create_round(db: Database, user_id: int, negotiation_id: int, *, held_on: date, host_party: str,
                 participants: list[str]) -> RoundView:  # fmt: skip
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.create_round)
        act.require_party(host_party, rule="host_arranges_the_round")
        act.hold()  # no concurrent round takes the same number
        number = (act.session.scalar(select(func.max(Round.number)).where(Round.negotiation_id == negotiation_id))
                  or 0) + 1  # fmt: skip
        row = Round(negotiation_id=negotiation_id, number=number, held_on=held_on, host_party=host_party,
                    participants=participants)  # fmt: skip
        act.session.add(row)
        act.session.flush()
        act.audit("create_round", round=number, host=host_party, held_on=held_on.isoformat())
        return RoundView.of(row)


def record_minutes(db: Database, user_id: int, negotiation_id: int, round_number: int, *, text: str,
                   annexed_draft: int, participants: list[str], expected_version: int) -> RoundView:  # fmt: skip
    """Minutes are drafted by the host, with the revised draft annexed and the participant list."""
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.record_minutes)
        row = _round(act, round_number)
        if act.party != row.host_party:
            raise Forbidden("host_drafts_minutes", f"the minutes are drafted by the host, {row.host_party}")
        draft = act.session.scalar(select(Draft).where(Draft.negotiation_id == negotiation_id,
                                                       Draft.number == annexed_draft))  # fmt: skip
        if draft is None:
            raise NotFound("draft", f"no draft {annexed_draft} to annex")
        if not participants:
            raise Refused("participants", "the minutes list the participants")
        check_version(row.version, expected_version, f"round {round_number}")
        row.minutes, row.minutes_draft_id, row.participants = text, draft.id, participants
        row.version += 1
        act.audit("record_minutes", round=round_number, annexed_draft=annexed_draft)
        return RoundView.of(row)


def list_rounds(db: Database, user_id: int, negotiation_id: int) -> list[RoundView]:
    with acting(db, negotiation_id, user_id, write=False) as act:
        rows = act.session.scalars(select(Round).where(Round.negotiation_id == negotiation_id).order_by(Round.number))
        return [RoundView.of(r) for r in rows]


def raise_point(db: Database, user_id: int, negotiation_id: int, *, article: str, subject: str,
                positions: dict[str, str], round_number: int | None = None) -> PointView:  # fmt: skip
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.raise_point)
        strangers = sorted(set(positions) - set(act.negotiation.parties))
        if strangers:
            raise Refused("positions", f"positions are by party; not parties: {', '.join(strangers)}")
        row = ContentiousPoint(negotiation_id=negotiation_id, article=article, subject=subject, positions=positions,
                               raised_in_round=_round(act, round_number).id if round_number else None)  # fmt: skip
        act.session.add(row)
        act.session.flush()
        act.audit("raise_point", point=row.id, article=article)
        return PointView.of(row)


def settle_point(db: Database, user_id: int, negotiation_id: int, point_id: int, *, status: str,
                 expected_version: int, round_number: int | None = None,
                 resolution: str | None = None) -> PointView:  # fmt: skip
    """Resolve a point in a round, postpone it to the next round, or record its settlement by
    an exchange of correspondence (ILO brief, step 3)."""
    chosen = PointStatus(status)
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.settle_point)
        row = act.session.get(ContentiousPoint, point_id)
        if row is None or row.negotiation_id != negotiation_id:
            raise NotFound("point", f"no contentious point {point_id}")
        check_version(row.version, expected_version, f"point {point_id}")
        if chosen is PointStatus.open:
            raise Refused("point_status", "a point is resolved, postponed or settled by correspondence")
        if chosen in (PointStatus.resolved_in_round, PointStatus.postponed) and round_number is None:
            raise Refused("point_round", f"'{chosen.value}' names the round")
        if chosen is PointStatus.resolved_by_correspondence and not resolution:
            raise Refused("correspondence_recorded", "record the exchange of correspondence that settled it")
        if chosen is not PointStatus.postponed and not resolution:
            raise Refused("resolution_recorded", "record how the point was resolved")
        row.status = chosen.value
        row.settled_in_round = _round(act, round_number).id if round_number else None
        row.resolution = resolution
        row.version += 1
        act.audit("settle_point", point=point_id, status=chosen.value, round=round_number)
        return PointView.of(row)


def list_points(db: Database, user_id: int, negotiation_id: int) -> list[PointView]:
    with acting(db, negotiation_id, user_id, write=False) as act:
        rows = act.session.scalars(select(ContentiousPoint).where(ContentiousPoint.negotiation_id == negotiation_id)
                                   .order_by(ContentiousPoint.id))  # fmt: skip
        return [PointView.of(p) for p in rows]


def _round(act: Acting, number: int | None) -> Round:
    row = act.session.scalar(select(Round).where(Round.negotiation_id == act.negotiation.id, Round.number == number))
    if row is None:
        raise NotFound("round", f"no round {number} in this negotiation")
    return row
