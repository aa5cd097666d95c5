"""Refusals in words: the rule a service refused by, explained in the visitor's language.

A refusal carries the name of its rule (``read_only_after_entry_into_force``, …, the names the
README documents) and an English detail. The page shows the rule's explanation from this
table, translated, followed by the detail where the table has no entry for the rule.
"""

from coordina.errors import CoordinaError
from coordina.web.i18n import N_, _

# rule -> what it means, in the source language (translated when shown); areas ``register`` theirs
EXPLANATIONS: dict[str, str] = {
    "credentials": N_("The user name or the password is wrong."),
    "login_throttled": N_("Too many failed sign-ins: wait a moment and try again."),
    "participant": N_("You take no part in this negotiation."),
    "read_only_after_entry_into_force": N_(
        "The agreement is in force: its text, signatures and records can no longer change; an amendment "
        "opens a new negotiation."
    ),
    "optimistic_lock": N_("Someone saved a change a moment ago: reload the page and apply yours again."),
    "compute_busy": N_("Every computation slot is busy: try again in a few seconds."),
}


def register(explanations: dict[str, str]) -> None:
    """An area's rules and their explanations (marked with ``N_``), added when its pages load."""
    EXPLANATIONS.update(explanations)


def explain(error: CoordinaError) -> str:
    """What the visitor is told about ``error``: its rule explained, else its own message."""
    known = EXPLANATIONS.get(error.rule)
    return _(known) if known else error.message
