"""Why a project has its card, as codes with figures, and their words in the reader's language.

The pure rules (``scoring.rules``, ``scoring.relative``) say why with a :class:`Reason`: a code
and the figures behind it, JSON-ready. The stored breakdown keeps the reason (so a page renders
it in the reader's language) and, beside it, the Chinese words of the scoring run (so the API and
anything that reads the JSON directly read what they always read). A breakdown stored before
reasons had codes has only the words: they are shown as they are.

Every sentence is a msgid in the "reason" context, its Chinese in ``locale/``; the Chinese is
the wording the district has always read ("总分 100.00 ≥ 85，蓝牌").
"""

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.utils.translation import pgettext as django_pgettext
from django.utils.translation import trans_real

Args = dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Reason:
    """One reason: ``code`` names the sentence, ``args`` holds its figures (strings, ints,
    lists and dicts only, so it survives JSON unchanged)."""

    code: str
    args: Args = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "args": self.args}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Reason":
        return cls(data["code"], dict(data.get("args") or {}))

    def __str__(self) -> str:
        return render(self)


Said = Reason | str  # a stored breakdown from before the codes has the words only


def words(said: Said | Iterable[Said] | None) -> str:
    """The reason(s) in the active language; stored words as they are."""
    if said is None:
        return ""
    if isinstance(said, Reason | str):
        return render(said) if isinstance(said, Reason) else said
    return clauses(words(part) for part in said)


# While the scoring run writes its words, the site language's catalogue is read directly:
# Django's per-call lookup of the active language cost more than the words (5,000 projects).
_catalogue: ContextVar[Callable[[str, str], str] | None] = ContextVar("catalogue", default=None)


def pgettext(context: str, message: str) -> str:
    """Django's pgettext, or the site language's catalogue while the run writes its words (the
    name stays pgettext so that makemessages finds every sentence)."""
    fast = _catalogue.get()
    return fast(context, message) if fast else django_pgettext(context, message)


def _site_catalogue() -> Callable[[str, str], str]:
    """The site language's pgettext, answering each sentence from a memo after its first look."""
    lookup = trans_real.translation(settings.LANGUAGE_CODE).gettext
    separator = trans_real.CONTEXT_SEPARATOR
    memo: dict[tuple[str, str], str] = {}

    def fast(context: str, message: str) -> str:
        key = (context, message)
        if key not in memo:
            found = lookup(f"{context}{separator}{message}")
            memo[key] = message if separator in found else found
        return memo[key]

    return fast


@contextmanager
def in_site_language() -> Iterator[None]:
    """Around a scoring run's breakdowns: every ``chinese()`` inside reads one memoised
    catalogue instead of finding the language for each of a province's 30,000 reasons."""
    token = _catalogue.set(_site_catalogue())
    try:
        yield
    finally:
        _catalogue.reset(token)


def chinese(said: Said | Iterable[Said] | None) -> str:
    """The words as the scoring run stores them beside the codes: in the site's language."""
    if _catalogue.get() is not None:
        return words(said)
    with in_site_language():
        return words(said)


def load(data: Mapping[str, Any], field: str = "reason", legacy: str = "note") -> Said | list[Said]:
    """A stored reason (a card's is a list of them), or the stored words of an older breakdown."""
    if data.get(field):
        value = data[field]
        if isinstance(value, list):
            return [Reason.from_dict(part) for part in value]
        return Reason.from_dict(value)
    return str(data.get(legacy, ""))


def load_one(data: Mapping[str, Any], field: str = "reason", legacy: str = "note") -> Said:
    """An item's or a trigger's stored reason: one, as dump() wrote it for one."""
    said = load(data, field, legacy)
    assert not isinstance(said, list)  # only a card's reason is stored as a list
    return said


def dump(said: Said | Sequence[Said]) -> Any:
    if isinstance(said, list):
        return [part.to_dict() for part in said if isinstance(part, Reason)]
    return said.to_dict() if isinstance(said, Reason) else None


# Separators and quotes differ by language: "、" and "「」" in Chinese, ", " and “” in English.


def names(items: Iterable[str]) -> str:
    return pgettext("reason list", ", ").join(items)


def clauses(items: Iterable[str]) -> str:
    return pgettext("reason clause", "; ").join(item for item in items if item)


def details(items: Iterable[str]) -> str:
    return pgettext("reason detail", ", ").join(items)


def quoted(name: str) -> str:
    return pgettext("reason", "“%(name)s”") % {"name": name}


