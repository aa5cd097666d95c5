"""A social security agreement as data: scope, principles, the provisions implementing
them, the bodies that apply it, and the articles every provision cites."""

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from coordina.domain.forms.arrangement import ArrangementForm, DataProtection
from coordina.domain.forms.identifiers import BodyId
from coordina.domain.legal import ArticleNumber, Citation
from coordina.domain.party import Party
from coordina.domain.provisions import (
    ApplicableLegislation,
    CalculationRule,
    EntryIntoForceRule,
    ExportProvision,
    PrincipleProvision,
    Totalization,
)
from coordina.domain.scope import Exclusion, MaterialScopeEntry, PersonalScope
from coordina.domain.vocabulary import AgreementKind, Branch, Principle

AgreementId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
"""Short readable id: ``ca-nl``, ``au-kr``, ``mercosur``, ``ilo-r167-model``."""

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
"""ISO 639-1 (or 639-2) language code."""


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Article(_Part):
    number: ArticleNumber
    heading: str | None = None
    summary: str | None = Field(default=None, description="Our own summary of the article, never the treaty's wording.")
    source: str | None = Field(
        default=None,
        description="Where number and content were read; 'unverified' if not confirmed.",
    )

    @property
    def eid(self) -> str:
        return Citation(article=self.number).eid


class Definition(_Part):
    term: str = Field(min_length=1)
    meaning: str = Field(min_length=1, description="Our own summary of the definition.")
    article: Citation


class InstrumentKind(StrEnum):
    original = "original"
    amending = "amending"  # amending protocol or agreement
    supplementary = "supplementary"
    replacement = "replacement"


class Instrument(_Part):
    """One instrument in the agreement's history (original, amendments, replacement)."""

    kind: InstrumentKind
    title: str = Field(min_length=1)
    signed: date | None = None
    signed_at: str | None = None
    in_force: date | None = None
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _in_force_after_signature(self) -> "Instrument":
        for loc, message in _order_problems(self.signed, self.in_force):
            raise PydanticCustomError("end_before_start", message, {"at": loc})
        return self


class Body(_Part):
    """A competent authority, competent institution or liaison agency."""

    id: BodyId | None = Field(
        default=None,
        description="Stable id '<party>:<slug>' (e.g. 'AU:services-australia'), unique in the agreement; the same"
        " id in two lists is one body in two roles. Documents name their sender and recipient by it.",
    )
    party: Party
    name: str = Field(min_length=1)
    branches: list[Branch] = Field(default=[], description="Branches it deals with; empty: all.")

    @model_validator(mode="after")
    def _id_of_its_party(self) -> "Body":
        if self.id is not None and self.id.split(":", 1)[0] != self.party:
            raise PydanticCustomError(
                "body_id_party", "id {id} does not start with the body's party {party}",
                {"id": self.id, "party": self.party, "at": ("id",)},
            )  # fmt: skip
        return self


class AdministrativeArrangement(_Part):
    title: str = Field(min_length=1)
    signed: date | None = None
    signed_at: str | None = None
    source: str = Field(min_length=1)
    article: Citation | None = Field(default=None, description="The article providing for it.")
    forms: list[ArrangementForm] = Field(
        default=[], max_length=50, description="The forms it names: purpose, fields collected, retention."
    )
    data_protection: DataProtection | None = Field(
        default=None, description="The provision on personal data exchanged under the agreement."
    )


class SpecialProvision(_Part):
    """A notable provision (the brief's 'observations'), e.g. rules for posted workers."""

    topic: str = Field(min_length=1, description="Short label, e.g. 'posted workers'.")
    description: str = Field(min_length=1)
    article: Citation | None = None


_PARTY_COUNT = {AgreementKind.bilateral: (2, 2), AgreementKind.multilateral: (3, 99)}


