from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from documents.selectors import visible_by

        from .selectors import documents_q

        visible_by("reports", documents_q)
