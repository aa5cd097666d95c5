"""The one door to the engine: every interface (CLI, API, the package's ``coordina.compute``)
applies an agreement to a case through ``compute`` here.

It resolves the agreement — an Agreement given as is, a path to a YAML file, a bundled id, or
an agreement negotiated and in force in the workspace — loads the national schemes, and calls
``coordina.rules.engine.compute(case, agreement, schemes)``.
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from coordina.catalog.loading import Library
from coordina.domain import Agreement
from coordina.domain.case import Case
from coordina.domain.decision import Decision
from coordina.errors import CaseError
from coordina.rules import engine
from coordina.services import catalog

if TYPE_CHECKING:
    from coordina.store.db import Database

Workspace = Callable[[], "Database"]  # opens the workspace database, only when it is needed


def compute(
    case: Case | Mapping[str, Any],
    agreement_id: Agreement | str | None = None,
    *,
    library: Library | None = None,
    workspace: Workspace | None = None,
) -> Decision:
    """The engine's decision on ``case`` under the agreement, with its trace.

    ``agreement_id`` defaults to the case's own ``agreement``; ``library`` to the bundled one;
    with ``workspace``, agreements negotiated and in force there are found too. Raises
    ``CaseError`` for a case that cannot be decided, ``NotFound`` for an unknown agreement.
    """
    if not isinstance(case, Case):
        case = Case.model_validate(case)
    chosen = agreement_id if agreement_id is not None else case.agreement
    if chosen is None:
        raise CaseError("agreement", "no agreement given, and the case names none")
    catalogue = library if library is not None else catalog.library()
    agreement = (
        chosen if isinstance(chosen, Agreement) else resolve_agreement(chosen, catalogue, workspace, case.claim.date)
    )
    return engine.compute(case, agreement, catalogue.schemes, earlier_texts(agreement, catalogue))


def earlier_texts(agreement: Agreement, library: Library) -> list[Agreement]:
    """The bundled texts of the agreement in force before ``agreement`` (oldest first)."""
    root = agreement.version_of or agreement.id
    if root not in library.agreements or agreement.in_force is None:
        return []
    return [text for text in library.versions(root) if text.in_force is not None and text.in_force < agreement.in_force]


def resolve_agreement(
    id_or_path: str, library: Library, workspace: Workspace | None = None, on: date | None = None
) -> Agreement:
    """A YAML file by path; else a bundled id; else one negotiated and in force in the workspace.

    A bundled agreement with several texts (``version_of``) gives the one in force ``on`` the
    claim date. An id unknown everywhere is ``NotFound`` with the bundled ids listed.
    """
    if catalog.is_path(id_or_path):
        return catalog.agreement(id_or_path)
    if id_or_path in library.agreements:
        named = library.agreements[id_or_path]
        if on is None or named.version_of is not None:
            return named  # a version named by its own id is applied as named
        return library.version_on(id_or_path, on)  # the text in force on the claim date
    if workspace is not None:
        from coordina.services.library import in_force_agreements  # the store, only when it is needed

        negotiated = in_force_agreements(workspace())
        if id_or_path in negotiated:
            return negotiated[id_or_path]
    return library.agreement(id_or_path)
