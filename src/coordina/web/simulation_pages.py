"""Impact simulation in the web application (issue 13 item 4): choose or upload a draft agreement,
draw or upload a population, start the run, watch its progress without blocking, and read its
tables and charts. For signed-in users: registers hold people's careers.

A run is a job (``services.simulation_jobs``): the page submits it (keyed: the same request is
the same run, never computed twice) and starts a worker process (``spawn_worker``); nothing is
computed in a web request. A population to draw is drawn first in a process of its own
(``services.simulation_launch``), which then submits the run and works it. The run's page shows its state and,
while it is queued or running, polls a small fragment every 2 s (HTMX; a meta refresh without
JavaScript); once done, the report's tables and charts (``services.simulation_results``).

A run is its submitters' (``simulation_jobs``: ``visible_to``): the pages list and show only the
visitor's own runs and launches (every one to an administrator); another user's run or launch is
404, as an unknown one, never its figures or files.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from coordina.errors import CoordinaError, DataError, NotFound
from coordina.services import catalog, simulation_jobs
from coordina.services import simulation_results as results
from coordina.services import simulation_uploads as uploads
from coordina.services.simulation_launch import Launch, launch, launched
from coordina.web import simulation_form as forms
from coordina.web import simulation_views as views
from coordina.web.forms import FormErrors
from coordina.web.i18n import N_, _
from coordina.web.params import Posted, database
from coordina.web.refusals import explain, register
from coordina.web.templating import redirect, render
from coordina.web.visitor import SignedIn, Visitor

router = APIRouter(include_in_schema=False)
RunId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Token = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
FileName = Annotated[str, Path(max_length=80)]
POLL = "every 2s"
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"  # an SVG opened alone runs nothing
MEDIA = {"json": "application/json", "parquet": "application/vnd.apache.parquet", "png": "image/png",
         "svg": "image/svg+xml", "txt": "text/plain; charset=utf-8"}  # fmt: skip
register({
    "exchange_rates": N_("The assumptions have no exchange rate for a party's currency over these years: add one "
                         "under exchange_rates in an assumption file."),
    "simulation_file": N_("This run has no such file."),
    "simulation_run": N_("There is no such simulation run."),
})  # fmt: skip


def _me(visitor: Visitor) -> int:
    """The signed-in visitor's id (``SignedIn`` pages only): whose runs the pages show."""
    if visitor.user_id is None:
        raise NotFound("simulation_run", "no simulation run for a visitor who is not signed in")
    return visitor.user_id


def _status(request: Request, visitor: Visitor, run_id: int) -> simulation_jobs.Run:
    """The run, if the visitor may see it (``NotFound`` otherwise, as for an unknown run)."""
    return simulation_jobs.status(database(request), run_id, visible_to=_me(visitor))


def _launched(request: Request, visitor: Visitor, token: str) -> Launch:
    """The launch ``token``, if it is the visitor's (or the visitor is an administrator)."""
    db = database(request)
    found = launched(uploads.runs_root(db), token)
    if found is None or (found.owner != _me(visitor) and not simulation_jobs.sees_every_run(db, _me(visitor))):
        raise NotFound("simulation_run", f"no launch {token}")
    return found


def _agreements() -> dict[str, list[str]]:
    """The library's agreements between parties (a model agreement has none to cost), by id."""
    return {a.id: list(a.parties) for a in catalog.library().agreements.values() if len(a.parties) >= 2}


def _choices() -> list[tuple[str, str]]:
    library = catalog.library().agreements
    return sorted(((i, f"{library[i].title} ({i})") for i in _agreements()), key=lambda pair: pair[1])


def _form_page(request: Request, visitor: Visitor, form: forms.SimulationForm, errors: FormErrors | None = None,
               status: int = 200) -> HTMLResponse:  # fmt: skip
    return render(request, visitor, "simulation/form.html", status=status, title=_("Simulation"), form=form,
                  errors=errors or FormErrors(), agreements=_choices(), max_size=forms.MAX_WEB_SIZE,
                  runs=simulation_jobs.runs(database(request), limit=5, visible_to=_me(visitor)),
                  views=views)  # fmt: skip


@router.get("/simulation", response_class=HTMLResponse)
def simulation(request: Request, visitor: SignedIn) -> HTMLResponse:
    return _form_page(request, visitor, forms.blank())


@router.post("/simulation", response_model=None)
def start(request: Request, visitor: SignedIn, form: Posted) -> Response:
    """Check the form, keep its files, and start the run (or draw its population first)."""
    db = database(request)
    root = uploads.runs_root(db)
    typed = forms.from_form(form)
    checked = forms.check(typed, form, root, _agreements())
    if isinstance(checked, FormErrors):
        return _form_page(request, visitor, typed, checked, status=422)
    if checked.generated is not None and not checked.generated.path.exists():
        started = launch(db, checked.request, checked.generated, root, owner=_me(visitor))
        return redirect(visitor, f"/simulation/launches/{started.token}")
    try:
        run = simulation_jobs.start(db, checked.request, owner=_me(visitor))
    except CoordinaError as error:
        return _form_page(request, visitor, typed, _refused(typed, checked.request, error), status=422)
    return redirect(visitor, f"/simulation/runs/{run.id}")


