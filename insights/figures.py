"""What the dashboard shows, as plain values: sections of headline figures, charts and
lists. Each part of the dashboard registers one section; the page, the CSV downloads, the
tables beneath the charts and the weekly report all read these same values, so what is
drawn, what is listed and what is downloaded cannot disagree.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Unit = Literal["count", "percent", "seconds", "score", "number"]


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The `fraction` quantile (0.5: the median) by linear interpolation between the two
    nearest ranks, as spreadsheets compute it; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower, upper = math.floor(position), math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def share(part: float, whole: float) -> float | None:
    """`part` of `whole` as a fraction; None when there is no whole."""
    return part / whole if whole else None


@dataclass(frozen=True)
class Figure:
    """One headline number with the previous period's for comparison.

    ``higher_is_better`` colours the arrow (None: neither, e.g. volume); ``definition`` is
    the info tip, written for a manager; ``headline`` puts it into the weekly report.
    Percent values are fractions (0.42 for 42 %); durations are seconds.
    """

    key: str
    label: str
    value: float | None
    previous: float | None
    unit: Unit
    definition: str
    higher_is_better: bool | None = None
    headline: bool = False
    # The figure belongs to no space or language: the filters do not narrow it.
    site_wide: bool = False

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def direction(self) -> Literal["up", "down", "same", ""]:
        change = self.change
        if change is None:
            return ""
        if abs(change) < 1e-9:
            return "same"
        return "up" if change > 0 else "down"

    @property
    def verdict(self) -> Literal["better", "worse", "neutral"]:
        """Whether the change is good news, for the arrow's colour."""
        if self.higher_is_better is None or self.direction in ("", "same"):
            return "neutral"
        return "better" if (self.direction == "up") == self.higher_is_better else "worse"


@dataclass(frozen=True)
class Dataset:
    label: str
    values: list[float | None]


@dataclass(frozen=True)
class Chart:
    """A chart and, identically, the table beneath it and its CSV: one row per label,
    one column per dataset.

    ``kind``: "line", "bar", "stacked" (stacked bars), "heatmap" (labels are rows,
    datasets are columns; drawn as a table of shaded cells).
    """

    key: str
    title: str
    kind: Literal["line", "bar", "stacked", "heatmap"]
    labels: list[str]
    datasets: list[Dataset]
    unit: Unit
    definition: str
    site_wide: bool = False

    def rows(self) -> list[list]:
        """The header row, then one row per label: what the table shows and the CSV holds."""
        header = ["", *(dataset.label for dataset in self.datasets)]
        body = [
            [label, *(dataset.values[position] for dataset in self.datasets)]
            for position, label in enumerate(self.labels)
        ]
        return [header, *body]


@dataclass(frozen=True)
class Link:
    text: str
    url: str


Cell = str | int | float | None | Link


@dataclass(frozen=True)
class Listing:
    """A short list for follow-up (the most negative open threads, searches that found
    nothing, the latest survey comments …)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    definition: str
    empty: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)


# key → (order, builder). A builder takes the Scope and the loaded Counts and returns its
# Section; it may run a few queries of its own (the page's whole budget is 25).
SectionBuilder = Callable[..., Section]
_SECTIONS: dict[str, tuple[int, SectionBuilder]] = {}


def register_section(key: str, *, order: int) -> Callable[[SectionBuilder], SectionBuilder]:
    def decorator(builder: SectionBuilder) -> SectionBuilder:
        _SECTIONS[key] = (order, builder)
        return builder

    return decorator


def section_keys() -> list[str]:
    return [key for key, _ in sorted(_SECTIONS.items(), key=lambda item: item[1][0])]


def build_sections(scope, *, only: str | None = None) -> list[Section]:
    """Every registered section for `scope`, in page order (or just the one keyed `only`).
    The roll-up rows for the period and the one before are read once for all of them."""
    from insights.rollups import Counts

    counts = Counts(scope)
    keys = [only] if only else section_keys()
    return [_SECTIONS[key][1](scope, counts) for key in keys if key in _SECTIONS]
