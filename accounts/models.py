"""Regions, units, leaders and users. A user's role and unit decide what the user may see."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from config.geo import validate_outline

from .choices import DateStyle, RegionLevel, Role


class Region(models.Model):
    """A district, city or province that runs its own campaigns."""

    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices)
    # The region's outline for 项目一张图, a GeoJSON (Multi)Polygon uploaded by an administrator.
    boundary = models.JSONField(
        _("boundary (GeoJSON)"), null=True, blank=True, validators=[validate_outline],
        help_text=_("Paste the region's outline: a GeoJSON Polygon, MultiPolygon or Feature."),
    )  # fmt: skip
    parent = models.ForeignKey(
        "self", verbose_name=_("parent region"), null=True, blank=True, on_delete=models.PROTECT
    )
    # The pages' stamp reads it (dashboard.cache): a new outline or name in the admin redraws
    # the kept map and wall and changes their ETag, without a scoring run.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # How the region's official documents (GB/T 9704) are headed, numbered and signed.
    doc_issuer = models.CharField(
        _("issuing body's mark"),
        max_length=40,
        blank=True,
        help_text=_(
            "Printed in red at the top. Empty: the region's name and 重点项目建设大比拼工作专班."
        ),
    )
    doc_prefix = models.CharField(
        _("document number prefix"),
        max_length=10,
        blank=True,
        help_text=_(
            "The issuing body's code in the number, e.g. 寒重: notices are 寒重督〔2026〕12号. "
            "Empty: the region's first character and 重."
        ),
    )
    doc_seal = models.CharField(
        _("seal and signature"),
        max_length=40,
        blank=True,
        help_text=_(
            "The body that signs and seals. Empty: the region's name and 重大项目服务中心."
        ),
    )
    doc_cc = models.CharField(
        _("copied to"),
        max_length=200,
        blank=True,
        help_text=_(
            "The distribution line (抄送) of every document. Empty: the region's party and "
            "government offices."
        ),
    )
    doc_accountability_to = models.CharField(
        _("accountability proposals go to"),
        max_length=100,
        blank=True,
        help_text=_(
            "The addressee of an accountability proposal. Empty: the region's discipline "
            "inspection commission."
        ),
    )
    doc_date_style = models.CharField(
        _("date style"),
        max_length=10,
        choices=DateStyle.choices,
        default=DateStyle.CHINESE,
        help_text=_("How the date under the signature is written."),
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


class User(AbstractUser):  # type: ignore[django-manager-missing]  # django-otp's device manager
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

    class Meta:  # AbstractUser.Meta holds only these two names and `abstract`
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

    @property
    def role_label(self) -> str:
        """get_role_display() without its dict of every choice built on each call (0.1 ms of
        the top bar on every page)."""
        try:
            return str(Role(self.role).label)
        except ValueError:
            return str(self.role)  # as get_role_display shows an unknown value
