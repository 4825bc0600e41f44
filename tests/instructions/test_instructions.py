"""批示: a leader or manager writes one on a project, a notice or a bulletin; it is shown at the
top of what it is on, sent to the units it names, answered by them, and stays on the dispatch
agenda until every named unit has answered."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from instructions.models import Instruction
from instructions.scope import instructions_for
from instructions.selectors import instructions_on
from instructions.services import instruction_answer, instruction_write
from tests.factories import CampaignFactory, ProjectFactory, RegionFactory, UnitFactory, UserFactory

from .conftest import bulletin

pytestmark = pytest.mark.django_db


def test_a_leader_writes_on_a_project_and_the_unit_answers(
    client,
    project,
    unit,
    department,
    leader_user,
    reporter,
    handler,
    supervisor,
    eager,
    django_capture_on_commit_callbacks,
):
    client.force_login(leader_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("instructions:write", args=["project", project.pk]),
            {
                "text": "请住建局、自然资源局本周内协调解决用地问题。",
                "units": [unit.pk, department.pk],
            },
        )
    assert response.status_code == 302
    instruction = Instruction.objects.get()
    assert instruction.project == project and instruction.author == leader_user
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([reporter.email, handler.email])
    assert "协调解决用地问题" in mail.outbox[0].body
    # Shown at the top of the project page, and on the agenda while open.
    page = client.get(project.get_absolute_url()).content.decode()
    assert page.index("协调解决用地问题") < page.index('class="facts"')
    client.force_login(supervisor)
    assert "协调解决用地问题" in client.get(reverse("problems:agenda")).content.decode()

    client.force_login(reporter)
    detail = reverse("instructions:detail", args=[instruction.pk])
    assert "代表本单位答复" in client.get(project.get_absolute_url()).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("instructions:answer", args=[instruction.pk]),
            {"text": "已对接，周五前报送用地方案。"},
        )
    instruction.refresh_from_db()
    assert instruction.is_open  # the department has not answered yet
    assert mail.outbox[0].to == [leader_user.email]
    client.force_login(handler)
    assert client.get(detail).status_code == 200
    client.post(reverse("instructions:answer", args=[instruction.pk]), {"text": "指标已下达。"})
    instruction.refresh_from_db()
    assert not instruction.is_open and instruction.answered_at is not None
    client.force_login(supervisor)
    assert "协调解决用地问题" not in client.get(reverse("problems:agenda")).content.decode()


def test_a_manager_writes_on_a_bulletin_and_a_reporter_answers_without_seeing_it(
    client, campaign, unit, manager, reporter
):
    report = bulletin(campaign)
    instruction = instruction_write(
        user=manager, on=report, text="红牌项目逐一分析原因。", units=[unit]
    )
    client.force_login(reporter)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 403
    page = client.get(reverse("instructions:detail", args=[instruction.pk]))
    assert page.status_code == 200 and "红牌项目逐一分析原因" in page.content.decode()
    assert "红牌项目逐一分析原因" in client.get(reverse("instructions:list")).content.decode()


def test_on_a_notice_at_its_top(client, issued, leader_user, reporter):
    instruction_write(
        user=leader_user, on=issued, text="限期整改到位。", units=[issued.project.unit]
    )
    client.force_login(reporter)
    page = client.get(issued.get_absolute_url()).content.decode()
    assert page.index("限期整改到位") < page.index("notice-log")


@pytest.mark.parametrize("who", ["reporter", "supervisor", "handler"])
def test_only_leaders_and_managers_write(request, client, project, unit, who):
    user = request.getfixturevalue(who)
    with pytest.raises(ValidationError):
        instruction_write(user=user, on=project, text="x", units=[unit])
    client.force_login(user)
    response = client.post(
        reverse("instructions:write", args=["project", project.pk]),
        {"text": "x", "units": [unit.pk]},
    )
    assert response.status_code in (403, 404)
    assert not Instruction.objects.exists()


def test_only_the_named_unit_answers(project, unit, other_unit, manager, reporter, other_reporter):
    instruction = instruction_write(user=manager, on=project, text="加快进度", units=[unit])
    line = instruction.addressees.get()
    with pytest.raises(ValidationError):
        instruction_answer(addressee=line, user=other_reporter, text="不是我们")
    with pytest.raises(ValidationError):
        instruction_answer(addressee=line, user=reporter, text="   ")
    instruction_answer(addressee=line, user=reporter, text="已落实")
    with pytest.raises(ValidationError):
        instruction_answer(addressee=line, user=reporter, text="再答一次")


def test_another_regions_things_and_units_are_refused(client, project, manager, unit):
    far = RegionFactory(code="weicheng", name="潍城区")
    far_unit = UnitFactory(region=far, name="潍城区住建局")
    far_project = ProjectFactory(campaign=CampaignFactory(region=far), unit=far_unit)
    client.force_login(manager)
    response = client.post(
        reverse("instructions:write", args=["project", far_project.pk]),
        {"text": "x", "units": [far_unit.pk]},
    )
    assert response.status_code == 404
    with pytest.raises(ValidationError):
        instruction_write(user=manager, on=project, text="x", units=[far_unit])
    with pytest.raises(ValidationError):
        instruction_write(user=manager, on=project, text="x" * 2001, units=[unit])


def test_the_write_form_refuses_bad_input_with_a_message(client, project, leader_user):
    client.force_login(leader_user)
    response = client.post(
        reverse("instructions:write", args=["project", project.pk]),
        {"text": "", "units": []},
        follow=True,
    )
    assert response.status_code == 200 and not Instruction.objects.exists()
    assert "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()


@pytest.mark.parametrize("query", ["?page=-1", "?page=abc", "?sort=nonsense", "?page=99999999"])
def test_the_list_answers_hostile_queries(client, leader_user, query):
    client.force_login(leader_user)
    assert client.get(reverse("instructions:list") + query).status_code in (200, 404)


@pytest.mark.parametrize("kind", ["nonsense", "user", "%00"])
def test_writing_on_something_else_is_404(client, leader_user, project, kind):
    client.force_login(leader_user)
    assert client.post(f"/instructions/write/{kind}/{project.pk}/", {}).status_code == 404


def test_an_unrelated_reporter_cannot_see_it(client, project, unit, manager):
    instruction = instruction_write(user=manager, on=project, text="加快进度", units=[unit])
    stranger = UserFactory(username="stranger", role="reporter", unit=UnitFactory(name="别的局"))
    client.force_login(stranger)
    assert client.get(reverse("instructions:detail", args=[instruction.pk])).status_code == 404


def test_the_list_filters_open_and_answered(client, project, unit, manager, reporter):
    first = instruction_write(user=manager, on=project, text="第一条批示", units=[unit])
    instruction_write(user=manager, on=project, text="第二条批示", units=[unit])
    instruction_answer(addressee=first.addressees.get(), user=reporter, text="已办")
    client.force_login(manager)
    url = reverse("instructions:list")
    page = client.get(url).content.decode()
    assert page.index("第二条批示") < page.index("第一条批示")  # the open one first
    open_only = client.get(url + "?state=open").content.decode()
    assert "第二条批示" in open_only and "第一条批示" not in open_only
    assert client.get(url + "?state=nonsense").status_code == 200


def test_a_leader_sees_each_of_his_instructions_once(project, unit, other_unit, leader_user):
    """Author, the project's leader and two units named: four ways to see it, one row."""
    instruction = instruction_write(
        user=leader_user, on=project, text="加快进度", units=[unit, other_unit]
    )
    assert list(instructions_for(leader_user)) == [instruction]
    assert instructions_on(leader_user, project) == [instruction]
    assert [a.unit for a in instructions_on(leader_user, project)[0].addressees.all()] in (
        [unit, other_unit],
        [other_unit, unit],
    )


