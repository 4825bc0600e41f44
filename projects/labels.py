"""What ``str()`` of a unit and of a leader shows, worked out by the database (the models'
``__str__``, kept in step): lists and filter bars read names as values, not model objects."""

from django.db.models import Case, F, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

from accounts.models import Leader, Unit


def unit_label(via: str = "") -> Combinable:
    """``str(unit)``: its short name, else its name; ``via`` reaches it ("unit__")."""
    return Coalesce(NullIf(f"{via}short_name", Value("")), f"{via}name")


def leader_label(via: str = "") -> Combinable:
    """``str(leader)``: 姓名（职务）, or the name alone without a title."""
    return Case(
        When(**{f"{via}title": ""}, then=F(f"{via}name")),
        default=Concat(f"{via}name", Value("（"), f"{via}title", Value("）")),
    )


def person_label(via: str = "") -> Combinable:
    """``user.display_name``: the full name, else the user name; ``via`` reaches it ("author__")."""
    full = Trim(Concat(f"{via}first_name", Value(" "), f"{via}last_name"))
    return Coalesce(NullIf(full, Value("")), f"{via}username")


LABELS = {Unit: unit_label, Leader: leader_label}
