"""Template tags of the loop: the problems panel on the project page, and the badges."""

from django import template

from projects import weeks

from .. import selectors
from ..choices import CLOCK_RUNS, Level
from ..scope import can_raise

register = template.Library()


@register.inclusion_tag("problems/_panel.html", takes_context=True)
def problems_panel(context, project, week_label=""):
    """The project's problems the user may see, with a "raise a problem" button for its unit."""
    user = context["request"].user
    return {
        "project": project,
        "problems": selectors.project_problems(user=user, project=project),
        "can_raise": can_raise(user, project),
        "today": weeks.local_today(),
        "week_label": week_label,
    }


@register.inclusion_tag("problems/_badges.html")
def problem_badges(problem, today=None):
    """Status, escalation level and days overdue of one problem, as badges."""
    today = today or weeks.local_today()
    late = (today - problem.deadline).days
    return {
        "problem": problem,
        "level_text": f"↑ {Level(problem.level).label}",
        "late": late if problem.status in CLOCK_RUNS and late > 0 else 0,
    }
