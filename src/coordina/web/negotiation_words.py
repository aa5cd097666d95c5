"""The words of the negotiation pages: steps, statuses, roles, events, outcomes, checklist items
and the explanations of the process's rules (registered with ``refusals`` at import).

The names are those of ``coordina.domain.negotiation`` (the eight steps of the ILO brief,
'Negotiating a social security agreement') and ``coordina.domain.permissions``; the guards are
those of ``coordina.services.negotiation.guards``; the checklist items those of
``coordina.services.negotiation.profiles.CHECKLIST`` (ILO brief, step 1, items 1-5).
"""

from coordina.web import refusals
from coordina.web.i18n import N_, _
from coordina.web.vocabulary import BRANCHES as BRANCHES  # the templates read words.BRANCHES

STEPS = {
    1: N_("Preliminary discussions"),
    2: N_("Initial draft"),
    3: N_("Negotiations"),
    4: N_("Review"),
    5: N_("Signing"),
    6: N_("Approval or ratification"),
    7: N_("Administrative arrangement"),
    8: N_("Entry into force"),
}
STATUSES = {
    "active": N_("Active"),
    "suspended": N_("Suspended"),
    "abandoned": N_("Abandoned"),
    "cancelled": N_("Cancelled"),
    "in_force": N_("In force"),
}
ROLES = {
    "head": N_("Head of delegation"),
    "member": N_("Member"),
    "observer": N_("Observer"),
    "facilitator": N_("Facilitator"),
}
EVENTS = {
    "complete_preliminary_discussions": N_("Complete the preliminary discussions"),
    "start_negotiations": N_("Start the negotiations"),
    "conclude_negotiations": N_("Conclude the negotiations"),
    "approve_reviewed_text": N_("Approve the reviewed text"),
    "repeat_negotiations": N_("Repeat the negotiations"),
    "complete_signing": N_("Complete the signing"),
    "complete_approval": N_("Complete the approval"),
    "enter_into_force": N_("Enter into force"),
}
OUTCOMES = {  # domain.negotiation.ReviewOutcome (ILO brief, step 4)
    "repeat_negotiations": N_("Repeat the negotiations (back to step 3)"),
    "suspend": N_("Suspend the negotiations for a time"),
    "abandon": N_("Abandon the negotiations"),
    "cancel": N_("Officially cancel the negotiations"),
}
CHECKLIST = {  # profiles.CHECKLIST, and item 1 kept on the delegation
    "representatives": N_("Representatives of the ministries and institutions concerned"),
    "personal_scope": N_(
        "Personal scope of the relevant laws (migrants, domestic and agricultural workers, refugees…)"
    ),
    "material_scope": N_("Material scope: the branches the laws cover"),
    "schemes": N_("Schemes: contributory or not, general or specific, public or private"),
    "eligibility_and_calculation": N_("Eligibility requirements, minimum conditions and calculation methods"),
    "other_information": N_("Any other relevant information"),
    "other_policies": N_("Other relevant policies and laws (migration, employment, formalisation, health…)"),
    "principle_preferences": N_("Preferences on the key principles"),
    "target_group_and_exclusions": N_("The target group of the agreement and any exclusions"),
}
ACTIONS = {  # the audit log's actions (services.negotiation.*, services.accounts.invitations)
    "open_negotiation": N_("Opened the negotiation"),
    "add_member": N_("Added a member"),
    "set_representatives": N_("Set the representatives"),
    "update_profile": N_("Updated a country profile"),
    "add_note": N_("Added a delegation note"),
    "invite": N_("Invited someone"),
    "accept_invitation": N_("Accepted an invitation"),
    "create_draft": N_("Created a draft"),
    "share_draft": N_("Shared a draft"),
    "initial": N_("Initialled the text"),
    "consent_to_change": N_("Consented to a change"),
    "create_round": N_("Opened a round"),
    "record_minutes": N_("Recorded minutes"),
    "raise_point": N_("Raised a contentious point"),
    "settle_point": N_("Settled a contentious point"),
    "record_review": N_("Recorded a review"),
    "agree_modifications": N_("Agreed the modifications"),
    "review_outcome": N_("Chose the outcome of the review"),
    "resume": N_("Resumed the negotiations"),
    "set_languages": N_("Set the official languages"),
    "sign": N_("Signed"),
    "ratify": N_("Approved or ratified"),
    "conclude_arrangement": N_("Concluded the administrative arrangement"),
    "sign_arrangement": N_("Signed the administrative arrangement"),
    "set_encoding": N_("Set the encoding for the engine"),
    "entry_into_force": N_("The agreement entered into force"),
    **EVENTS,
}
GUARDS = {  # services.negotiation.guards: what must hold before the next step
    "every_party_has_a_head_of_delegation": N_("Every party needs a head of delegation."),
    "a_draft_is_shared_with_every_party": N_("A draft must first be shared with every party."),
    "no_open_contentious_points": N_("Every contentious point must be settled first (none open or postponed)."),
    "every_head_initialled_the_current_text": N_("Every head of delegation must initial the current text first."),
    "every_party_reviewed_without_open_modifications": N_(
        "Every party's authorities must review the text, and every modification they request be agreed by all."
    ),
    "every_party_signed": N_("Every party must sign first."),
    "every_party_approved_or_ratified": N_("Every party must approve or ratify the agreement first."),
    "administrative_arrangement_signed": N_("The administrative arrangement must be signed first."),
}
RULES = {  # domain.permissions.refusal and the workspace's own checks
    "step_order": N_("This is not possible in the negotiation's current step: the eight steps follow one another."),
    "status": N_("This is not possible while the negotiation is suspended, abandoned, cancelled or in force."),
    "resume_suspended": N_("Only a suspended negotiation can be resumed."),
    "role": N_("Your role in this negotiation does not allow this: observers read, heads and members write."),
    "heads_add_members": N_("Only a head of delegation adds members."),
    "heads_move_the_process": N_("Only a head of delegation moves the negotiation to another step or status."),
    "own_delegation": N_("You act for your own delegation only."),
    "one_role": N_("This person already takes part in this negotiation, with one role."),
    "facilitator": N_("A facilitator belongs to no party's delegation: choose no party."),
    "party": N_("Choose the delegation's party."),
    "representatives": N_("Each representative needs a name and an institution."),
    "checklist": N_("Only the checklist's items can be recorded in a country profile."),
    "parties": N_("A negotiation has two or more different parties, among them the drafting party and yours."),
    "branches": N_("Name the branches of social security in scope."),
    "vocabulary": N_("A party is an ISO 3166 code (BR, CA-QC…) and a branch one of the nine of Convention No. 102."),
    "amendment_parties": N_("An amendment is negotiated between the parties of the agreement it amends."),
    "user": N_("There is no user of that name."),
    **GUARDS,
}
refusals.register(RULES)


def label(table: dict[str, str] | dict[int, str], key: object) -> str:
    """The translated word for ``key`` in ``table``, else the key itself (never a blank)."""
    found = table.get(key)  # type: ignore[call-overload]
    return _(found) if found else str(key)
