"""Consistency checks on a project's latest weekly report: the "瞒" (concealment) detector.

A flag does not change the score; it puts evidence in front of the supervisor: investment going
down, the same text week after week, progress claimed without photos, figures far above the
investment statistics. Pure functions over plain values, thresholds from the rubric.
"""

import dataclasses
import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from projects.choices import PHOTO_STAGES
from projects.weeks import campaign_year, week_label

from .results import money, plain
from .rubric import Rubric

WEEK = dt.timedelta(days=7)


@dataclasses.dataclass(frozen=True)
class ReportFacts:
    """What the checks need from one weekly report; ``week`` is its Monday and ``stage`` the
    stage it reports (the photo check asks for photos only where there is a site to show)."""

    week: dt.date
    ytd: Decimal
    progress_text: str
    photo_count: int
    stage: str = "construction"


@dataclasses.dataclass(frozen=True)
class Flag:
    """A suspicion about the latest report, with the figures and weeks behind it in Chinese."""

    key: str
    evidence: str


# Week names as officials write them: 第17周, 第十七周, 2026-W17, W17, 本周/上周/下周.
WEEK_NAMES = re.compile(
    r"第\s*[0-9０-９一二三四五六七八九十百零〇两]+\s*周|\d{4}\s*-?\s*W\d{1,2}|W\d{1,2}|[本上下]周",
    re.IGNORECASE,
)


def _squeeze(text: str) -> str:
    # Re-spacing or re-wrapping the same words is still the same text.
    return "".join(text.split())


@functools.lru_cache(maxsize=65536)  # pure; a week's texts are compared with several weeks'
def _gist(text: str) -> str:
    """The words of a progress text without week names, digits, punctuation and spaces: what
    is left when a reporter only changes "第17周" to "第18周" or a full stop to a comma."""
    return WEEK_NAMES.sub("", unicodedata.normalize("NFKC", text)).translate(_LETTERS)


