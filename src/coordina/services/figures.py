"""The brief's figures drawn from the registry, with captions that state the data's coverage.

Figure 1: cumulative bilateral agreements by region and year of entry into force.
Figure 2: share of agreements covering each branch. Network: who has agreements with whom.
The numbers come from ``services.registry_series`` (the same series the pages' data tables show).
"""

import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from coordina.catalog.registry import Registry
from coordina.services import registry_series

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FigureName = Literal["1", "2", "network"]
SIZE_INCHES = (10.0, 6.0)
DPI = 100  # a PNG of 1000 x 600 pixels


def render(registry: Registry, name: FigureName, out: Path, words: Mapping[str, str] | None = None,
           caption: str | None = None) -> str:  # fmt: skip
    """Draw the figure to ``out`` (.png or .svg); returns its caption.

    ``words`` gives the figure's texts in another language: its titles and axis labels, region
    names and branch values (``old_age``) as keys; ``caption`` replaces the caption drawn."""
    if out.suffix not in (".png", ".svg"):
        raise ValueError(f"{out.name}: the figure is written as .png or .svg")
    import matplotlib  # imported here: a second of start-up that only figures need

    matplotlib.use("Agg")  # no screen: render to files
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=SIZE_INCHES, dpi=DPI)
    try:
        say = _Words(words or {})
        drawn = {"1": _figure_1, "2": _figure_2, "network": _network}[name](registry, axes, say)
        figure.text(0.01, 0.01, caption or drawn, fontsize=7, wrap=True, va="bottom")
        figure.subplots_adjust(bottom=0.2)
        figure.savefig(out, format=out.suffix[1:], dpi=DPI)
    finally:
        plt.close(figure)
    return caption or drawn


class _Words:
    """A text of the figure in the language asked for, else as written here (English)."""

    def __init__(self, words: Mapping[str, str]) -> None:
        self.words = words

    def __call__(self, text: str) -> str:
        return self.words.get(text, text)


def _figure_1(registry: Registry, axes: "Axes", say: _Words) -> str:
    series = registry_series.region_years(registry)
    for region in series.regions:
        axes.plot(list(series.years), list(series.cumulative(region)), label=say(region))
    axes.set_xlabel(say("Year of entering into force"))
    axes.set_ylabel(say("Number of bilateral agreements (cumulative)"))
    axes.set_title(say("Figure 1: Bilateral social security agreements by region"))
    axes.legend()
    return (
        f"Source: coordina registry, {series.rows} bilateral rows, of which {series.counted} "
        f"({series.share_counted:.0%}) have a date of entry into force and are counted; an "
        "agreement counts in each region of its parties; a year-only date counts in its year. The registry "
        "is not complete (ISSA counts about 660 agreements)."
    )


def _figure_2(registry: Registry, axes: "Axes", say: _Words) -> str:
    series = registry_series.branch_shares(registry)
    labels = [say.words.get(s.branch.value, s.branch.value.replace("_", " ")) for s in series.shares]
    axes.barh(labels, [s.share * 100 for s in series.shares])
    axes.set_xlabel(say("Share of agreements covering the branch (%)"))
    axes.set_xlim(0, 100)
    axes.set_title(say("Figure 2: Branches covered in social security agreements"))
    return (
        f"Source: coordina registry; shares of the {series.known} of {series.rows} rows whose "
        f"source states the branches ({series.share_known:.0%})."
    )


def _network(registry: Registry, axes: "Axes", say: _Words) -> str:
    series = registry_series.network(registry)
    count = max(len(series.countries), 1)
    angle = {c.code: 2 * math.pi * i / count for i, c in enumerate(series.countries)}
    place = {c: (math.cos(a), math.sin(a)) for c, a in angle.items()}
    for edge in series.edges:
        (x1, y1), (x2, y2) = place[edge.a], place[edge.b]
        axes.plot([x1, x2], [y1, y2], linewidth=0.3, color="grey", alpha=0.6)
    for code, (x, y) in place.items():
        axes.plot(x, y, "o", markersize=3)
        axes.text(x * 1.06, y * 1.06, code, fontsize=5, ha="center", va="center")
    axes.set_axis_off()
    axes.set_aspect("equal")
    axes.set_title(say("Who has bilateral social security agreements with whom"))
    return (
        f"Source: coordina registry; {len(series.edges)} bilateral agreements among {len(series.countries)} "
        "countries, grouped around the circle by region; multilateral instruments are not drawn."
    )
