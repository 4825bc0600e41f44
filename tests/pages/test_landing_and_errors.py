"""Each role lands on the page it starts its day on; the error pages speak the reader's language."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("manager", "dashboard:dashboard"),
        ("leader_user", "dashboard:dashboard"),
        ("reporter", "projects:this_week"),
        ("handler", "problems:inbox"),
        ("supervisor", "projects:review"),
    ],
)
def test_each_role_lands_on_its_page(client, request, campaign, role, page):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("projects:home"))
    assert response.status_code == 302 and response["Location"] == reverse(page)
    assert client.get(response["Location"]).status_code == 200


def test_logging_in_lands_there_too(client, manager, campaign):
    response = client.post(
        reverse("login"), {"username": manager.username, "password": "pass-12345"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard:dashboard")


def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_403_in_chinese_and_in_english(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("projects:review"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "此页面不对您的角色开放" in body and "Forbidden" not in body
    assert reporter.display_name in body  # the page keeps the menu and who is signed in
    english(client)
    body = client.get(reverse("projects:review")).content.decode()
    assert "This page is not open to your role" in body


def test_404_in_chinese_and_in_english(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("projects:detail", args=[999999]))
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面未找到" in body and "Not Found" not in body
    english(client)
    assert "This page was not found" in client.get("/no-such-page/").content.decode()


@pytest.mark.urls("tests.pages.urls_failing")
def test_500_in_chinese_and_in_english(client, reporter):
    client.raise_request_exception = False
    client.force_login(reporter)
    response = client.get("/fail/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "系统出现错误" in body and "Server Error" not in body
    english(client)
    assert "Something went wrong on our side" in client.get("/fail/").content.decode()
