"""One choice carries a card's label and colour; one badge draws it everywhere."""

import re
from pathlib import Path

import django_tables2 as tables
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from config.colours import PALETTE, coloured_choices
from projects.badges import card_badge
from projects.choices import CARD_LABELS_ZH, Card, ReportStatus
from projects.tables import CardColumn, StatusColumn
from reports.labels import CARDS as REPORT_CARDS
from scoring.results import CARD_LABELS

ROOT = Path(settings.BASE_DIR)


def test_a_card_carries_its_label_and_colour():
    assert Card.choices == [("blue", "蓝牌"), ("yellow", "黄牌"), ("red", "红牌")]
    assert (Card.RED.colour, Card.RED.hex, Card.YELLOW.ink) == ("red", "#c62828", "#3b2f00")
    assert ReportStatus.colour_of("returned") == "orange"
    assert ReportStatus.colour_of("nonsense") == "grey"


def test_every_chinese_label_of_a_card_is_the_choice_s():
    with translation.override("en"):
        assert str(Card.RED.label) == "Red"
        # Documents and stored reasons stay Chinese, from the same choice.
        assert CARD_LABELS["red"] == REPORT_CARDS["red"] == CARD_LABELS_ZH["red"] == "红牌"
    assert REPORT_CARDS[""] == "未评分" and REPORT_CARDS.get("purple") is None


def test_the_badge_draws_label_and_colour():
    assert card_badge("yellow") == '<span class="card card-yellow">黄牌</span>'
    assert card_badge("") == card_badge(None) == "—"
    assert card_badge("red", big=True, text="55.0", href="/x/", extra="exempt", title="W48") == (
        '<a class="card card-red big exempt" href="/x/" title="W48">55.0</a>'
    )
    with translation.override("en"):
        assert card_badge("blue") == '<span class="card card-blue">Blue</span>'


def test_the_template_tags_draw_the_same_badge():
    html = Template(
        '{% load cards %}{% card_badge code %}|{% status_badge "returned" %}'
        '|{% card_badge "blue" text=n %}'
    ).render(Context({"code": "red", "n": 7}))
    assert html == (
        '<span class="card card-red">红牌</span>|<span class="badge badge-orange">已退回</span>'
        '|<span class="card card-blue">7</span>'
    )


class Row:
    def __init__(self, card, status="draft"):
        self.card, self.week_card, self.status = card, card, status


def test_one_column_renders_a_field_an_annotation_and_a_dict():
    class Cards(tables.Table):
        card = CardColumn()
        week_card = CardColumn()
        status = StatusColumn()

    rows = list(Cards([Row("blue", "accepted"), Row("", "missing")]).as_values())
    # Exports get the label; an unscored project exports nothing rather than a dash.
    assert rows[1] == ["蓝牌", "蓝牌", "已审核"]
    assert rows[2][2] == "未填报" and not any(rows[2][:2])
    table = Cards([{"card": "red", "week_card": None, "status": "submitted"}])
    cells = [cell for _column, cell in table.rows[0].items()]
    assert cells[0] == '<span class="card card-red">红牌</span>'
    assert cells[1] == "—"
    assert cells[2] == '<span class="badge badge-blue">已提交</span>'


def test_every_coloured_status_is_a_coloured_choice():
    """Each app's statuses carry their colour; ``{% badge "<app>.<Name>" %}`` finds them."""
    from problems.choices import Level, Status

    assert (Status.REOPENED.colour, Level.HEAD.colour, Level.choices[0]) == (
        "red",
        "orange",
        (0, "承办部门"),
    )
    for name in (
        "projects.Card",
        "projects.ReportStatus",
        "problems.Status",
        "problems.Level",
        "escalation.NoticeStatus",
        "reports.ReportStatus",
        "observation.RoundStatus",
        "outbox.Status",
        "scoring.FlagStatus",
        "audit.Result",
        "workbooks.ImportStatus",
        "workbooks.RowStatus",
    ):
        choices = coloured_choices(name)
        assert all(member.colour in PALETTE for member in choices), name


def test_the_generic_tag_draws_any_status_and_a_marker():
    html = Template(
        '{% load cards %}{% badge "problems.Level" 2 text="↑ 包靠领导" extra="level" %}'
        '|{% badge "outbox.Status" "failed" big=True title="timeout" %}'
        '|{% badge "outbox.Status" "x" %}'
        '|{% status_badge "missing" suffix=3 %}|{% marker "orange" "逾期" %}|{% marker "" 7 %}'
    ).render(Context())
    assert html == (
        '<span class="badge badge-red level">↑ 包靠领导</span>'
        '|<span class="badge badge-red big" title="timeout">发送失败</span>|—'
        '|<span class="badge badge-red">未填报 3</span>'
        '|<span class="badge badge-orange">逾期</span>'
        '|<span class="badge">7</span>'
    )
    with pytest.raises(ValueError):
        Template('{% load cards %}{% marker "purple" "x" %}').render(Context())


def test_every_badge_a_template_names_is_a_coloured_choice():
    """A template names its choice as a string: a renamed or moved choice must fail here."""
    named = re.compile(r'{% badge "([\w.]+)"')
    names = {
        name
        for path in (ROOT / "templates").rglob("*.html")
        for name in named.findall(path.read_text())
    }
    assert names and all(coloured_choices(name) for name in names)


def test_no_template_colours_a_badge_by_hand():
    """Every badge goes through {% badge %} / {% marker %}: no raw class="badge …" span."""
    raw = re.compile(r"""class=["']badge\b|badge-\{""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if raw.search(path.read_text())
    ]
    assert offenders == []


def test_no_module_draws_a_badge_of_its_own():
    """In Python too, only config.badges writes the badge's markup."""
    raw = re.compile(r"""class=["'](badge|card)\b""")
    offenders = [
        str(path.relative_to(ROOT))
        for app in ROOT.iterdir()
        if (app / "apps.py").exists()
        for path in app.rglob("*.py")
        if path != ROOT / "config" / "badges.py" and raw.search(path.read_text())
    ]
    assert offenders == []


def test_no_template_draws_a_card_of_its_own():
    """Every card goes through {% card_badge %}: no raw class="card card-…" in a template."""
    raw = re.compile(r"""class="card\b|card-\{\{""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if raw.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.parametrize("colour", sorted(PALETTE))
def test_the_stylesheet_uses_the_palette(colour):
    """app.css cannot import Python: its colour variables must say what the palette says."""
    css = (ROOT / "static" / "css" / "app.css").read_text()
    assert f"--{colour}: {PALETTE[colour][0]};" in css


def test_the_pdf_stylesheet_takes_the_cards_from_the_choice():
    html = Template("{% load cards %}{% card_css %}").render(Context())
    assert ".card-yellow { background: #e0a800; color: #3b2f00; }" in html
    pdf = (ROOT / "templates" / "reports" / "pdf" / "document.html").read_text()
    assert "{% card_css %}" in pdf and "#e0a800" not in pdf
