"""A realistic demonstration workspace: one negotiation in force, one in step 3 with open
contentious points, one suspended in step 4. Fictional people; real process and real data."""

from datetime import date

from coordina.services import auth
from coordina.services.negotiation import closing, drafts, profiles, records, rounds, workspace
from coordina.services.negotiation.encoding import skeleton
from coordina.store.db import Database

DEMO_PASSWORD = "demo-password-not-secret"
ADMINISTRATOR = "admin"  # the system role: creates users, invites heads of delegation
ARTICLES = [
    {"number": "1", "heading": "Definitions", "text": "Terms used in this Agreement."},
    {"number": "2", "heading": "Scope", "text": "Persons and legislation covered."},
    {"number": "3", "heading": "Equality of treatment", "text": "Covered persons are treated like nationals."},
    {"number": "4", "heading": "Export of benefits", "text": "Benefits are paid in either territory."},
    {
        "number": "5",
        "heading": "Applicable legislation",
        "text": "Work is covered where it is done; postings up to 36 months stay under the sending State.",
    },
    {"number": "6", "heading": "Totalization", "text": "Periods under both legislations add up."},
]
ROLES = {"scope": "2", "equality": "3", "export": "4", "legislation": "5", "totalization": "6"}


class _Actors:
    def __init__(self, db: Database, names: list[str]) -> None:
        self.ids = {name: auth.create_user(db, name, name.replace("_", " ").title(), DEMO_PASSWORD) for name in names}

    def __getitem__(self, name: str) -> int:
        return self.ids[name]


def fill(db: Database) -> list[int]:
    """Create the administrator and the three demonstration negotiations; returns their ids."""
    auth.create_user(db, ADMINISTRATOR, "Workspace Administrator", DEMO_PASSWORD, administrator=True)
    people = _Actors(
        db,
        [
            "min_jun",
            "maria_santos",
            "ana_reyes",
            "priya_nair",
            "joao_silva",
            "sami_ben_ali",
            "youssef_amrani",
            "ilo_adviser",
        ],
    )
    return [_in_force(db, people), _in_negotiations(db, people), _suspended(db, people)]


def _open(db: Database, people: _Actors, head: str, other_head: str, **details: object) -> int:
    negotiation = workspace.open_negotiation(db, people[head], **details)  # type: ignore[arg-type]
    other_party = next(p for p in negotiation.parties if p != details["own_party"])
    workspace.add_member(db, people[head], negotiation.id, username=other_head, role="head", party=other_party)
    workspace.add_member(db, people[head], negotiation.id, username="ilo_adviser", role="facilitator", party=None)
    return negotiation.id


def _version(db: Database, who: int, negotiation_id: int) -> int:
    return workspace.get(db, who, negotiation_id).version


def _through_step_two(db: Database, people: _Actors, nid: int, drafter: str, other: str) -> None:
    own = workspace.get(db, people[drafter], nid)
    for party, head in (
        (own.drafting_party, drafter),
        (next(p for p in own.parties if p != own.drafting_party), other),
    ):
        profiles.prefill_profile(db, people[head], nid, party, 0)
    workspace.take_step(
        db, people[drafter], nid, "complete_preliminary_discussions", _version(db, people[drafter], nid)
    )
    drafts.create_draft(db, people[drafter], nid, kind="initial", articles=ARTICLES)
    drafts.share_draft(db, people[drafter], nid, 1)
    workspace.take_step(db, people[drafter], nid, "start_negotiations", _version(db, people[drafter], nid))


