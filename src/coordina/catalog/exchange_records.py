"""An institution's register file (``domain.exchange_records``), read with the file, line and
field of any problem."""

from pathlib import Path

from coordina.catalog.validation import read_model
from coordina.domain.exchange_records import InstitutionRecords


def read_records(path: Path) -> InstitutionRecords:
    return read_model(InstitutionRecords, path)
