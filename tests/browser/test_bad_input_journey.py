"""A reporter on a phone mistypes the amount, three ways: each time the form says that the amount
is wrong and keeps the text typed; with the amount corrected, the report goes through as typed.

The wording is being translated as these tests are written, so they look for the field's error
element and the kept text, never for a sentence. One test for the three mistakes keeps it to one
login and one database flush.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from projects.choices import ReportStatus
from projects.models import WeeklyReport

from .conftest import login, no_horizontal_scroll, open_ok, screenshot

pytestmark = pytest.mark.browser

PROGRESS = "场地平整完成，塔吊基础浇筑。\n临时用电已接通。"
NEXT_PLAN = "桩基施工。"


def type_negative(page: Page) -> None:
    page.locator("#id_ytd_investment").fill("-120")


def type_letters(page: Page) -> None:
    """Letters and an IME's Chinese numerals: the amount box is a text box (a number box would
    silently drop them), so the server sees them, refuses them and gives them back."""
    amount = page.locator("#id_ytd_investment")
    amount.fill("")
    amount.click()
    page.keyboard.type("abc")
    page.keyboard.insert_text("一千二百")
    expect(amount).to_have_value("abc一千二百")


def type_approximate(page: Page) -> None:
    """An approximate figure is not a figure."""
    page.locator("#id_ytd_investment").fill("约1200")


MISTAKES = [type_negative, type_letters, type_approximate]


def test_bad_amount_is_refused_and_the_text_is_kept(
    phone_page, live_server, project, reporter, week_label
):
    page = phone_page
    login(page, live_server, reporter.username)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    open_ok(page, f"{live_server.url}/projects/{project.pk}/weeks/{week_label}/")
    page.locator("#id_progress").fill(PROGRESS)
    page.locator("#id_next_plan").fill(NEXT_PLAN)

    for mistype in MISTAKES:
        mistype(page)
        with page.expect_navigation():
            page.locator("button[name=submit]").tap()
        expect(page.locator("form.form [role=alert]")).to_be_visible()
        amount_field = page.locator(".field.has-error", has=page.locator("#id_ytd_investment"))
        expect(amount_field.locator(".error")).to_have_count(1)
        expect(amount_field.locator(".error")).not_to_be_empty()
        expect(page.locator(".field.has-error")).to_have_count(1)  # only the amount is wrong
        expect(page.locator("#id_progress")).to_have_value(PROGRESS)
        expect(page.locator("#id_next_plan")).to_have_value(NEXT_PLAN)
        assert no_horizontal_scroll(page)
        screenshot(page, f"bad-input-{mistype.__name__}")
        assert not WeeklyReport.objects.filter(project=project).exists(), mistype.__name__

    # Full-width digits, a thousands comma and the unit, as typed on a phone, are accepted.
    page.locator("#id_ytd_investment").fill("１,２００万元")
    page.locator("button[name=submit]").tap()
    page.wait_for_url(f"{live_server.url}/week/")
    report = WeeklyReport.objects.get(project=project)
    assert report.status == ReportStatus.SUBMITTED
    assert report.ytd_investment == Decimal("1200")
    # The textarea's line break comes back from the browser as CRLF.
    assert report.progress.replace("\r\n", "\n") == PROGRESS
    assert report.next_plan == NEXT_PLAN
