import pytest

from scoring.services import score_campaign_week
from tests.scoring.factories import W46, W47, make_district


@pytest.fixture
def district(campaign, unit, leader):
    """Eight projects of one unit and leader, weeks 46 and 47 scored (a module may narrow it)."""
    projects = make_district(campaign, unit, leader, 8)
    for week in (W46, W47):
        score_campaign_week(campaign=campaign, week=week)
    return projects
