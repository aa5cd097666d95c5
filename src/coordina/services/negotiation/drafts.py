"""Drafts (steps 2-4): versions of the text by articles, never overwritten, compared article by
article; after initialling, a change needs every party's consent."""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from coordina.domain.permissions import DRAFT_WRITES, Write
from coordina.services import catalog
from coordina.services.errors import Forbidden, NotFound, Refused
from coordina.services.negotiation.access import Acting, acting, retry_on_collision
from coordina.services.negotiation.views import ArticleChange, ArticleText, DraftView
from coordina.store.db import Database
from coordina.store.tables import Consent, Draft, Initialling

KINDS = tuple(DRAFT_WRITES)


def content_hash(articles: list[dict[str, Any]]) -> str:
    """SHA-256 of the articles in a canonical form: the fingerprint initials are given to."""
    canonical = json.dumps(articles, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def articles_from_library(agreement_id: str) -> list[dict[str, Any]]:
    """A starting text from a library agreement or the ILO R167 model: its articles and summaries."""
    agreement = catalog.library().agreement(agreement_id)  # an id only: never a path on the server
    return [
        {"number": a.number, "heading": a.heading, "text": a.summary or f"[text of Article {a.number} to be drafted]"}
        for a in agreement.articles
    ]


@retry_on_collision
def create_draft(db: Database, user_id: int, negotiation_id: int, *, kind: str,
                 articles: list[dict[str, Any]] | None = None, based_on: str | None = None) -> DraftView:  # fmt: skip
    if kind not in KINDS:
        raise Refused("draft_kind", f"a draft is one of {', '.join(KINDS)}")
    if articles is None:
        if based_on is None:
            raise Refused("draft_content", "give the articles, or a library agreement to start from")
        try:
            articles = articles_from_library(based_on)
        except KeyError as error:
            raise NotFound("library", str(error.args[0])) from None
    checked = [ArticleText.model_validate(a).stored() for a in articles]
    numbers = [a["number"] for a in checked]
    if not checked or len(set(numbers)) != len(numbers):
        raise Refused("articles", "a draft has articles with distinct numbers")
    with acting(db, negotiation_id, user_id) as act:
        _check_kind(act, kind)
        act.hold()  # no concurrent draft takes the same number
        number = (act.session.scalar(select(func.max(Draft.number)).where(Draft.negotiation_id == negotiation_id))
                  or 0) + 1  # fmt: skip
        draft = Draft(negotiation_id=negotiation_id, number=number, kind=kind, party=act.party, based_on=based_on,
                      articles=checked, content_hash=content_hash(checked), created_by=user_id)  # fmt: skip
        act.session.add(draft)
        act.session.flush()
        act.audit("create_draft", draft=number, kind=kind, party=act.party, based_on=based_on)
        return DraftView.of(draft)


def _check_kind(act: Acting, kind: str) -> None:
    act.allow(DRAFT_WRITES[kind])
    if kind == "initial":
        if act.party != act.negotiation.drafting_party:
            raise Forbidden("drafting_party", f"the initial draft is prepared by {act.negotiation.drafting_party}")
    elif kind == "revision":
        if text_is_initialled(act):
            raise Refused("initialled_text_frozen", "the text is initialled: propose a 'change', which needs "
                          "every party's consent")  # fmt: skip
    elif kind == "change" and not text_is_initialled(act):  # a change follows initialling
        raise Refused("change_needs_initialled_text", "before initialling, revise the draft instead")


def text_is_initialled(act: Acting) -> bool:
    """Whether every party initialled the current text (or consented to a change of it)."""
    current = current_draft(act)
    if current is None:
        return False
    if current.kind == "change":
        return True  # a consented change of an initialled text
    parties = act.session.scalars(
        select(Initialling.party).where(
            Initialling.draft_id == current.id, Initialling.content_hash == current.content_hash
        )
    )
    return set(parties) >= set(act.negotiation.parties)


def current_draft(act: Acting) -> Draft | None:
    """The latest draft, leaving out changes that not every party has consented to yet."""
    drafts = act.session.scalars(select(Draft).where(Draft.negotiation_id == act.negotiation.id)
                                 .order_by(Draft.number.desc())).all()  # fmt: skip
    for draft in drafts:
        if draft.kind != "change" or consented_by_all(act, draft):
            return draft
    return None


def consented_by_all(act: Acting, draft: Draft) -> bool:
    parties = act.session.scalars(select(Consent.party).where(Consent.draft_id == draft.id))
    return set(parties) >= set(act.negotiation.parties)


def share_draft(db: Database, user_id: int, negotiation_id: int, draft_number: int) -> DraftView:
    """Share a draft with every party, recording the date (well in advance of the negotiations)."""
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.share_draft)
        draft = _draft(act, draft_number)
        if draft.party != act.party:
            raise Forbidden("own_draft", f"draft {draft_number} is {draft.party}'s to share")
        if draft.shared_at is None:
            draft.shared_at = datetime.now(UTC)
            act.audit("share_draft", draft=draft_number)
        return DraftView.of(draft)


