"""The table of who may write what, when (``coordina.domain.permissions``), without a database."""

import pytest

from coordina.domain.negotiation import Role, Status, Step
from coordina.domain.permissions import DRAFT_WRITES, PERMISSIONS, Write, refusal

EVERY_WRITE = list(Write)


def test_every_write_has_one_permission_and_every_draft_kind_its_write() -> None:
    assert set(PERMISSIONS) == set(Write)
    assert set(DRAFT_WRITES.values()) <= set(Write) and list(DRAFT_WRITES) == [
        "initial", "counterproposal", "revision", "change"]  # fmt: skip


@pytest.mark.parametrize("write", [w for w in EVERY_WRITE if w is not Write.add_note])
@pytest.mark.parametrize("role", list(Role))
def test_after_entry_into_force_every_write_is_refused_for_every_role(write: Write, role: Role) -> None:
    refused = refusal(write, role, Step.entry_into_force, Status.in_force)
    assert refused is not None and refused.rule == "read_only_after_entry_into_force" and not refused.forbidden


@pytest.mark.parametrize("write", EVERY_WRITE)
def test_observers_and_facilitators_never_write(write: Write) -> None:
    for step in Step:
        for role in (Role.observer, Role.facilitator):
            assert refusal(write, role, step, Status.active) is not None


@pytest.mark.parametrize("write", EVERY_WRITE)
@pytest.mark.parametrize("status", [Status.abandoned, Status.cancelled])
def test_an_abandoned_or_cancelled_negotiation_takes_no_write_but_notes(write: Write, status: Status) -> None:
    refused = refusal(write, Role.head, Step.review, status)
    assert (refused is None) == (write is Write.add_note)


def test_only_a_suspended_negotiation_resumes() -> None:
    assert refusal(Write.resume, Role.head, Step.review, Status.suspended) is None
    refused = refusal(Write.resume, Role.head, Step.review, Status.active)
    assert refused is not None and refused.rule == "resume_suspended"
    member = refusal(Write.resume, Role.member, Step.review, Status.suspended)
    assert member is not None and member.forbidden and member.rule == "heads_move_the_process"


@pytest.mark.parametrize(
    ("write", "allowed_steps", "heads_only"),
    [
        (Write.create_initial_draft, {2}, False),
        (Write.initial, {3}, True),
        (Write.record_review, {4}, False),
        (Write.sign, {5}, True),
        (Write.ratify, {6, 7}, True),
        (Write.sign_arrangement, {6, 7}, True),
        (Write.set_encoding, {4, 5, 6, 7}, False),
        (Write.add_member, {1, 2, 3, 4, 5, 6, 7}, True),
    ],
)
def test_each_write_in_its_steps_by_its_roles(write: Write, allowed_steps: set[int], heads_only: bool) -> None:
    for step in Step:
        for role in (Role.head, Role.member):
            refused = refusal(write, role, step, Status.active)
            expect_allowed = step.value in allowed_steps and (role is Role.head or not heads_only)
            assert (refused is None) == expect_allowed, (write, role, step, refused)
            if refused is not None and role is Role.member and heads_only:
                assert refused.forbidden  # a role refusal is 403; a step refusal 422
