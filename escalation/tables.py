import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from config.badges import ChoiceBadgeColumn

from .choices import NoticeStatus
from .models import SupervisionNotice


class NoticeTable(tables.Table):
    number = tables.Column(verbose_name=_("No."), linkify=True)
    project = tables.Column(linkify=lambda record: record.project.get_absolute_url())
    unit = tables.Column(
        verbose_name=_("Responsible unit"), accessor="project__unit", order_by="project__unit__name"
    )
    opened_week_label = tables.Column(verbose_name=_("After week"), order_by="opened_week")
    deadline = tables.DateColumn(format="Y-m-d")
    status = ChoiceBadgeColumn(choices=NoticeStatus, attrs={})
    interview = tables.Column(
        verbose_name=_("Interview"), accessor="interview__status", default="—", orderable=False
    )

    class Meta:
        model = SupervisionNotice
        fields = (
            "number",
            "project",
            "unit",
            "opened_week_label",
            "deadline",
            "status",
            "interview",
            "closed_on",
        )
        attrs = {"class": "table"}
        order_by = "-number"
        empty_text = _("No supervision notice.")

    def render_number(self, record):
        return record.doc_number or record.number

    def render_interview(self, record):
        return record.interview.get_status_display()
