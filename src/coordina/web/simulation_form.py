"""The form that starts an impact simulation: the agreement (bundled, or a draft's YAML file),
the population (drawn here with a size and a seed, or a register of careers as Parquet or CSV),
the years and an optional assumption file; each value as typed, each error at its field.

A file sent is kept under the runs directory by its content (``services.simulation_uploads``)
and named in a hidden field, so that a form shown again for another field's error keeps it:
nothing sent is lost. Files are checked as the command line checks them: a draft agreement or
an assumption file with every problem at its line, a register with every bad row by its number
and field (issue 13 item 2: never dropped silently; left out and counted only when asked).
"""

from dataclasses import dataclass, field
from pathlib import Path

from starlette.datastructures import FormData, UploadFile

from coordina.domain.simulation import FIRST_YEAR, LAST_YEAR, SimulationRequest
from coordina.errors import DataError
from coordina.services import simulation_uploads as uploads
from coordina.services.simulation_uploads import Generated
from coordina.web.forms import FormErrors, text
from coordina.web.i18n import _

MAX_WEB_SIZE = 200_000
"""The most people drawn from the web (larger populations: ``coordina population`` and the CLI)."""
MAX_SEED = 2**31 - 1
FILES = {"agreement": "agreement_file", "register": "register_file", "assumptions": "assumptions_file"}
KINDS = {"agreement": (".yaml",), "register": (".parquet", ".csv"), "assumptions": (".yaml",)}


@dataclass
class SimulationForm:
    """The values as typed (strings), and the files kept (their stored name and the name sent)."""

    values: dict[str, str] = field(default_factory=dict)
    kept: dict[str, tuple[str, str]] = field(default_factory=dict)  # agreement|register|assumptions -> (saved, shown)
    problems: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # file field -> (line, message)
    rows: list[tuple[int, str, str]] = field(default_factory=list)  # bad register rows: number, field, message
    bad_rows: int = 0
    rows_read: int = 0

    def value(self, name: str) -> str:
        return self.values.get(name, "")


def blank(agreement: str = "au-kr") -> SimulationForm:
    return SimulationForm({"agreement_source": "library", "agreement": agreement, "population_source": "generate",
                           "size": "1000", "seed": "1", "first_year": "2026", "last_year": "2050"})  # fmt: skip


NAMES = ("agreement_source", "agreement", "population_source", "size", "seed", "first_year", "last_year",
         "skip_invalid")  # fmt: skip


def from_form(form: FormData) -> SimulationForm:
    """The values as sent, and the files a previous post kept (named in hidden fields)."""
    found = SimulationForm({name: text(form, name, 200) for name in NAMES})
    for kind in FILES:
        saved, shown = text(form, f"{kind}_saved", 100), text(form, f"{kind}_shown", 100)
        forgotten = text(form, f"{kind}_forget", 10) == "yes"
        if saved and uploads.SAVED.match(saved) and saved.endswith(KINDS[kind]) and not forgotten:
            found.kept[kind] = (saved, shown or saved)
    return found


def _number(form: SimulationForm, name: str, low: int, high: int, errors: FormErrors, message: str) -> int | None:
    typed = form.value(name).replace(" ", "").replace(",", "").replace("\u202f", "").replace("\xa0", "")
    if not typed.isdigit() or not low <= int(typed) <= high:
        errors.add(name, message)
        return None
    return int(typed)


def _receive(form: SimulationForm, sent: FormData, root: Path, kind: str, errors: FormErrors) -> Path | None:
    """The file of ``kind`` just sent (kept, and checked), else the one a previous post kept."""
    upload = sent.get(FILES[kind])
    if isinstance(upload, UploadFile) and upload.filename:
        shown = uploads.shown_name(upload.filename, f"{kind}.yaml")
        suffix = uploads.suffix_of(shown)
        if suffix is None or suffix not in KINDS[kind]:
            form.kept.pop(kind, None)
            wanted = _("a YAML file (.yaml)") if kind != "register" else _("a Parquet (.parquet) or CSV (.csv) file")
            errors.add(FILES[kind], _("%(name)s is not %(wanted)s.") % {"name": shown, "wanted": wanted})
            return None
        path = uploads.keep(root, upload.file.read(), suffix)
        form.kept[kind] = (path.name, shown)
        return _checked(form, root, kind, path, shown, errors)
    if kind in form.kept:  # sent with an earlier post: checked again (its bad rows listed again)
        earlier = uploads.saved(root, form.kept[kind][0])
        if earlier is None:
            form.kept.pop(kind)
            return None
        return _checked(form, root, kind, earlier, form.kept[kind][1], errors)
    return None


