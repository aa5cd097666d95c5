"""What an institution's decision has established before it computes amounts: the counted
periods and the rights (``rules.institution`` builds them; ``rules.amounts_due`` reads them)."""

from dataclasses import dataclass
from fractions import Fraction

from coordina.domain.legal import LegalBasis
from coordina.rules.periods import Interval
from coordina.rules.spells import Spell
from coordina.rules.totalization import Counting


@dataclass(frozen=True)
class CountedPeriods:
    """The scheme's own periods, the foreign ones added to them, and the age facts they rest on."""

    own: list[Spell]
    counted: list[tuple[Spell, Interval]]
    """The own spells of the kinds the scheme counts, with the days each covers."""
    counting: Counting
    amount_months: Fraction
    window_unknown: bool
    own_basis: LegalBasis


@dataclass(frozen=True)
class Rights:
    """Eligibility under national law alone and with totalization (three-valued)."""

    national: bool | None
    totalized: bool | None
    totalizes: bool
