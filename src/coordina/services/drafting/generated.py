"""Generated drafts in use: from options with the bundled templates, read from and written to
JSON files, and stored as a draft of a negotiation (step 2, ``negotiation.drafts.create_draft``)."""

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coordina.catalog.validation import read_model
from coordina.domain.drafting.draft import GeneratedDraft
from coordina.domain.drafting.options import DraftLanguage, DraftOptions
from coordina.errors import Refused
from coordina.services import catalog
from coordina.services.drafting.generate import generate
from coordina.services.drafting.templates import LANGUAGES, party_names, templates
from coordina.services.negotiation import drafts, workspace
from coordina.services.negotiation.views import DraftView
from coordina.store.db import Database


def draft_from_options(options: DraftOptions, previous: GeneratedDraft | None = None) -> GeneratedDraft:
    """The draft ``options`` call for; given the ``previous`` version, its lineage (and wIds) carry on."""
    names = party_names(list(options.parties), list(options.languages))
    for language, overrides in options.party_names.items():
        names.setdefault(language, {}).update(overrides)
    lineage = previous.lineage if previous is not None else None
    return generate(options, templates(list(options.languages)), names, lineage=lineage)


def read_options(path: Path) -> DraftOptions:
    """Options from a YAML or JSON file, read with the data files' limits; errors give file, line and field."""
    return read_model(DraftOptions, path)


def options_from(path: Path | None, base: dict[str, Any] | None = None, **overrides: Any) -> DraftOptions:
    """Options from a file (or none), with the command line's values (not None) over the file's.

    ``base`` holds defaults under the file (a negotiation's parties and branches). Without base or
    overrides, problems name the file, line and field; with them, ``Refused`` names the field.
    """
    given = {name: value for name, value in overrides.items() if value is not None}
    if path is not None and not given and not base:
        return read_options(path)
    data = catalog.read_data(path) if path is not None else {}
    if not isinstance(data, dict):
        raise Refused("draft_options", "the options file holds a mapping of option names to values")
    try:
        return DraftOptions.model_validate({**(base or {}), **data, **given})
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "options"
        raise Refused("draft_options", f"{field}: {first['msg']}") from None


def negotiation_defaults(db: Database, user_id: int, negotiation_id: int) -> dict[str, Any]:
    """The parties and branches the negotiation was opened for (step 1), and its official languages
    that the templates are written in, as option defaults."""
    view = workspace.get(db, user_id, negotiation_id)
    defaults: dict[str, Any] = {"parties": list(view.parties), "branches": list(view.branches)}
    languages = [lang for lang in view.official_languages if lang in LANGUAGES]
    if languages:
        defaults["languages"] = languages
    return defaults


def write_draft(draft: GeneratedDraft, path: Path) -> None:
    path.write_text(draft.model_dump_json(indent=2) + "\n", encoding="utf-8")


def read_draft(path: Path) -> GeneratedDraft:
    """A draft JSON file written by ``write_draft`` (``coordina drafting generate --out``)."""
    return read_model(GeneratedDraft, path)


def store_draft(
    db: Database,
    user_id: int,
    negotiation_id: int,
    draft: GeneratedDraft,
    *,
    kind: str = "initial",
    language: DraftLanguage | None = None,
) -> DraftView:
    """The generated draft as a version of the negotiation's text (articles with eid, wid, texts)."""
    return drafts.create_draft(db, user_id, negotiation_id, kind=kind, articles=draft.stored_articles(language))
