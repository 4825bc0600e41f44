"""The 批示 list's rows drawn from its plain rows (instructions.cells) are django-tables2's own,
cell for cell, in both languages and for every way a cell is drawn."""

import datetime as dt

import pytest
from django.utils import translation

from instructions.models import Instruction
from instructions.rows import instruction_rows
from instructions.services import instruction_answer, instruction_write
from instructions.tables import InstructionTable
from tests.drawn_rows import drawn_and_stock
from tests.factories import UserFactory

from .conftest import bulletin

pytestmark = pytest.mark.django_db


@pytest.fixture
def odd_instructions(campaign, project, unit, manager, leader_user, reporter, issued):
    """批示 on a bulletin, a notice and a project; open and answered; markup in a text and an
    author's name; an author with no full name; written just before midnight in Shanghai."""
    report = bulletin(campaign, revision=3)
    odd = UserFactory(
        username="odd",
        first_name="<i>王</i>",
        last_name="&",
        role="manager",
        region=campaign.region,
    )
    manager.first_name = manager.last_name = ""
    manager.save()
    answered = instruction_write(user=manager, on=report, text="逐一分析", units=[unit])
    instruction_answer(addressee=answered.addressees.get(), user=reporter, text="已落实")
    instruction_write(user=leader_user, on=issued, text="限期整改", units=[unit])
    written = instruction_write(
        user=odd, on=project, text='<script>"x"</script> & 协调', units=[unit]
    )
    Instruction.objects.filter(pk=written.pk).update(
        created_at=dt.datetime(2026, 11, 30, 15, 59, tzinfo=dt.UTC)  # 23:59 in Hanting
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_drawn_rows_are_django_tables2s(odd_instructions, language):
    with translation.override(language):
        drawn, stock = drawn_and_stock(
            lambda: InstructionTable(instruction_rows(Instruction.objects.order_by("pk")))
        )
    assert drawn == stock
    assert len(drawn) == 3
    assert ">每月通报 2026-11 r3<" in drawn[0] and ">manager<" in drawn[0]
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt; &amp; 协调" in drawn[2]
    assert "&lt;i&gt;王&lt;/i&gt; &amp;<" in drawn[2] and "<script>" not in drawn[2]
    assert ">2026-11-30 23:59<" in drawn[2]
