"""The words of the text and closing pages (ILO brief, steps 2 to 8): draft kinds, contentious
points' statuses, signatories' capacities, approval procedures, and the explanations of the
rules the draft, round and closing services refuse by (registered with ``refusals`` at import).

The values are those of ``coordina.domain.negotiation`` (``PointStatus``, ``ApprovalProcedure``,
``SIGNING_WITHOUT_FULL_POWERS``) and ``coordina.domain.permissions.DRAFT_WRITES``.
"""

from coordina.web import refusals
from coordina.web.i18n import N_, _

KINDS = {
    "initial": N_("Initial draft (drafting party)"),
    "counterproposal": N_("Counterproposal"),
    "revision": N_("Revision"),
    "change": N_("Change of the initialled text"),
}
POINT_STATUSES = {
    "open": N_("Open"),
    "resolved_in_round": N_("Resolved in a round"),
    "postponed": N_("Postponed to the next round"),
    "resolved_by_correspondence": N_("Settled by an exchange of correspondence"),
}
CAPACITIES = {  # the first three sign without full powers (ILO brief, step 5)
    "head_of_state": N_("Head of State"),
    "head_of_government": N_("Head of Government"),
    "minister_of_foreign_affairs": N_("Minister of Foreign Affairs"),
    "minister_of_labour": N_("Minister of Labour or Social Affairs"),
    "ambassador": N_("Ambassador"),
    "other_official": N_("Other official"),
}
REVIEW_OUTCOMES = {
    "approved": N_("Approved"),
    "modifications_requested": N_("Modifications requested"),
}
PROCEDURES = {
    "parliamentary_vote": N_("Parliamentary vote"),
    "council_of_ministers": N_("Council of Ministers"),
    "enacting_legislation": N_("Enacting legislation"),
}
RULE_KINDS = {
    "first_day_of_nth_month_after_last_notification": N_(
        "the first day of month %(n)s after the month of the last notification"
    ),
    "first_day_of_nth_month_after_exchange_of_instruments": N_(
        "the first day of month %(n)s after the month of the exchange of the instruments"
    ),
    "nth_day_after_deposit": N_("%(n)s days after the deposit"),
}


def word(table: dict[str, str], value: str | None) -> str:
    """``value`` in words, translated; a value the table does not know is shown as it is."""
    if value is None:
        return _("not recorded")
    return _(table[value]) if value in table else value


def rule_in_words(rule: dict[str, object]) -> str:
    """The entry-into-force rule of the negotiation in words ("unknown" when it has none)."""
    kind, n = rule.get("kind"), rule.get("months", rule.get("days"))
    if not isinstance(kind, str) or kind not in RULE_KINDS or not isinstance(n, int):
        return _("unknown: the negotiation states no rule the service computes")
    return _(RULE_KINDS[kind]) % {"n": n}


refusals.register(
    {
        "draft_kind": N_("Choose what kind of draft this is."),
        "modifications_agreed_by_all": N_(
            "Record the modified text as a change draft and have every party consent to it before agreeing the "
            "modifications."
        ),
        "draft_content": N_("Give the articles of the draft, or a library agreement to start from."),
        "articles": N_("A draft has at least one article, and its articles have different numbers."),
        "drafting_party": N_("The initial draft is prepared by the drafting party (ILO brief, step 2)."),
        "initialled_text_frozen": N_(
            "The text is initialled: it no longer changes by revision; propose a change, which needs every "
            "party's consent."
        ),
        "change_needs_initialled_text": N_("Before initialling, the text changes by revision, not by a change."),
        "own_draft": N_("A draft is shared by the delegation that prepared it."),
        "initial_current_text": N_("Only the current text can be initialled."),
        "initial_once": N_("Your delegation has already initialled this draft."),
        "content_hash": N_("The draft's content does not match its fingerprint: it cannot be initialled."),
        "only_heads_initial": N_("Only a head of delegation initials the agreed text."),
        "only_heads_consent": N_("Only a head of delegation consents to a change of the initialled text."),
        "consent_to_changes": N_("Consent is given to a change of the initialled text."),
        "host_arranges_the_round": N_("A round is arranged by the host party's delegation."),
        "host_drafts_minutes": N_("The minutes are drafted by the host of the round (ILO brief, step 3)."),
        "participants": N_("The minutes list the participants."),
        "positions": N_("Positions are stated by the parties to the negotiation."),
        "point_status": N_("A point is resolved in a round, postponed, or settled by correspondence."),
        "point_round": N_("Name the round in which the point was resolved or to which it is postponed."),
        "correspondence_recorded": N_("Record the exchange of correspondence that settled the point."),
        "resolution_recorded": N_("Record how the point was resolved."),
        "review_outcome": N_("A review approves the text or requests modifications."),
        "modifications_stated": N_("Say which modifications are requested."),
        "official_languages": N_("Agree on the official languages of the authentic texts first."),
        "translations": N_("Translations are into the official languages."),
        "full_powers": N_(
            "A signatory who is not Head of State, Head of Government or Minister of Foreign Affairs needs an "
            "instrument of full powers (ILO brief, step 5)."
        ),
        "sign_once": N_("Your party has already signed."),
        "only_heads_sign": N_("Only a head of delegation signs."),
        "notification_after_approval": N_("The notification follows the approval."),
        "form": N_("Each form needs a name, a branch and the personal data it collects."),
        "data_protection": N_("State the data-protection provisions of the arrangement."),
        "arrangement": N_("Conclude the administrative arrangement first."),
        "arrangement_signed": N_("The arrangement is signed and can no longer change."),
        "arrangement_after_agreement": N_("The arrangement implements the agreement: it is not signed before it."),
        "encoding": N_("The encoding is not a valid agreement of the library."),
        "encoding_parties": N_("The encoding's parties are the negotiation's parties."),
        "agreement_id": N_("This agreement id is already taken: choose another."),
        "amends": N_("The encoding does not match the agreement this negotiation amends."),
    }
)
