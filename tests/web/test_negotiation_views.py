"""The pure helpers of the negotiation pages: dashboard groups, the timeline of the eight steps,
which actions a role is shown (the write table of ``domain.permissions``), and the forms."""

from datetime import date

from coordina.services.negotiation.participants import Participation
from coordina.services.negotiation.progress import TransitionState
from coordina.services.negotiation.views import NegotiationView
from coordina.web import negotiation_words, refusals
from coordina.web.forms import FormErrors
from coordina.web.negotiation_views import (
    NewNegotiationForm,
    allowed,
    audit_detail,
    check_new,
    clean,
    grouped,
    page_status,
    profile_content,
    representative_lines,
    representatives,
    shown,
    timeline,
)


def _negotiation(nid: int = 1, step: int = 1, status: str = "active") -> NegotiationView:
    return NegotiationView(
        id=nid,
        title=f"N{nid}",
        kind="bilateral",
        parties=["IN", "BR"],
        branches=["old_age"],
        time_frame_start=None,
        time_frame_end=None,
        drafting_party="IN",
        official_languages=[],
        translations={},
        step=step,
        step_name="x",
        status=status,
        in_force=None,
        agreement_id=None,
        version=1,
    )


def _transition(guard: str | None) -> TransitionState:
    return TransitionState(
        event="start_negotiations",
        source=2,
        target=3,
        target_name="negotiations",
        guard=guard,
        reason="no draft has been shared with all parties yet" if guard else None,
    )


def test_the_dashboard_groups_by_status_then_step() -> None:
    found = grouped([_negotiation(1, 3), _negotiation(2, 1), _negotiation(3, 3), _negotiation(4, 4, "suspended")])
    assert [(g.status, [(s.step, [n.id for n in s.negotiations]) for s in g.steps]) for g in found] == [
        ("active", [(1, [2]), (3, [1, 3])]),
        ("suspended", [(4, [4])]),
    ]


def test_the_timeline_marks_done_current_blocked_halted_and_upcoming() -> None:
    states = [s.state for s in timeline(_negotiation(step=2), [_transition("a_draft_is_shared_with_every_party")])]
    assert states == ["done", "blocked", *["upcoming"] * 6]
    assert timeline(_negotiation(step=2), [_transition(None)])[1].state == "current"
    assert timeline(_negotiation(step=4, status="suspended"), [])[3].state == "halted"
    assert {s.state for s in timeline(_negotiation(step=8, status="in_force"), [])} == {"done"}
    assert timeline(_negotiation(step=2), [_transition(None)])[0].transitions == []  # only the current step's


def test_actions_are_shown_by_the_write_table() -> None:
    head, member = Participation(role="head", party="IN"), Participation(role="member", party="IN")
    observer = Participation(role="observer", party="IN")
    assert allowed(head, _negotiation(step=1))["take_step"] is True
    assert allowed(member, _negotiation(step=1))["take_step"] is False
    assert allowed(member, _negotiation(step=1))["add_note"] is True
    assert allowed(observer, _negotiation(step=1))["add_note"] is False
    assert allowed(head, _negotiation(step=4))["choose_outcome"] is True
    assert allowed(head, _negotiation(step=3))["choose_outcome"] is False
    assert allowed(head, _negotiation(step=4, status="suspended"))["resume"] is True
    assert allowed(head, _negotiation(step=8, status="in_force"))["update_profile"] is False
    assert allowed(None, _negotiation())["add_note"] is False


def test_the_new_negotiation_form_names_every_field_at_fault() -> None:
    assert set(check_new(NewNegotiationForm()).messages) == {
        "title",
        "parties",
        "own_party",
        "drafting_party",
        "branches",
    }
    typed = NewNegotiationForm(
        title="A",
        parties="in, br; ca-qc",
        own_party="IN",
        drafting_party="CA-QC",
        branches=["old_age"],
        time_frame_start="2027-01-01",
        time_frame_end="2026-01-01",
    )
    assert typed.party_codes() == ["IN", "BR", "CA-QC"]
    assert list(check_new(typed).messages) == ["time_frame_end"]
    assert set(
        check_new(
            NewNegotiationForm(title="A", parties="IN IN", own_party="FR", drafting_party="IN", branches=["pensions"])
        ).messages
    ) == {"parties", "own_party", "branches"}
    assert check_new(
        NewNegotiationForm(
            title="A",
            parties="IN,BR",
            own_party="in",
            drafting_party="IN",
            branches=["old_age"],
            time_frame_start="31/12/2026",
        )
    ).messages == {"time_frame_start": "Enter a date as year-month-day, for example 2027-03-31."}
    assert NewNegotiationForm(time_frame_start="2026-05-01").dates() == (date(2026, 5, 1), None)


def test_profile_answers_keep_structured_data_as_json() -> None:
    errors = FormErrors()
    content = profile_content(
        {"schemes": '[{"id": "in-eps"}]', "other_information": "Text", "personal_scope": ""}, errors
    )
    assert content == {"schemes": [{"id": "in-eps"}], "other_information": "Text"} and not errors
    assert shown(content["schemes"]).startswith("[\n")
    assert shown(None) == "" and shown("as typed") == "as typed"
    profile_content({"schemes": "[not json"}, errors)
    assert list(errors.messages) == ["item-schemes"]


def test_representatives_are_one_a_line() -> None:
    errors = FormErrors()
    people = representatives("Ana | Ministry of Labour | Director\n\nJoão | INSS", errors)
    assert (
        people
        == [
            {"name": "Ana", "institution": "Ministry of Labour", "function": "Director"},
            {"name": "João", "institution": "INSS"},
        ]
        and not errors
    )
    assert representative_lines(people) == "Ana | Ministry of Labour | Director\nJoão | INSS"
    representatives("Only a name", errors)
    assert list(errors.messages) == ["representatives"]


def test_texts_and_details() -> None:
    assert clean("a\r\nb\x00c\td") == "a\nbc\td"
    assert audit_detail({"party": "IN", "items": ["a", "b"]}) == "party: IN; items: a, b"


def test_every_rule_and_guard_of_the_process_is_explained() -> None:
    from coordina.domain.negotiation import TRANSITIONS, Step
    from coordina.domain.permissions import PERMISSIONS

    guards = {g for t in TRANSITIONS for g in t.guards}
    assert guards <= set(refusals.EXPLANATIONS)
    assert {p.role_rule for p in PERMISSIONS.values()} - {
        "only_heads_initial",
        "only_heads_consent",
        "only_heads_sign",
    } <= set(refusals.EXPLANATIONS)
    assert {"step_order", "status", "resume_suspended"} <= set(refusals.EXPLANATIONS)
    assert set(negotiation_words.STEPS) == {s.value for s in Step}
    assert {t.event for t in TRANSITIONS} <= set(negotiation_words.EVENTS)


def test_a_refusal_to_htmx_has_a_status_it_swaps() -> None:
    assert page_status(False, 403) == 403 and page_status(True, 403) == 422
    assert page_status(True, 409) == 409 and page_status(True, 200) == 200