def _refused(form: forms.SimulationForm, request: Any, error: CoordinaError) -> FormErrors:
    """A refusal of the inputs at the field of the file it concerns."""
    errors = FormErrors()
    fields = {str(request.population): forms.FILES["register"], str(request.agreement): forms.FILES["agreement"]}
    if request.assumptions is not None:
        fields[str(request.assumptions)] = forms.FILES["assumptions"]
    if isinstance(error, DataError):
        where = next((fields[str(p.file)] for p in error.problems if str(p.file) in fields), None)
        where = where or ("register_file" if form.value("population_source") == "register" else "agreement_file")
        form.problems[where] = [(p.line, p.message) for p in error.problems]
        errors.add(where, _("This file cannot be used: its problems are listed below, each with its line."))
        return errors
    at = "assumptions_file" if error.rule == "exchange_rates" and request.assumptions is not None else "agreement"
    if at == "agreement" and form.value("agreement_source") == "draft":
        at = "agreement_file"
    errors.add(at, explain(error))
    return errors


@router.get("/simulation/launches/{token}", response_model=None)
def launch_page(request: Request, visitor: SignedIn, token: Token) -> Response:
    """A population being drawn before its run starts; the run's page once it has."""
    found = _launched(request, visitor, token)
    if found.run_id is not None:
        return redirect(visitor, f"/simulation/runs/{found.run_id}")
    return render(request, visitor, "simulation/launch.html", title=_("Drawing the population — Simulation"),
                  launch=found, poll=POLL)  # fmt: skip


@router.get("/simulation/launches/{token}/progress", response_model=None)
def launch_progress(request: Request, visitor: SignedIn, token: Token) -> Response:
    found = _launched(request, visitor, token)
    if found.run_id is not None:
        return visitor.apply(Response(status_code=200, headers={"HX-Redirect": f"/simulation/runs/{found.run_id}"}))
    return render(request, visitor, "simulation/_launch_progress.html", title="", launch=found, poll=POLL)


@router.get("/simulation/runs", response_class=HTMLResponse)
def run_list(request: Request, visitor: SignedIn) -> HTMLResponse:
    runs = simulation_jobs.runs(database(request), visible_to=_me(visitor))
    return render(request, visitor, "simulation/runs.html", title=_("Runs — Simulation"), runs=runs, views=views,
                  agreements={run.id: _agreement_of(run) for run in runs})  # fmt: skip


@router.get("/simulation/runs/{run_id}", response_class=HTMLResponse)
def run_page(request: Request, visitor: SignedIn, run_id: RunId) -> HTMLResponse:
    run = _status(request, visitor, run_id)
    report = results.report(run)
    names = results.files(run)
    context: dict[str, Any] = {"tables": [], "chart_tables": {}, "charts": [], "assumptions": []}
    if report is not None:
        context = {"tables": views.tables(report), "chart_tables": views.chart_tables(report),
                   "charts": views.charts(report, names), "assumptions": views.assumptions(report)}  # fmt: skip
    title = _("Run %(id)s — Simulation") % {"id": run.id}
    downloads = [n for n in ("report.json", "summary.txt") if n in names] + [n for n in names if n.endswith(".parquet")]
    return render(request, visitor, "simulation/run.html", title=title, run=run, report=report, downloads=downloads,
                  views=views, poll=POLL, agreement=_agreement_of(run), **context)  # fmt: skip


@router.get("/simulation/runs/{run_id}/progress", response_model=None)
def run_progress(request: Request, visitor: SignedIn, run_id: RunId) -> Response:
    """The progress part of the run's page (polled); once the run has ended, the whole page again."""
    run = _status(request, visitor, run_id)
    if run.finished:
        return visitor.apply(Response(status_code=200, headers={"HX-Refresh": "true"}))
    return render(request, visitor, "simulation/_progress.html", title="", run=run, views=views, poll=POLL)


@router.get("/simulation/runs/{run_id}/files/{name}", response_model=None)
def run_file(request: Request, visitor: SignedIn, run_id: RunId, name: FileName) -> Response:
    """A file of the run's report folder, by its name alone (``simulation_results.file``)."""
    run = _status(request, visitor, run_id)
    path = results.file(run, name)
    kind = name.rsplit(".", 1)[1]
    inline = kind in ("png", "svg")
    response = FileResponse(path, media_type=MEDIA[kind], filename=None if inline else f"run-{run.id}-{name}",
                            content_disposition_type="inline" if inline else "attachment")  # fmt: skip
    response.headers.update({"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store",
                             "Content-Security-Policy": FILE_POLICY})  # fmt: skip
    return visitor.apply(response)


def _agreement_of(run: simulation_jobs.Run) -> str:
    """The run's agreement as the page names it: a bundled id, or "a draft" for an uploaded file."""
    chosen = str(run.request.get("agreement", ""))
    return chosen if not catalog.is_path(chosen) else _("an uploaded draft")
