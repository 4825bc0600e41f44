"""The project list's cells drawn from its plain rows (``projects.rows``), each column's by one
function of its row (config.cells). tests/projects/test_list_rows.py holds them to the same
HTML as django-tables2's own."""

from config.badges import DASH
from config.cells import Draw, Drawers, link_cell, money_cell, text_cell
from config.tables import pk_url

from .badges import card_badge
from .choices import Card, Category, Stage, TargetKind


def _card() -> Draw:
    """The card's badge (CardColumn), each card's drawn once for the page's rows."""
    badges = {code: str(card_badge(code)) for code in Card.values}
    return lambda record: badges.get(record["card"], DASH)


# Each column of ProjectTable by name: what draws its cells, made once per table.
CELLS: Drawers = {
    "code": text_cell("code"),
    "name": link_cell("name", pk_url("projects:detail")),
    "card": _card,
    "district": text_cell("district"),
    "category": text_cell("category", Category),
    "unit": text_cell("unit_label"),
    "leader": text_cell("leader_label"),
    "target": text_cell("target", TargetKind),
    "stage": text_cell("stage", Stage),
    "annual_plan": money_cell("annual_plan"),
    "ytd_investment": money_cell("ytd_investment"),
}
