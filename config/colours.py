"""Choices that carry a colour (NetBox's ChoiceSet shape: ``(value, colour, label)``).

Every app's coloured statuses are these, in its own choices module; one badge draws them
(config.badges: ``badge``, ``ChoiceBadgeColumn``, and ``{% badge %}``)."""

from django.db import models

# The palette's hex values, for what CSS cannot colour: SVG charts drawn for PDFs and e-mails,
# and the PDF stylesheet. static/css/app.css declares the same (tests/projects/test_badges.py).
PALETTE = {
    "blue": ("#1f5fbf", "#ffffff"),
    "yellow": ("#e0a800", "#3b2f00"),
    "red": ("#c62828", "#ffffff"),
    "green": ("#2e7d32", "#ffffff"),
    "orange": ("#ef6c00", "#ffffff"),
    "grey": ("#7b8794", "#ffffff"),
}


class _Coloured:
    """A choice member that carries a palette colour: ``BLUE = "blue", "blue", _("Blue")``.

    ``.choices`` stays (value, label), so model fields and migrations do not change. Every
    coloured choice is registered under ``"<app>.<Name>"`` so a template can name it
    (``{% badge "problems.Status" p.status %}``, projects.templatetags.cards)."""

    registry: dict[str, type] = {}
    colour: str  # each member's, set by _new_member

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("Coloured"):
            _Coloured.registry[f"{cls.__module__.split('.')[0]}.{cls.__name__}"] = cls

    @property
    def badge_kind(self) -> str:
        """The badge's CSS class: "badge", or "card" for the card (config.badges)."""
        return "badge"

    @property
    def hex(self) -> str:
        return PALETTE[self.colour][0]

    @property
    def ink(self) -> str:
        """The text colour that reads on :attr:`hex`."""
        return PALETTE[self.colour][1]

    @classmethod
    def member(cls, code):
        """The member of a stored code, or None for a code that is none of them."""
        try:
            return cls(code)
        except ValueError:
            return None

    @classmethod
    def colour_of(cls, code, default: str = "grey") -> str:
        member = cls.member(code)
        return member.colour if member is not None else default


def _new_member(cls, value, colour: str):
    # On each enum, not on the mixin: Enum takes a mixin's __new__ for a second data type.
    member = cls._member_type_.__new__(cls, value)
    member._value_ = value
    member.colour = colour
    return member


class ColouredChoices(_Coloured, models.TextChoices):
    """Text choices whose members carry a palette colour."""

    __new__ = _new_member  # type: ignore[assignment]  # a member is (value, colour), not a value


class ColouredIntegerChoices(_Coloured, models.IntegerChoices):
    """Integer choices whose members carry a palette colour (a problem's level)."""

    __new__ = _new_member  # type: ignore[assignment]  # a member is (value, colour), not a value


def coloured_choices(name: str) -> type:
    """The coloured choice registered as ``"<app>.<Name>"`` ("problems.Status")."""
    return _Coloured.registry[name]
