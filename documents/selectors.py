"""Which documents a person may open: those about what the person may see."""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from accounts.models import User
from projects.scope import projects_for

from .models import Document

# Which documents an issuing app's records carry for a person is that app's rule: the ladder
# (its notices) and the reports sit above this app and hand theirs over in their ready().
VISIBLE: dict[str, Callable[[User], Q | None]] = {}


def visible_by(app: str, rule: Callable[[User], Q | None]) -> None:
    """``rule(user)``: the filter on Document of what ``app``'s records let the user open."""
    VISIBLE[app] = rule


def documents_for(user: User) -> QuerySet[Document]:
    if not user.is_authenticated or not user.is_active:
        return Document.objects.none()
    visible = Q(accountability__project__in=projects_for(user).values("pk"))
    for rule in VISIBLE.values():
        if (more := rule(user)) is not None:
            visible |= more
    return Document.objects.filter(visible)
