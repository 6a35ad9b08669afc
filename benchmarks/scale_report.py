"""The table ``benchmarks/bench_scale.py`` prints: our build beside its anchors, per size."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

LANGUAGES = ("zh_CN", "en")


@dataclass
class Step:
    seconds: float
    max_rss_mb: float
    #: of ``seconds``, the search index step's (waiting for the index, or writing it)
    search_seconds: float | None = None


@dataclass
class Results:
    """The steps measured at one size, by name ("ours en", "floor zh_CN", "update-po ...")."""

    documents: int
    pages: int = 0
    steps: dict[str, Step] = field(default_factory=dict)

    def total(self, *names: str) -> float:
        return sum(self.steps[name].seconds for name in names)

    def both(self, build: str) -> float:
        return self.total(*(f"{build} {language}" for language in LANGUAGES))

    def has(self, build: str) -> bool:
        return f"{build} en" in self.steps

    def peak(self, build: str) -> float:
        return max(step.max_rss_mb for name, step in self.steps.items()
                   if name.startswith(build))


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


def ratio(a: float, b: float | None) -> str:
    return "-" if b is None else f"{a / b:.2f}x"


def table(results: list[Results], furo_max: int) -> str:
    width = 50
    lines = [f"{'':{width}}" + "".join(f"{f'{r.documents} docs':>14}" for r in results)]

    def row(name: str, cells: list[str]) -> None:
        lines.append(f"{name:{width}}" + "".join(f"{c:>14}" for c in cells))

    def furo(r: Results, name: str) -> float | None:
        return r.total(name) if r.has("furo") else None

    row("pages per language", [str(r.pages) for r in results])
    row("this project, both languages", [seconds(r.both("ours")) for r in results])
    for language in LANGUAGES:
        row(f"  {language}", [seconds(r.total(f"ours {language}")) for r in results])
    row("  en / zh_CN (goal <= 1.3x)",
        [ratio(r.total("ours en"), r.total("ours zh_CN")) for r in results])
    row("plain Sphinx + MyST, basic theme (floor)", [seconds(r.both("floor")) for r in results])
    for language in LANGUAGES:
        row(f"  {language}", [seconds(r.total(f"floor {language}")) for r in results])
    row(f"plain Sphinx + MyST + furo (up to {furo_max} docs)",
        [seconds(r.both("furo") if r.has("furo") else None) for r in results])
    for language in LANGUAGES:
        row(f"  {language}", [seconds(furo(r, f"furo {language}")) for r in results])
    row("ours / floor, both languages (goal <= 0.8x)",
        [ratio(r.both("ours"), r.both("floor")) for r in results])
    row("ours / plain furo, both languages",
        [ratio(r.both("ours"), r.both("furo") if r.has("furo") else None) for r in results])
    for language in LANGUAGES:
        row(f"incremental, one document edited: {language}",
            [seconds(r.total(f"incremental {language}")) for r in results])
        row("  of which waiting for the search index after Sphinx",
            [seconds(r.steps[f"incremental {language}"].search_seconds) for r in results])
    for language in LANGUAGES:
        row(f"rebuild, nothing changed: {language}",
            [seconds(r.total(f"unchanged {language}")) for r in results])
    row("make update-po, from nothing", [seconds(r.total("update-po from nothing"))
                                         for r in results])
    row("make update-po, one document edited", [seconds(r.total("update-po one edit"))
                                                for r in results])
    row("internal link check", [seconds(r.total("link check")) for r in results])
    row("catalog check (make check-po)", [seconds(r.total("check-po")) for r in results])
    row("peak memory: ours, largest step (goal < 2 GB)",
        [f"{max(r.peak('ours'), r.peak('incremental')):.0f} MB" for r in results])
    row("peak memory: plain floor", [f"{r.peak('floor'):.0f} MB" for r in results])
    row("peak memory: plain furo",
        [f"{r.peak('furo'):.0f} MB" if r.has("furo") else "-" for r in results])
    for small, large in itertools.pairwise(results):
        growth = large.both("ours") / small.both("ours")
        lines.append(f"full build growth {small.documents} -> {large.documents} docs: "
                     f"{growth:.2f}x (goal <= 4.4x for 500 -> 2000; "
                     f"{large.documents / small.documents:.1f}x the documents)")
    lines.append("goals at 2000 documents: incremental <= 3 s per language (backlinks and "
                 "matrix checked after it); make update-po after one edit <= 10 s")
    return "\n".join(lines)


