from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workbooks"
    verbose_name = _("Workbooks")