def score_words(points: str, weight: str) -> str:
    return pgettext("reason", "%(points)s of %(weight)s points") % {
        "points": points,
        "weight": weight,
    }


def source_words(source: str) -> str:
    labels = {
        "unit": pgettext("reason", "unit's own report"),
        "statistics": pgettext("reason", "investment statistics (入库)"),
        "contractor": pgettext("reason", "contractor's statement"),
        "onsite": pgettext("reason", "on-site check"),
    }
    return labels.get(source, source)


def item_label(key: str) -> str:
    labels = {
        "investment": pgettext("reason", "Investment"),
        "nodes": pgettext("reason", "Milestone nodes"),
        "reporting": pgettext("reason", "Reporting"),
        "problems": pgettext("reason", "Problems"),
        "assessment": pgettext("reason", "Assessment"),
        "adjustment": pgettext("reason", "Adjustment"),
    }
    return labels.get(key, key)


def trigger_label(key: str) -> str:
    labels = {
        "node_overdue": pgettext("reason", "node overdue too long"),
        "missing_reports": pgettext("reason", "weekly reports missing in a row"),
        "investment_gap": pgettext("reason", "investment far behind plan"),
    }
    return labels.get(key, key)


def card_label(card: str) -> str:
    labels = {
        "blue": pgettext("reason", "blue card"),
        "yellow": pgettext("reason", "yellow card"),
        "red": pgettext("reason", "red card"),
    }
    return labels.get(card, card)


# The sentences, one function per code.


def _done(a: Args) -> str:
    return pgettext("reason", "Done this year %(ytd)s (10k yuan, %(source)s)") % {
        "ytd": a["ytd"],
        "source": source_words(a["source"]),
    }


def _investment_no_plan(a: Args) -> str:
    return pgettext("reason", "%(done)s; no plan is due by this week; %(score)s") % {
        "done": _done(a),
        "score": score_words(a["points"], a["weight"]),
    }


def _investment_ratio(a: Args) -> str:
    return pgettext(
        "reason", "%(done)s; plan due %(due)s (10k yuan); %(ratio)s%% of plan; %(score)s"
    ) % {
        "done": _done(a),
        "due": a["plan_due"],
        "ratio": a["ratio"],
        "score": score_words(a["points"], a["weight"]),
    }


def _nodes_none_due(a: Args) -> str:
    return pgettext("reason", "No node due by this Sunday; %(score)s") % {
        "score": score_words(a["points"], a["weight"])
    }


def _nodes_due(a: Args) -> str:
    parts = [pgettext("reason", "Nodes due: %(n)s") % {"n": a["due"]}]
    if a.get("on_time"):
        parts.append(pgettext("reason", "reached on time: %(n)s") % {"n": a["on_time"]})
    if a.get("late"):
        late = a["late"]
        text = (
            pgettext("reason", "reached late: %(n)s (%(names)s, %(d)s points each)")
            if len(late) > 1
            else pgettext("reason", "reached late: %(n)s (%(names)s, %(d)s points)")
        )
        parts.append(
            text % {"n": len(late), "names": names(map(quoted, late)), "d": a["late_deduction"]}
        )
    if a.get("today"):
        parts.append(pgettext("reason", "due this Sunday: %(n)s") % {"n": a["today"]})
    if a.get("overdue"):
        each = details(
            pgettext("reason", "%(name)s %(weeks)s weeks overdue, %(d)s points")
            % {"name": quoted(n["name"]), "weeks": n["weeks"], "d": n["deduction"]}
            for n in a["overdue"]
        )
        parts.append(
            pgettext("reason", "overdue: %(n)s (%(each)s)") % {"n": len(a["overdue"]), "each": each}
        )
    if a.get("capped"):
        parts.append(
            pgettext("reason", "deductions %(d)s points in all, the item cannot go below 0")
            % {"d": a["capped"]}
        )
    parts.append(score_words(a["points"], a["weight"]))
    return clauses(parts)


def _reporting(a: Args) -> str:
    score = score_words(a["points"], a["weight"])
    if a["report"] == "on_time":
        return pgettext("reason", "This week's report came on time; %(score)s") % {"score": score}
    if a["report"] == "late":
        return pgettext("reason", "This week's report came late; %(score)s") % {"score": score}
    return pgettext("reason", "This week's report is missing (%(n)s weeks in a row); %(score)s") % {
        "n": a["missing_in_row"],
        "score": score,
    }


