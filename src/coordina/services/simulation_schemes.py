"""The national schemes' data carried over the simulation's horizon (issue 13 item 3).

The scheme files hold the law as published: their last values often end before the horizon (a
pension value until 30 June 2026, a ceiling table up to 2026). A projection needs values for later
claims and earnings years, so for the simulation only (never for ``coordina compute``):

- the latest value of every dated parameter is carried forward without an end (a value that ends
  inside the data, followed by a later one, is left as it is);
- a yearly table is extended year by year past its last year, grown with ``wage_growth`` where it
  is listed in ``wage_indexed_tables`` (averages of earnings, ceilings set from them), else
  unchanged; a grown figure is rounded half-up to the decimal places of the last published one.

These are assumptions, echoed in every report; they change no bundled file.
"""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coordina.domain.parameters import DatedParameter
from coordina.domain.scheme import Scheme
from coordina.domain.simulation_assumptions import SimulationAssumptions


def projected(schemes: Mapping[str, Scheme], last_year: int, assumptions: SimulationAssumptions) -> dict[str, Scheme]:
    """Every scheme with its values carried to the end of ``last_year``."""
    grown = set(assumptions.wage_indexed_tables)
    growth = Decimal(1) + assumptions.wage_growth.value
    return {sid: _scheme(scheme, last_year, grown, growth) for sid, scheme in schemes.items()}


def _scheme(scheme: Scheme, last_year: int, grown: set[str], growth: Decimal) -> Scheme:
    parameters = scheme.parameters
    update: dict[str, Any] = {}
    for name in type(parameters).model_fields:
        value = getattr(parameters, name)
        if isinstance(value, DatedParameter):
            update[name] = _carried(value)
        elif isinstance(value, dict) and name != "tables":
            update[name] = {k: _carried(v) if isinstance(v, DatedParameter) else v for k, v in value.items()}
    tables = {}
    for name, table in parameters.tables.items():
        factor = growth if f"{scheme.id}.{name}" in grown else Decimal(1)
        values = dict(table.values)
        last = max(values)
        exponent = values[last].as_tuple().exponent
        places = Decimal(1).scaleb(min(0, exponent if isinstance(exponent, int) else 0))  # as published: 1, 0.01
        for year in range(last + 1, max(last, last_year + 1) + 1):
            value = values[year - 1] * factor
            values[year] = value.quantize(places, rounding=ROUND_HALF_UP) if factor != 1 else value
        tables[name] = table.model_copy(update={"values": values})
    update["tables"] = tables
    return scheme.model_copy(update={"parameters": parameters.model_copy(update=update)})


def _carried(parameter: DatedParameter[Any]) -> DatedParameter[Any]:
    if not parameter.root:
        return parameter
    latest = parameter.latest()
    if latest.valid_until is None:
        return parameter
    entries = [e.model_copy(update={"valid_until": None}) if e is latest else e for e in parameter.root]
    return parameter.model_copy(update={"root": entries})
