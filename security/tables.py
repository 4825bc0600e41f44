import django_tables2 as tables
from django.utils.translation import gettext_lazy as _


class LockoutTable(tables.Table):
    value = tables.Column(verbose_name=_("Account or address"), orderable=False)
    failures = tables.Column(verbose_name=_("Failed sign-ins"), orderable=False)
    last_failure = tables.DateTimeColumn(
        verbose_name=_("Last failure"), format="Y-m-d H:i", orderable=False
    )
    until = tables.DateTimeColumn(verbose_name=_("Locked until"), format="H:i", orderable=False)
    unlock = tables.TemplateColumn(
        template_name="security/unlock_cell.html", verbose_name="", orderable=False
    )

    class Meta:
        attrs = {"class": "table"}
