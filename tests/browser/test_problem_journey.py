"""The loop in a browser: a reporter raises a problem, the department answers it with a file, the
reporter closes it (销号); another problem goes overdue and is on the dispatch meeting's agenda.

The session's one Chromium and the folder's pages (tests/browser/conftest.py), like every
browser journey.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from problems import overdue
from problems.choices import Level, Status
from problems.models import Problem
from projects import weeks
from tests.browser.conftest import login, no_horizontal_scroll, screenshot
from tests.problems.factories import CategoryRouteFactory, ProblemFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def route(region, department):
    return CategoryRouteFactory(
        region=region, category="land", department=department, days_to_solve=10
    )


TITLE = "二期用地指标未落实"
NEED = "需协调解决约45亩新增建设用地指标，完成土地组卷报批。"
ANSWER = "新增建设用地指标已下达，土地组卷已报市局审批，见附件批复。"


def test_raise_answer_with_a_file_and_close(
    new_page, live_server, project, reporter, handler, route, department, tmp_path
):
    # --- the reporter, on a phone: from the project page to the department ------------------
    phone = new_page("phone")
    login(phone, live_server, reporter.username)
    phone.goto(f"{live_server.url}/projects/{project.pk}/")
    button = phone.locator(f'#problems a[href="/problems/new/{project.pk}/"]')
    expect(button).to_be_visible()
    # The project page is wider than a phone (its monthly-plan table), which throws taps off
    # target on a zoomed-out mobile page; follow the button's link instead.
    phone.goto(live_server.url + button.get_attribute("href"))
    phone.locator("#id_category").select_option("land")
    phone.locator("#id_title").fill(TITLE)
    phone.locator("#id_need").fill(NEED)
    assert no_horizontal_scroll(phone)
    phone.locator("form.form button[type=submit]").click()
    phone.wait_for_url(lambda url: "/new/" not in url)
    expect(phone.locator(".msg-success")).to_be_visible()
    problem = Problem.objects.get(title=TITLE)
    assert (problem.status, problem.department) == (Status.ASSIGNED, department)
    screenshot(phone, "problems-1-raised-phone")

    # --- the department's handler, at a desk: the inbox, an answer with evidence -------------
    desk = new_page("desktop")
    login(desk, live_server, handler.username)
    expect(desk).to_have_url(f"{live_server.url}/problems/inbox/")  # a handler lands there
    desk.locator('nav.nav a[href="/problems/inbox/"]').click()
    row = desk.locator("table.problems tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    screenshot(desk, "problems-2-inbox")
    row.locator(f'a[href="/problems/{problem.pk}/"]').click()
    evidence = tmp_path / "用地批复.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% land approval\n")
    answer = desk.locator("form.act-answer")
    answer.locator("textarea").fill(ANSWER)
    answer.locator("input[type=file]").set_input_files(evidence)
    answer.locator("button[type=submit]").click()
    expect(desk.locator(".msg-success")).to_be_visible()
    expect(desk.locator(".events", has_text=ANSWER)).to_be_visible()
    problem.refresh_from_db()
    assert problem.status == Status.ANSWERED
    assert problem.files.get().name == "用地批复.pdf"

    # --- the reporter reads the answer, opens the evidence, and closes the problem -----------
    phone.reload()
    link = phone.locator(".events a", has_text="用地批复.pdf")
    expect(link).to_be_visible()
    with phone.expect_response(lambda r: "/problems/files/" in r.url) as got:
        phone.evaluate("url => fetch(url)", link.get_attribute("href"))
    assert got.value.status == 200
    phone.locator("form.act-confirm button[type=submit]").tap()
    expect(phone.locator(".msg-success")).to_be_visible()
    problem.refresh_from_db()
    assert problem.status == Status.CLOSED
    screenshot(phone, "problems-3-closed-phone")


def test_an_overdue_problem_is_on_the_agenda(
    new_page, live_server, project, department, reporter, supervisor, handler
):
    today = weeks.local_today()
    late = ProblemFactory(
        project=project,
        department=department,
        raised_by=reporter,
        title="施工临时用电容量不足",
        deadline=today - dt.timedelta(days=8),
        created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=20),
    )
    overdue.overdue_climb(notify=False)  # what the hourly beat job does
    late.refresh_from_db()
    assert late.level == Level.LEADER

    page = new_page("desktop")
    login(page, live_server, supervisor.username)
    page.locator('nav a[href="/problems/meeting/"]').click()
    group = page.locator("section.agenda-group", has_text=department.name)
    expect(group.locator("tr", has_text=late.title)).to_have_class("level-2")
    screenshot(page, "problems-4-agenda")
    page.locator("#id_attendees").fill("常务副区长、区自然资源局、区发改局")
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_url(lambda url: "/meetings/" in url)
    expect(page.locator("main", has_text=late.title)).to_be_visible()