def _problems(a: Args) -> str:
    score = score_words(a["points"], a["weight"])
    if not a["count"]:
        return pgettext("reason", "No overdue problem of the unit's own; %(score)s") % {
            "score": score
        }
    return pgettext(
        "reason", "Overdue problems of the unit's own: %(n)s, %(d)s points each; %(score)s"
    ) % {"n": a["count"], "d": a["each"], "score": score}


def _assessment(a: Args) -> str:
    score = score_words(a["points"], a["weight"])
    if a.get("assessment") is None:
        return pgettext(
            "reason", "No deduction by supervisors this week, counted as full marks; %(score)s"
        ) % {"score": score}
    return pgettext("reason", "Supervisors' and on-site assessment %(a)s/10; %(score)s") % {
        "a": a["assessment"],
        "score": score,
    }


def _adjustment(a: Args) -> str:
    text = pgettext("reason", "Adjusted by a supervisor %(asked)s points; reason: %(reason)s") % {
        "asked": a["asked"],
        "reason": a["reason"],
    }
    if a.get("applied") is not None:
        text += pgettext(
            "reason", " (the total stays within 0 and 100 points: %(applied)s applied)"
        ) % {"applied": a["applied"]}
    return text


def _trigger_investment_gap(a: Args) -> str:
    return pgettext(
        "reason",
        "Investment at %(ratio)s%% of plan, %(behind)s points behind 序时进度, more than "
        "%(gap)s points",
    ) % {"ratio": a["ratio"], "behind": a["behind"], "gap": a["gap"]}


def _trigger_node_overdue(a: Args) -> str:
    each = details(
        pgettext("reason", "%(name)s %(days)s days (%(weeks)s weeks) overdue")
        % {"name": quoted(n["name"]), "days": n["days"], "weeks": n["weeks"]}
        for n in a["nodes"]
    )
    return pgettext("reason", "Node %(each)s, more than %(limit)s weeks") % {
        "each": each,
        "limit": a["limit"],
    }


def _trigger_missing_reports(a: Args) -> str:
    return pgettext("reason", "Weekly reports missing in a row: %(n)s, the limit is %(limit)s") % {
        "n": a["n"],
        "limit": a["limit"],
    }


def _card_blue(a: Args) -> str:
    return pgettext("reason", "Total %(total)s ≥ %(blue)s, blue card") % a


def _card_red(a: Args) -> str:
    return pgettext("reason", "Total %(total)s < %(red)s, red card") % a


def _card_yellow(a: Args) -> str:
    return pgettext("reason", "Total %(total)s between %(red)s and %(blue)s, yellow card") % a


def _card_rank(a: Args) -> str:
    place = (
        pgettext("reason", "tied No. %(n)s") if a["tied"] else pgettext("reason", "No. %(n)s")
    ) % {"n": a["place"]}
    text = pgettext(
        "reason",
        "Total %(total)s, %(place)s of %(count)s (the first %(blue)s blue, the last %(red)s "
        "red), %(card)s",
    ) % {
        "total": a["total"],
        "place": place,
        "count": a["count"],
        "blue": a["n_blue"],
        "red": a["n_red"],
        "card": card_label(a["card"]),
    }
    if a.get("straddles"):
        text += pgettext("reason", " (equal totals share the better card)")
    return text


def _card_forced(a: Args) -> str:
    text = (
        pgettext("reason", "also a hard trigger (%(names)s): red card")
        if a["already_red"]
        else pgettext("reason", "a hard trigger (%(names)s): red card")
    )
    return text % {"names": names(trigger_label(key) for key in a["triggers"])}


def _card_exempt(a: Args) -> str:
    return pgettext("reason", "exemption approved: kept off red, shown yellow")


SENTENCES: dict[str, Callable[[Args], str]] = {
    "investment.no_plan": _investment_no_plan,
    "investment.ratio": _investment_ratio,
    "nodes.none_due": _nodes_none_due,
    "nodes.due": _nodes_due,
    "reporting": _reporting,
    "problems": _problems,
    "assessment": _assessment,
    "adjustment": _adjustment,
    "trigger.investment_gap": _trigger_investment_gap,
    "trigger.node_overdue": _trigger_node_overdue,
    "trigger.missing_reports": _trigger_missing_reports,
    "card.blue": _card_blue,
    "card.red": _card_red,
    "card.yellow": _card_yellow,
    "card.rank": _card_rank,
    "card.forced": _card_forced,
    "card.exempt": _card_exempt,
}


def render(reason: Reason) -> str:
    """The reason in the active language; an unknown code (a newer run's) by its code."""
    sentence = SENTENCES.get(reason.code)
    if sentence is None:
        return reason.code
    return sentence(reason.args)
