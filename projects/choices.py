"""Choices of the register. A colour lives with its choice so one badge renders it everywhere
(NetBox's ChoiceSet shape: ``(value, colour, label)``, config.colours; ``projects.badges``
draws the badge)."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from config.colours import ColouredChoices


class Category(models.TextChoices):
    INDUSTRY = "industry", _("Industry")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    LIVELIHOOD = "livelihood", _("Social and livelihood")


class Stage(models.TextChoices):
    PREPARATION = "preparation", _("Preparation")
    STARTED = "started", _("Works started")
    CONSTRUCTION = "construction", _("Construction")
    COMPLETED = "completed", _("Completed")
    PRODUCTION = "production", _("In production")


# The stages whose weekly report should carry site photos: there is a site and work on it.
# Before works start (手续办理) and after completion there is nothing new to photograph.
PHOTO_STAGES = frozenset({Stage.STARTED.value, Stage.CONSTRUCTION.value})


class TargetKind(models.TextChoices):
    PRODUCTION = "production", _("Into production this year")
    ACCELERATE = "accelerate", _("Accelerate construction")


class InvestmentSource(models.TextChoices):
    UNIT_REPORT = "unit", _("Unit's report")
    STATISTICS = "statistics", _("Investment statistics")
    CONTRACTOR = "contractor", _("Contractor statement")
    ONSITE = "onsite", _("On-site check")


class NodeKind(models.TextChoices):
    START = "start", _("Start of works")
    TOPPING = "topping", _("Main structure topped out")
    EQUIPMENT = "equipment", _("Equipment installed")
    COMPLETION = "completion", _("Completion")
    PRODUCTION = "production", _("Into production")
    OTHER = "other", _("Other")


class ReportStatus(ColouredChoices):
    MISSING = "missing", "red", _("Missing")  # never stored: a report that does not exist yet
    DRAFT = "draft", "grey", _("Draft")
    SUBMITTED = "submitted", "blue", _("Submitted")
    RETURNED = "returned", "orange", _("Returned")
    ACCEPTED = "accepted", "green", _("Accepted")


class Card(ColouredChoices):
    """The weekly card: the one place its label (蓝牌…) and its colour are defined."""

    BLUE = "blue", "blue", _("Blue")
    YELLOW = "yellow", "yellow", _("Yellow")
    RED = "red", "red", _("Red")

    @property
    def badge_kind(self) -> str:
        return "card"  # a card is drawn as a card, not a pill (static/css/app.css)


class ChineseLabels(Mapping):
    """A choice's labels in Chinese whatever the reader's language, for what is Chinese by
    nature (official documents, stored reason texts, command output): ``CARDS["red"]``."""

    def __init__(self, choices: type[models.TextChoices], extra: dict[str, str] | None = None):
        self.choices, self.extra = choices, extra or {}

    def __getitem__(self, code: str) -> str:
        if code in self.extra:
            return self.extra[code]
        member = self.choices(code)  # ValueError, like a KeyError, for an unknown code
        with translation.override("zh-hans"):
            return str(member.label)

    # One plain get rather than Mapping's overloads: an unknown code gives the default.
    def get(self, code: str, default: Any = None) -> Any:
        try:
            return self[code]
        except (KeyError, ValueError):
            return default

    def __iter__(self) -> Iterator[str]:
        yield from self.extra
        yield from (v for v in self.choices.values if v not in self.extra)

    def __len__(self) -> int:
        return len(set(self.extra) | set(self.choices.values))


CARD_LABELS_ZH = ChineseLabels(Card)
