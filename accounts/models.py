"""Regions, units, leaders and users. A user's role and unit decide what the user may see."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import RegionLevel, Role


class Region(models.Model):
    """A district, city or province that runs its own campaigns."""

    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent region"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A responsible unit (责任单位) or an input-securing department (要素保障部门), or both."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    is_department = models.BooleanField(
        _("solves problems"), default=False, help_text=_("An input-securing department")
    )
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="unit_unique_name_in_region",
                violation_error_message=_("A unit with this name already exists in the region."),
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Leader(models.Model):
    """A district-level leader who owns (包靠) projects."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("title"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="leader_unique_name_in_region",
                violation_error_message=_("A leader with this name already exists in the region."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name


class User(AbstractUser):
    """A person who signs in. The role and unit decide what the person sees and may change."""

    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.REPORTER)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT
    )
    leader = models.OneToOneField(
        Leader, verbose_name=_("leader"), null=True, blank=True, on_delete=models.SET_NULL
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    mobile = models.CharField(
        _("mobile number"),
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^1\d{10}$", _("A mobile number has 11 digits from 1."))],
        help_text=_("11 digits; messages by SMS go here"),
    )
    by_email = models.BooleanField(_("messages by e-mail"), default=True)
    by_sms = models.BooleanField(_("messages by SMS"), default=False)
    is_head = models.BooleanField(
        _("head of the unit"),
        default=False,
        help_text=_("Told when a problem routed to the unit passes its deadline"),
    )
    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=[Role.REPORTER, Role.HANDLER]) | Q(unit__isnull=False),
                name="user_unit_required_for_role",
                violation_error_message=_("Reporters and department handlers need a unit."),
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.LEADER) | Q(leader__isnull=False),
                name="user_leader_required_for_role",
                violation_error_message=_("A responsible leader's account needs its leader."),
            ),
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or self.role in roles