class _Letters(dict[int, int | None]):
    """``str.translate``'s table for :func:`_gist`: a character is kept unless its Unicode
    category is a number, punctuation, symbol, separator or control; each character's
    category is looked up once per process, not once per character of every text."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code))[0] in "NPSZC" else code
        self[code] = kept
        return kept


_LETTERS = _Letters()


def _quick_ratio(a: str, b: str) -> float:
    """difflib's ``quick_ratio`` (the characters in common, counted as a multiset, over both
    lengths) without building a matcher, whose index of ``b`` costs more than this whole sum."""
    length = len(a) + len(b)
    if not length:
        return 1.0
    return 2.0 * sum((Counter(a) & Counter(b)).values()) / length


@functools.lru_cache(maxsize=65536)  # pure; last week's pair comes back the week after
def similarity(a: str, b: str) -> Decimal:
    """How alike two progress texts are, in percent, compared by their gist (difflib's ratio:
    twice the matched characters over both lengths). Two empty texts are alike."""
    gist_a, gist_b = _gist(a), _gist(b)
    if gist_a == gist_b:
        return Decimal(100)
    # quick_ratio is an upper bound, cheap enough to skip most different pairs.
    quick = _quick_ratio(gist_a, gist_b)
    if quick * 100 < 50:
        return Decimal(int(quick * 100))
    matcher = difflib.SequenceMatcher(None, gist_a, gist_b, autojunk=False)
    return (Decimal(matcher.ratio()) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _trailing_run(
    history: Sequence[ReportFacts], same: Callable[[ReportFacts], bool]
) -> list[ReportFacts]:
    """The reports, newest last, of consecutive weeks ending with the latest that all pass
    ``same``; a week without a report breaks the run."""
    run: list[ReportFacts] = []
    for report in reversed(history):
        if run and run[0].week - report.week != WEEK:
            break
        if not same(report):
            break
        run.insert(0, report)
    return run


def _span(run: list[ReportFacts]) -> str:
    return f"{week_label(run[0].week)} 至 {week_label(run[-1].week)}"


def investment_down(history: Sequence[ReportFacts]) -> Flag | None:
    """The year-to-date figure is lower than in the previous report of the same year."""
    if len(history) < 2:
        return None
    prev, last = history[-2], history[-1]
    # Year-to-date starts again with each campaign; 2026-W53 still belongs to 2026.
    if campaign_year(prev.week) != campaign_year(last.week):
        return None
    if last.ytd >= prev.ytd:
        return None
    return Flag(
        "investment_down",
        f"本周年度累计 {money(last.ytd)} 万元，低于 {week_label(prev.week)} 的 "
        f"{money(prev.ytd)} 万元，减少 {money(prev.ytd - last.ytd)} 万元",
    )


def same_text(
    history: Sequence[ReportFacts], weeks: int, at_least: Decimal = Decimal(90)
) -> Flag | None:
    """The progress text is, but for digits, week names and punctuation, the same as the
    latest (``at_least`` percent alike) for ``weeks`` weeks in a row."""
    if not history:
        return None
    text = history[-1].progress_text
    run = _trailing_run(history, lambda report: similarity(report.progress_text, text) >= at_least)
    if len(run) < weeks:
        return None
    if all(_squeeze(report.progress_text) == _squeeze(text) for report in run):
        return Flag("same_text", f"「本周进展」连续 {len(run)} 周内容相同（{_span(run)}）")
    lowest = min(similarity(report.progress_text, text) for report in run)
    if lowest == 100:
        return Flag(
            "same_text",
            f"「本周进展」连续 {len(run)} 周除数字、周次和标点外内容相同（{_span(run)}）",
        )
    return Flag(
        "same_text",
        f"「本周进展」连续 {len(run)} 周内容相似度不低于 {plain(lowest)}%"
        f"（不计数字、周次和标点，{_span(run)}）",
    )


def no_photo(history: Sequence[ReportFacts], weeks: int) -> Flag | None:
    """Progress on site is written up but no photo is attached, for ``weeks`` weeks in a row.
    Only a stage with a site to photograph (``PHOTO_STAGES``) calls for photos: a project
    still getting its permits, or completed, is not asked for them."""
    run = _trailing_run(
        history,
        lambda report: (
            report.stage in PHOTO_STAGES
            and report.photo_count == 0
            and bool(report.progress_text.strip())
        ),
    )
    if len(run) < weeks:
        return None
    return Flag("no_photo", f"连续 {len(run)} 周填报进展但未上传现场照片（{_span(run)}）")


def above_statistics(
    latest: ReportFacts, stats_figure: Decimal | None, tolerance: Decimal
) -> Flag | None:
    """The self-reported figure is more than ``tolerance`` percent above the statistics."""
    if stats_figure is None or latest.ytd <= stats_figure * (1 + tolerance / 100):
        return None
    head = f"自报年度累计 {money(latest.ytd)} 万元"
    if stats_figure <= 0:
        # Nothing in the statistics (not 入库) while money is reported is the case to see.
        return Flag("above_statistics", f"{head}，投资统计（入库）为 0")
    excess = ((latest.ytd / stats_figure - 1) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return Flag(
        "above_statistics",
        f"{head}，高于投资统计（入库） {money(stats_figure)} 万元 {excess}%，"
        f"超过 {plain(tolerance)}%",
    )


def flag_report(
    history: Sequence[ReportFacts], stats_figure: Decimal | None, rubric: Rubric
) -> list[Flag]:
    """Every flag on the latest of ``history`` (a project's reports, oldest first).
    ``stats_figure`` is the year-to-date investment in the statistics, None when unknown."""
    if not history:
        return []
    history = sorted(history, key=lambda report: report.week)
    found = [
        investment_down(history),
        same_text(history, rubric.same_text_weeks, rubric.same_text_similarity),
        no_photo(history, rubric.no_photo_weeks),
        above_statistics(history[-1], stats_figure, rubric.stats_tolerance),
    ]
    return [flag for flag in found if flag is not None]
