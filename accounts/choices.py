from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    LEADER = "leader", _("Responsible leader")
    HANDLER = "handler", _("Department handler")
    SUPERVISOR = "supervisor", _("Supervisor")
    MANAGER = "manager", _("Manager")
    ADMIN = "admin", _("Administrator")
    # 三权分立: accounts (ADMIN), security policy and unlocking (SECURITY), the audit log (AUDITOR).
    SECURITY = "security", _("Security administrator")
    AUDITOR = "auditor", _("Audit administrator")


class RegionLevel(models.TextChoices):
    DISTRICT = "district", _("District")
    CITY = "city", _("City")
    PROVINCE = "province", _("Province")


class DateStyle(models.TextChoices):
    """The date under a document's signature: 二〇二六年十二月一日, or 2026年12月1日 as
    GB/T 9704-2012 (7.3.5.1) writes it."""

    CHINESE = "chinese", _("Chinese numerals (二〇二六年十二月一日)")
    ARABIC = "arabic", _("Arabic numerals (2026年12月1日)")