def test_the_list_says_which_are_open_and_which_answered(client, project, unit, manager, reporter):
    from django.utils import translation

    instruction = instruction_write(user=manager, on=project, text="加快进度", units=[unit])
    instruction_write(user=manager, on=project, text="另一条", units=[unit])
    instruction_answer(addressee=instruction.addressees.get(), user=reporter, text="已落实")
    client.force_login(manager)
    html = client.get(reverse("instructions:list"), {"status": ""}).content.decode()
    with translation.override("zh-hans"):
        open_, answered = translation.gettext("Open"), translation.gettext("Answered")
    # The status is each row's last cell.
    statuses = re.findall(r"<td[^>]*>([^<]*)</td></tr>", html)
    assert sorted(statuses) == sorted([open_, answered])


@pytest.mark.parametrize("doc_number", ["", "寒督〔2026〕7号"])
def test_the_list_names_what_each_is_on_and_who_wrote_it(
    client, campaign, project, unit, manager, issued, doc_number
):
    """The list's plain rows (instructions.rows) name each thing as its own ``str()`` does,
    and the author as his ``display_name``: a full name, else the user name."""
    from django.utils.html import escape

    issued.doc_number = doc_number
    issued.save()
    report = bulletin(campaign, revision=2)
    manager.first_name, manager.last_name = "", ""
    manager.save()
    written = [
        instruction_write(user=manager, on=on, text=f"批示{n}", units=[unit])
        for n, on in enumerate([report, issued, project])
    ]
    client.force_login(manager)
    html = client.get(reverse("instructions:list")).content.decode()
    rows = [r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S) if "<td" in r]
    assert len(rows) == 3
    for instruction in written:
        (row,) = [r for r in rows if f">{instruction.text}<" in r]
        assert f">{escape(str(instruction.on))}<" in row
        assert f'href="{instruction.get_absolute_url()}"' in row
        assert f">{manager.username}<" in row
    manager.first_name, manager.last_name = "王", "建国"
    manager.save()
    html = client.get(reverse("instructions:list")).content.decode()
    assert html.count(f">{escape(manager.display_name)}<") == 3
