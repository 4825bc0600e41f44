"""The weekly report from a phone on site, through the supervisor's return, to the resubmission."""

from decimal import Decimal

import pytest
from PIL import Image
from playwright.sync_api import expect

from projects.choices import ReportStatus
from projects.models import WeeklyReport

from .conftest import login, make_jpeg, no_horizontal_scroll, screenshot

pytestmark = pytest.mark.browser

PROGRESS = "主体结构施工至第五层，完成钢筋绑扎和模板支设。"
NEXT_PLAN = "第六层混凝土浇筑，设备基础开挖。"
CORRECTED = "主体结构施工至第五层；本周完成投资按统计局入库数据核实。"
REASON = "投资额与统计入库数不符，请核实后重新上报。"


def test_report_drafted_submitted_returned_and_resubmitted(
    new_page, live_server, project, reporter, supervisor, week_label, tmp_path
):
    photo = make_jpeg(tmp_path / "site.jpg")

    # --- the reporter, on a phone at the site ---------------------------------------------------
    phone = new_page("phone")
    login(phone, live_server, reporter.username)
    assert phone.url.endswith("/week/"), "a reporter starts the day on this week's page"
    row = phone.locator("article.item", has_text=project.name)
    expect(row).to_contain_class("status-missing")
    assert no_horizontal_scroll(phone)
    row.locator(f'a[href$="/projects/{project.pk}/weeks/{week_label}/"]').click()

    form = phone.locator("form.form")
    expect(form).to_be_visible()
    form.locator("#id_stage").select_option("construction")
    form.locator("#id_ytd_investment").fill("8650.50")
    form.locator("#id_investment_source").select_option("statistics")
    form.locator("#id_progress").fill(PROGRESS)
    form.locator("#id_next_plan").fill(NEXT_PLAN)
    assert no_horizontal_scroll(phone), "the form must fit a phone without sideways scrolling"
    screenshot(phone, "journey-1-phone-form-filled")
    save = form.locator("button[name=save]")
    expect(save).to_be_in_viewport()  # the sticky action bar stays on screen while typing
    save.tap()

    expect(phone.locator(".msg-success")).to_be_visible()
    expect(phone.locator("#id_progress")).to_have_value(PROGRESS)
    draft = WeeklyReport.objects.get(project=project)
    assert draft.status == ReportStatus.DRAFT
    assert draft.ytd_investment == Decimal("8650.50")
    assert draft.investment_source == "statistics"

    # Back to the week later through the phone menu: the draft is waiting; continue it, attach
    # a site photo and submit.
    nav_this_week = phone.locator('nav a[href="/week/"]')
    expect(nav_this_week).to_be_hidden()
    phone.locator(".nav-toggle-label").tap()
    expect(nav_this_week).to_be_visible()
    screenshot(phone, "journey-2-phone-menu-open", full_page=False)
    nav_this_week.tap()
    phone.wait_for_url(f"{live_server.url}/week/")
    row = phone.locator("article.item", has_text=project.name)
    expect(row).to_contain_class("status-draft")
    row.locator(f'a[href$="/weeks/{week_label}/"]').click()
    expect(phone.locator("#id_progress")).to_have_value(PROGRESS)
    expect(phone.locator("#id_next_plan")).to_have_value(NEXT_PLAN)
    phone.locator("#id_photos").set_input_files(photo)
    phone.locator("#id_photos").scroll_into_view_if_needed()
    screenshot(phone, "journey-3-phone-form-photo-screen", full_page=False)
    phone.locator("button[name=submit]").tap()

    phone.wait_for_url(f"{live_server.url}/week/")
    expect(phone.locator(".msg-success")).to_be_visible()
    expect(phone.locator("article.item", has_text=project.name)).to_contain_class(
        "status-submitted"
    )
    submitted = WeeklyReport.objects.get(project=project)
    assert submitted.status == ReportStatus.SUBMITTED
    assert submitted.photos.count() == 1
    phone.context.close()

    # --- the supervisor, at a desk ----------------------------------------------------------------
    desk = new_page("desktop")
    login(desk, live_server, supervisor.username)
    assert desk.url.endswith("/review/"), "a supervisor starts the day on the review queue"
    desk.locator(".table-wrap a", has_text=project.name).click()
    desk.wait_for_url(f"**/reports/{submitted.pk}/")
    expect(desk.locator("dd.text").first).to_contain_text(PROGRESS)
    # The report page shows each photo with its evidence (taken when, where), not bare thumbnails.
    evidence_photo = desk.locator(".photo-evidence img")
    expect(evidence_photo).to_have_count(1)
    evidence_photo.evaluate("img => img.decode()")  # wait for it to load (lazy or not)
    assert evidence_photo.evaluate("img => img.naturalWidth") > 0, "photo is served"
    screenshot(desk, "journey-4-desktop-supervisor-report")
    desk.locator(".return-form textarea[name=reason]").fill(REASON)
    desk.locator(".return-form button[type=submit]").click()
    desk.wait_for_url(f"{live_server.url}/review/")
    expect(desk.locator(".msg-success")).to_be_visible()
    expect(desk.locator(".table-wrap a", has_text=project.name)).to_have_count(0)
    desk.context.close()

    # --- the reporter again: sees why, corrects, resubmits -------------------------------------
    phone = new_page("phone")
    login(phone, live_server, reporter.username)
    row = phone.locator("article.item", has_text=project.name)
    expect(row).to_contain_class("status-returned")
    expect(row.locator(".error")).to_contain_text(REASON)
    assert no_horizontal_scroll(phone)
    screenshot(phone, "journey-5-phone-this-week-returned")
    row.locator(f'a[href$="/weeks/{week_label}/"]').click()

    expect(phone.locator(".errorbox")).to_contain_text(REASON)
    expect(phone.locator(".thumbs img")).to_have_count(1)
    expect(phone.locator("#id_progress")).to_have_value(PROGRESS)
    assert no_horizontal_scroll(phone)
    screenshot(phone, "journey-6-phone-form-returned")
    screenshot(phone, "journey-6b-phone-form-returned-screen", full_page=False)
    phone.locator("#id_ytd_investment").fill("8420")
    phone.locator("#id_progress").fill(CORRECTED)
    phone.locator("button[name=submit]").tap()
    phone.wait_for_url(f"{live_server.url}/week/")
    expect(phone.locator("article.item", has_text=project.name)).to_contain_class(
        "status-submitted"
    )
    screenshot(phone, "journey-7-phone-this-week-resubmitted")

    final = WeeklyReport.objects.get(project=project)
    assert final.status == ReportStatus.SUBMITTED
    assert final.progress == CORRECTED
    assert final.ytd_investment == Decimal("8420.00")
    assert final.submitted_by == reporter
    assert final.return_reason == REASON, "the last return's reason stays on the report"
    stored = final.photos.get()
    assert stored.uploaded_by == reporter
    with Image.open(stored.image.path) as image:
        assert image.format == "JPEG" and image.size == (1200, 900)
    history = list(final.history.order_by("history_date"))
    assert [h.status for h in history] == ["draft", "submitted", "returned", "submitted"]
    returned = history[2]
    assert returned.history_user == supervisor
    assert REASON in returned.history_change_reason
    assert returned.return_reason == REASON
    project.refresh_from_db()
    assert project.ytd_investment == Decimal("8420.00")