def initial(db: Database, user_id: int, negotiation_id: int, draft_number: int) -> DraftView:
    """The head of delegation initials the agreed text; the initials hold its content hash."""
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.initial)
        draft = _draft(act, draft_number)
        current = current_draft(act)
        if current is None or current.id != draft.id:
            raise Refused("initial_current_text", f"only the current draft ({current.number if current else '-'}) "
                          "can be initialled")  # fmt: skip
        if content_hash(draft.articles) != draft.content_hash:
            raise Refused("content_hash", "the draft's content does not match its hash")
        assert act.party is not None
        if act.session.scalar(select(Initialling).where(Initialling.draft_id == draft.id,
                                                        Initialling.party == act.party)):  # fmt: skip
            raise Refused("initial_once", f"{act.party} has already initialled draft {draft_number}")
        act.session.add(Initialling(negotiation_id=negotiation_id, draft_id=draft.id, party=act.party,
                                    user_id=user_id, content_hash=draft.content_hash))  # fmt: skip
        act.audit("initial", draft=draft_number, party=act.party, content_hash=draft.content_hash)
        return DraftView.of(draft)


def consent_to_change(db: Database, user_id: int, negotiation_id: int, draft_number: int) -> DraftView:
    """A head's consent, for the party, to a change of the initialled text."""
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.consent_to_change)
        draft = _draft(act, draft_number)
        if draft.kind != "change":
            raise Refused("consent_to_changes", "consent is given to a 'change' draft")
        assert act.party is not None
        if not act.session.scalar(select(Consent).where(Consent.draft_id == draft.id, Consent.party == act.party)):
            act.session.add(Consent(negotiation_id=negotiation_id, draft_id=draft.id, party=act.party,
                                    user_id=user_id))  # fmt: skip
            act.audit("consent_to_change", draft=draft_number, party=act.party)
        return DraftView.of(draft)


def get_draft(db: Database, user_id: int, negotiation_id: int, draft_number: int) -> DraftView:
    with acting(db, negotiation_id, user_id, write=False) as act:
        return DraftView.of(_draft(act, draft_number))


def list_drafts(db: Database, user_id: int, negotiation_id: int) -> list[DraftView]:
    with acting(db, negotiation_id, user_id, write=False) as act:
        rows = act.session.scalars(select(Draft).where(Draft.negotiation_id == negotiation_id).order_by(Draft.number))
        return [DraftView.of(d) for d in rows]


def compare(db: Database, user_id: int, negotiation_id: int, first: int, second: int) -> list[ArticleChange]:
    """Article by article: added, removed and changed articles from ``first`` to ``second``."""
    with acting(db, negotiation_id, user_id, write=False) as act:
        before = {a["number"]: a for a in _draft(act, first).articles}
        after = {a["number"]: a for a in _draft(act, second).articles}
    changes = []
    for number in list(dict.fromkeys([*before, *after])):
        old, new = before.get(number), after.get(number)
        if old is None:
            changes.append(ArticleChange(article=number, change="added", after=_text(new)))
        elif new is None:
            changes.append(ArticleChange(article=number, change="removed", before=_text(old)))
        elif old != new:
            changes.append(ArticleChange(article=number, change="changed", before=_text(old), after=_text(new)))
    return changes


def _text(article: dict[str, Any] | None) -> str | None:
    if article is None:
        return None
    heading = f"{article['heading']}: " if article.get("heading") else ""
    return heading + str(article["text"])


def _draft(act: Acting, number: int) -> Draft:
    draft = act.session.scalar(select(Draft).where(Draft.negotiation_id == act.negotiation.id,
                                                   Draft.number == number))  # fmt: skip
    if draft is None:
        raise NotFound("draft", f"no draft {number} in this negotiation")
    return draft