def _in_force(db: Database, people: _Actors) -> int:
    nid = _open(
        db,
        people,
        "min_jun",
        "maria_santos",
        title="Korea–Philippines Agreement on Social Security",
        parties=["KR", "PH"],
        branches=["old_age", "invalidity", "survivors"],
        drafting_party="KR",
        own_party="KR",
        time_frame_start=date(2023, 3, 1),
        time_frame_end=date(2025, 12, 31),
        entry_into_force_rule={"kind": "first_day_of_nth_month_after_last_notification", "months": 3},
    )
    kim, santos = people["min_jun"], people["maria_santos"]
    _through_step_two(db, people, nid, "min_jun", "maria_santos")
    rounds.create_round(db, santos, nid, held_on=date(2023, 9, 12), host_party="PH", participants=[])
    rounds.record_minutes(
        db,
        santos,
        nid,
        1,
        text="Scope and totalization agreed.",
        annexed_draft=1,
        participants=["Min Jun", "Maria Santos"],
        expected_version=1,
    )
    drafts.initial(db, kim, nid, 1)
    drafts.initial(db, santos, nid, 1)
    workspace.take_step(db, kim, nid, "conclude_negotiations", _version(db, kim, nid))
    closing.record_review(db, kim, nid, authority="Ministry of Justice", outcome="approved")
    closing.record_review(db, santos, nid, authority="Department of Foreign Affairs", outcome="approved")
    workspace.take_step(db, kim, nid, "approve_reviewed_text", _version(db, kim, nid))
    closing.set_languages(db, kim, nid, ["ko", "en"], _version(db, kim, nid))
    closing.sign(
        db,
        kim,
        nid,
        signatory="Minister of Foreign Affairs",
        capacity="minister_of_foreign_affairs",
        signed_on=date(2024, 2, 20),
        place="Manila",
        deposited_in="MOFA treaty registry",
    )
    closing.sign(
        db,
        santos,
        nid,
        signatory="Secretary of Labor",
        capacity="minister_of_labour",
        full_powers="Instrument of full powers of 1 February 2024",
        signed_on=date(2024, 2, 20),
        place="Manila",
        deposited_in="DFA treaty division",
    )
    workspace.take_step(db, kim, nid, "complete_signing", _version(db, kim, nid))
    closing.ratify(
        db, kim, nid, procedure="parliamentary_vote", approved_on=date(2024, 6, 3), notified_on=date(2024, 6, 10)
    )
    closing.ratify(
        db, santos, nid, procedure="enacting_legislation", approved_on=date(2024, 8, 19), notified_on=date(2024, 8, 30)
    )
    workspace.take_step(db, kim, nid, "complete_approval", _version(db, kim, nid))
    closing.conclude_arrangement(
        db,
        kim,
        nid,
        title="Administrative Arrangement KR–PH",
        forms=[
            {
                "name": "KR/PH 1 – certificate of coverage",
                "branch": "old_age",
                "personal_data": ["name", "date of birth", "insurance number", "employer", "posting period"],
                "form": "coverage_certificate",
                "purpose": "Show that a posted worker stays insured under the sending State's legislation.",
                "fields": [
                    "person.identifier",
                    "person.surname",
                    "person.forenames",
                    "person.birth_date",
                    "legislation",
                    "employer.name",
                    "institution",
                ],
                "retention": "P5Y",
            },
            {
                "name": "KR/PH 2 – claim for old-age benefit",
                "branch": "old_age",
                "personal_data": [
                    "name",
                    "date of birth",
                    "nationality",
                    "marital status",
                    "address",
                    "dates of entry into and departure from the country",
                    "bank account",
                ],
            },
        ],
        data_protection="Data are used only to apply the Agreement and are kept no longer than necessary.",
        bodies=[  # the negotiation is fictional; the institutions are the parties' pension institutions
            {"id": "KR:nps", "party": "KR", "name": "National Pension Service", "role": "liaison_agency"},
            {"id": "PH:sss", "party": "PH", "name": "Social Security System", "role": "liaison_agency"},
        ],
    )
    closing.sign_arrangement(db, santos, nid, date(2024, 9, 5))
    concluded = records.closing_records(db, kim, nid).arrangement
    closing.set_encoding(
        db,
        kim,
        nid,
        skeleton(
            "kr-ph",
            "Korea–Philippines Agreement on Social Security",
            ["KR", "PH"],
            ["old_age", "invalidity", "survivors"],
            ROLES,
            concluded.model_dump(mode="json") if concluded else None,
        ),
    )
    workspace.take_step(db, kim, nid, "enter_into_force", _version(db, kim, nid))
    return nid


def _in_negotiations(db: Database, people: _Actors) -> int:
    nid = _open(
        db,
        people,
        "priya_nair",
        "joao_silva",
        title="India–Brazil Social Security Agreement",
        parties=["IN", "BR"],
        branches=["old_age", "invalidity", "survivors"],
        drafting_party="IN",
        own_party="IN",
    )
    nair, silva = people["priya_nair"], people["joao_silva"]
    _through_step_two(db, people, nid, "priya_nair", "joao_silva")
    rounds.create_round(db, silva, nid, held_on=date(2026, 3, 9), host_party="BR", participants=[])
    rounds.raise_point(
        db,
        silva,
        nid,
        article="5",
        subject="posting limit",
        positions={"IN": "60 months", "BR": "24 months, extendable by 12"},
        round_number=1,
    )
    rounds.raise_point(
        db,
        nair,
        nid,
        article="6",
        subject="totalization of provident fund periods",
        positions={"IN": "EPF membership counts", "BR": "only pension insurance periods"},
    )
    workspace.add_note(db, nair, nid, "Fallback position on postings: 48 months.")
    return nid


def _suspended(db: Database, people: _Actors) -> int:
    nid = _open(
        db,
        people,
        "sami_ben_ali",
        "youssef_amrani",
        title="Tunisia–Morocco Convention on Social Security",
        parties=["TN", "MA"],
        branches=["old_age", "survivors", "family"],
        drafting_party="TN",
        own_party="TN",
    )
    ben_ali, amrani = people["sami_ben_ali"], people["youssef_amrani"]
    _through_step_two(db, people, nid, "sami_ben_ali", "youssef_amrani")
    drafts.initial(db, ben_ali, nid, 1)
    drafts.initial(db, amrani, nid, 1)
    workspace.take_step(db, ben_ali, nid, "conclude_negotiations", _version(db, ben_ali, nid))
    closing.record_review(
        db,
        amrani,
        nid,
        authority="Ministry of Justice",
        outcome="modifications_requested",
        modifications="Family benefits: children residing in a third State.",
    )
    closing.choose_outcome(db, ben_ali, nid, "suspend", _version(db, ben_ali, nid))
    return nid