def _checked(form: SimulationForm, root: Path, kind: str, path: Path, shown: str, errors: FormErrors) -> Path | None:
    try:
        if kind == "agreement":
            uploads.check_agreement(path, shown)
        elif kind == "assumptions":
            uploads.check_assumptions(path, shown)
        else:
            rows, form.bad_rows, form.rows_read = uploads.check_register(path)
            form.rows = [(row.row, row.field, row.message) for row in rows]
    except DataError as error:
        form.kept.pop(kind, None)
        path.unlink(missing_ok=True)  # a file that cannot be used is not kept
        form.problems[FILES[kind]] = [(p.line, p.message) for p in error.problems]
        errors.add(FILES[kind], _("%(name)s cannot be used: its problems are listed below, each with its line.")
                   % {"name": shown})  # fmt: skip
        return None
    return path


@dataclass(frozen=True)
class Checked:
    """A form that is valid: the request, and the population to draw first (if drawn)."""

    request: SimulationRequest
    generated: Generated | None


def check(form: SimulationForm, sent: FormData, root: Path, agreements: dict[str, list[str]]) -> Checked | FormErrors:
    """The request of a valid form, else its errors by field (the files sent are kept either way)."""
    errors = FormErrors()
    draft = _receive(form, sent, root, "agreement", errors)
    assumptions = _receive(form, sent, root, "assumptions", errors)
    register = _receive(form, sent, root, "register", errors) if form.value("population_source") == "register" else None
    agreement, parties = _agreement(form, draft, agreements, errors)
    years = _years(form, errors)
    generated = population = None
    if form.value("population_source") == "register":
        if register is None and FILES["register"] not in errors.messages:
            errors.add(FILES["register"], _("Choose the register file (Parquet or CSV), or draw a population."))
        elif form.bad_rows and form.value("skip_invalid") != "yes":
            message = _("Bad rows in the register: %(count)s, listed below with their row number and field. Correct "
                        "them and send the file again, or choose to leave them out.")  # fmt: skip
            errors.add(FILES["register"], message % {"count": form.bad_rows})
        population = register
    elif form.value("population_source") == "generate":
        size = _number(
            form,
            "size",
            1,
            MAX_WEB_SIZE,
            errors,
            _("The size is a number of people from 1 to %(most)s.") % {"most": f"{MAX_WEB_SIZE:,}"},
        )
        seed = _number(form, "seed", 0, MAX_SEED, errors,
                       _("The seed is a whole number from 0 to %(most)s.") % {"most": MAX_SEED})  # fmt: skip
        if size is not None and seed is not None and years is not None and agreement is not None:
            generated = uploads.population_file(root, agreement, parties, size, seed, years[1])
            population = generated.path
    else:
        errors.add("population_source", _("Choose how the population is made."))
    if errors or agreement is None or population is None or years is None:
        return errors
    skipped = population.with_name(population.stem + "-invalid.csv") if register and form.bad_rows else None
    request = SimulationRequest(agreement=agreement, population=population, years=years, assumptions=assumptions,
                                skip_invalid=skipped)  # fmt: skip
    return Checked(request, generated)


def _agreement(
    form: SimulationForm, draft: Path | None, agreements: dict[str, list[str]], errors: FormErrors
) -> tuple[str | None, list[str]]:
    """The agreement (a bundled id, or the draft's kept file) and its parties."""
    if form.value("agreement_source") == "draft":
        if draft is not None:
            return str(draft), list(uploads.check_agreement(draft, form.kept["agreement"][1]).parties)
        if FILES["agreement"] not in errors.messages:
            errors.add(FILES["agreement"], _("Choose the draft agreement's YAML file, or a bundled agreement."))
        return None, []
    if form.value("agreement") in agreements:
        return form.value("agreement"), agreements[form.value("agreement")]
    errors.add("agreement", _("Choose an agreement of the library."))
    return None, []


def _years(form: SimulationForm, errors: FormErrors) -> tuple[int, int] | None:
    bounds = {"low": FIRST_YEAR, "high": LAST_YEAR}
    first = _number(
        form,
        "first_year",
        FIRST_YEAR,
        LAST_YEAR,
        errors,
        _("The first year is a year from %(low)s to %(high)s.") % bounds,
    )
    last = _number(form, "last_year", FIRST_YEAR, LAST_YEAR, errors,
                   _("The last year is a year from %(low)s to %(high)s.") % bounds)  # fmt: skip
    if first is None or last is None:
        return None
    if first > last:
        errors.add("last_year", _("The last year is after the first year (or the same)."))
        return None
    return first, last