class Agreement(BaseModel):
    """A social security agreement, with every provision citing its article."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: AgreementId
    title: str = Field(min_length=1)
    short_title: str = Field(min_length=1)
    kind: AgreementKind
    parties: list[Party] = Field(description="Empty only for a model agreement.")
    languages: list[LanguageCode] = Field(min_length=1)
    signed: date | None = None
    signed_at: str | None = None
    in_force: date | None = None
    history: list[Instrument] = []
    version_of: AgreementId | None = Field(
        default=None,
        description="This file is an earlier (or later) text of that agreement: its own articles and rules, applied"
        " to claims from its in_force until the next version's.",
    )
    version: str | None = Field(
        default=None, description="The text this file encodes, e.g. '1987 agreement as amended'."
    )
    registry_id: str | None = Field(default=None, description="Row id in the worldwide registry.")
    sources: list[str] = Field(min_length=1)
    articles: list[Article] = Field(min_length=1)
    definitions: list[Definition] = []
    personal_scope: PersonalScope
    material_scope: list[MaterialScopeEntry] = Field(min_length=1)
    exclusions: list[Exclusion] = []
    principles: list[PrincipleProvision] = Field(min_length=1)
    applicable_legislation: ApplicableLegislation | None = None
    totalization: Totalization | None = None
    calculation: list[CalculationRule] = []
    export: list[ExportProvision] = []
    competent_authorities: list[Body] = []
    competent_institutions: list[Body] = []
    liaison_agencies: list[Body] = []
    administrative_arrangement: AdministrativeArrangement | None = None
    entry_into_force: EntryIntoForceRule | None = None
    special_provisions: list[SpecialProvision] = []
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> "Agreement":
        found = [
            *_party_count_problems(self.kind, self.parties),
            *_order_problems(self.signed, self.in_force),
            *_duplicate_article_problems(self.articles),
            *_foreign_party_problems(self),
            *_principle_problems(self),
            *_body_id_problems(self),
        ]
        if (info.context or {}).get("articles") is None:  # else the loader checked them
            found += _citation_problems(self)
        if found:
            (loc, message), *more = found
            # Every problem at once: the loader reports the ones in "more" too.
            raise PydanticCustomError("agreement", message, {"at": loc, "more": more})
        return self

    def article(self, number: str) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)

    def body(self, id: str) -> Body | None:
        """The competent authority, institution or liaison agency with that id."""
        return next((b for _, b in self.bodies() if b.id == id), None)

    def bodies(self) -> Iterator[tuple[str, Body]]:
        """Every body with its role: ``competent_authorities``, ``competent_institutions`` or ``liaison_agencies``."""
        for role in _BODY_ROLES:
            for body in getattr(self, role):
                yield role, body

    def principle_set(self) -> set[Principle]:
        return {p.principle for p in self.principles}

    def branches_of(self, party: str) -> set[Branch]:
        """Branches of ``party``'s legislation within the material scope."""
        return {e.branch for e in self.material_scope if e.party in (party, None)}


Found = list[tuple[tuple[Any, ...], str]]
"""Problems as (location, message): the model reports all of them, not just the first."""


def _order_problems(signed: date | None, in_force: date | None) -> Found:
    if signed is not None and in_force is not None and in_force < signed:
        return [(("in_force",), f"in_force {in_force} is before the signature {signed}")]
    return []


def _party_count_problems(kind: AgreementKind, parties: list[str]) -> Found:
    low, high = (0, 0) if kind is AgreementKind.model else _PARTY_COUNT[kind]
    found: Found = []
    if not low <= len(parties) <= high:
        wanted = "no parties" if high == 0 else f"{low} parties" if low == high else f"{low} or more parties"
        found.append((("parties",), f"a {kind.value} agreement has {wanted}, not {len(parties)}"))
    if len(set(parties)) != len(parties):
        found.append((("parties",), "a party is listed twice"))
    return found


def _duplicate_article_problems(articles: list[Article]) -> Found:
    seen: set[str] = set()
    found: Found = []
    for index, article in enumerate(articles):
        if article.number in seen:
            found.append((("articles", index, "number"), f"article {article.number} is listed twice"))
        seen.add(article.number)
    return found


def walk(model: BaseModel, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str, Any]]:
    """Every field of a model tree, as (location, field name, value)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield (*loc, name), name, value
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                sub = (*loc, name) if index is None else (*loc, name, index)
                yield from walk(item, sub)


def _foreign_party_problems(agreement: Agreement) -> Found:
    if agreement.kind is AgreementKind.model:
        allowed: set[str | None] = {None}
    else:
        allowed = {None, *agreement.parties}
    found: Found = []
    for loc, name, value in walk(agreement):
        if loc[0] == "parties" or name not in ("party", "counts_from"):
            continue
        for party in value if isinstance(value, list) else [value]:
            if party not in allowed:
                found.append((loc, f"{party} is not a party to this agreement"))
    return found


def _citation_problems(agreement: Agreement) -> Found:
    numbers = {a.number for a in agreement.articles}
    return [
        (loc, f"cites article {value.article}, which the agreement does not have")
        for loc, _, value in walk(agreement)
        if isinstance(value, Citation) and value.instrument is None and value.article not in numbers
    ]


_BODY_ROLES = ("competent_authorities", "competent_institutions", "liaison_agencies")


def _body_id_problems(agreement: Agreement) -> Found:
    """A body id is given once per list; in two lists it is one body in two roles."""
    found: Found = []
    for role in _BODY_ROLES:
        seen: set[str] = set()
        for index, body in enumerate(getattr(agreement, role)):
            if body.id is None:
                continue
            if body.id in seen:
                found.append(((role, index, "id"), f"body id {body.id} is given twice"))
            seen.add(body.id)
    return found


def _principle_problems(agreement: Agreement) -> Found:
    """A principle the agreement claims must have the provisions that implement it."""
    backed = {
        Principle.applicable_legislation: agreement.applicable_legislation is not None,
        Principle.totalization: agreement.totalization is not None,
        Principle.export_of_benefits: bool(agreement.export),
    }
    return [
        (
            ("principles", index, "principle"),
            f"the agreement lists {provision.principle.value} but has no provisions implementing it",
        )
        for index, provision in enumerate(agreement.principles)
        if not backed.get(provision.principle, True)
    ]
