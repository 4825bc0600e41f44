"""Writes to weekly reports: save a draft, submit, return, accept. One error type: ValidationError.

Each write keeps who, when and why in the report's history (django-simple-history).
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from config.history import note_change
from outbox import notify
from outbox.choices import Kind

from . import weeks
from .choices import ReportStatus
from .duplicates import hash_fields, nearest_earlier
from .fields import require_monday
from .models import COUNTED, Campaign, Milestone, NodeReached, Project, SitePhoto, WeeklyReport
from .page_marks import drawn_week, leave_pages
from .photos import Processed, process_photo

REPORT_FIELDS = (
    "stage",
    "ytd_investment",
    "investment_source",
    "correction_note",
    "progress",
    "next_plan",
    "problems",
)


class ConflictError(ValidationError):
    """Someone else saved the same report since this form was opened."""


@dataclass(frozen=True)
class NodeEntry:
    milestone: Milestone
    reached_on: dt.date


def previous_figure(project: Project, week: dt.date) -> WeeklyReport | None:
    """The latest counted report before ``week`` (``COUNTED``): the figure to compare against."""
    return (
        WeeklyReport.objects.filter(COUNTED, project=project, week__lt=week)
        .order_by("-week")
        .only("week", "ytd_investment")
        .first()
    )


def validate_week(project: Project, week: dt.date, now: dt.datetime) -> None:
    require_monday(week)
    if week > weeks.current_week(now):
        raise ValidationError(
            _("Week %(week)s has not begun yet.") % {"week": weeks.week_label(week)},
            code="week_not_begun",
        )
    campaign = project.campaign
    # One rule (weeks.campaign_year): 2026-W53 is campaign 2026's, not 2027's.
    if not campaign.holds_week(week):
        raise ValidationError(
            _("Week %(week)s is outside the %(year)s campaign.")
            % {"week": weeks.week_label(week), "year": campaign.year},
            code="week_outside_campaign",
        )


def validate_figures(project: Project, week: dt.date, data: dict) -> None:
    """Year-to-date investment may not go down unless the report says why."""
    errors: dict[str, list[str]] = {}
    ytd = data.get("ytd_investment")
    if ytd is not None and ytd < 0:
        errors.setdefault("ytd_investment", []).append(_("Amounts cannot be negative."))
    before = previous_figure(project, week)
    same_year = before is not None and weeks.campaign_year(before.week) == weeks.campaign_year(week)
    if (
        ytd is not None
        and before is not None
        and same_year
        and ytd < before.ytd_investment
        and not (data.get("correction_note") or "").strip()
    ):
        errors.setdefault("correction_note", []).append(
            _(
                "The figure %(now)s is lower than %(before)s reported for week %(week)s. "
                "State the correction, or enter the right figure."
            )
            % {
                "now": f"{ytd:,.2f}",
                "before": f"{before.ytd_investment:,.2f}",
                "week": weeks.week_label(before.week),
            }
        )
    if errors:
        raise ValidationError(errors)


def validate_nodes(project: Project, nodes: Iterable[NodeEntry], now: dt.datetime) -> None:
    campaign = project.campaign
    today = weeks.local_today(now)
    errors = []
    for entry in nodes:
        if entry.milestone.project_id != project.pk:
            errors.append(
                _("The node %(node)s is not of this project.") % {"node": entry.milestone}
            )
        elif not campaign.first_day <= entry.reached_on <= campaign.last_day:
            errors.append(
                _("The date of node %(node)s is outside the %(year)s campaign.")
                % {"node": entry.milestone, "year": campaign.year}
            )
        elif entry.reached_on > today:
            errors.append(
                _("The date of node %(node)s is in the future.") % {"node": entry.milestone}
            )
    if errors:
        raise ValidationError({"nodes": errors})


@transaction.atomic
def weekly_report_save(
    *,
    project: Project,
    week: dt.date,
    user: User,
    data: dict,
    version: int | None,
    nodes: Sequence[NodeEntry] = (),
    photos: Sequence[UploadedFile] = (),
    submit: bool = False,
    now: dt.datetime | None = None,
) -> WeeklyReport:
    """Save the report of ``project`` for ``week`` as a draft, or submit it.

    ``version`` is the version the form was opened at (None for a new report); if another save
    came in between, ConflictError is raised and nothing is written.
    """
    now = now or timezone.now()
    validate_week(project, week, now)
    validate_figures(project, week, data)
    validate_nodes(project, nodes, now)
    # Every photo is checked and re-encoded before anything is written: a refused one saves nothing.
    processed = [process_photo(upload) for upload in photos]

    report = WeeklyReport.objects.select_for_update().filter(project=project, week=week).first()
    if report is None:
        if version:
            raise ConflictError(_("This report was removed meanwhile."))
        report = WeeklyReport(project=project, week=week, version=0)
    elif version != report.version:
        raise ConflictError(
            _(
                "Someone else saved this report at %(when)s while you were editing. "
                "Your text is kept below: compare it with the saved report and save again."
            )
            % {"when": timezone.localtime(report.updated_at).strftime("%H:%M:%S")}
        )
    elif not report.is_editable:
        raise ValidationError(
            _("This report was submitted; it can be changed only after a supervisor returns it."),
            code="submitted_is_final",
        )

    for field in REPORT_FIELDS:
        if field in data:
            setattr(report, field, data[field] if data[field] is not None else "")
    report.version += 1
    if submit:
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = now
        report.submitted_by = user
        report.is_late = now > project.campaign.deadline_of(week)
        note_change(report, reason=_("Submitted"))
    else:
        note_change(report, reason=_("Draft saved"))
    note_change(report, user=user)
    # The database checks the constraints as it saves: checking them first too cost a query and
    # two savepoints each (12 of a draft's 27 queries). A violation is explained below.
    exclude = ["project", "submitted_by", "reviewed_by"]
    report.full_clean(exclude=exclude, validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        report.validate_constraints(exclude=exclude)  # a check's own message, if one failed
        # Else two first saves of the same week raced; the unique constraint let one through.
        raise ConflictError(
            _("Someone else created this week's report a moment ago. Open it and save again.")
        ) from exc

    for entry in nodes:
        NodeReached.objects.update_or_create(
            report=report, milestone=entry.milestone, defaults={"reached_on": entry.reached_on}
        )
    for item in processed:
        photo_store(report=report, processed=item, user=user)
    if submit:
        apply_submitted(report, user)
    return report


def photo_store(*, report: WeeklyReport, processed: Processed, user: User | None) -> SitePhoto:
    """Store a checked, re-encoded photo with its EXIF, its hash and the nearest earlier photo of
    the region within PHOTO_DUPLICATE_BITS (the recycled-photo check)."""
    photo = SitePhoto(
        report=report,
        image=processed.content,
        uploaded_by=user,
        exif=processed.exif,
        taken_at=processed.taken_at,
        taken_lat=processed.lat,
        taken_lon=processed.lon,
        **hash_fields(processed.phash),
    )
    earlier = SitePhoto.objects.filter(
        report__project__campaign__region_id=report.project.campaign.region_id
    ).exclude(report=report)
    found = nearest_earlier(earlier, processed.phash, settings.PHOTO_DUPLICATE_BITS)
    if found:
        photo.duplicate_of_id, photo.duplicate_bits = found
    photo.save()
    return photo


def campaign_shared(campaign_id: int) -> None:
    """Holds the campaign's row against a scoring run of it (which locks it for update) until
    this transaction ends: a run either sees this report or ends before ``drawn_week`` is read,
    never commits in between and leaves a kept page without it. Submissions share the lock.
    SQLite writes one transaction at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(Campaign._meta.db_table)
            cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR SHARE", [campaign_id])


def draw_pages_again(project: Project, user: User, reason: str) -> None:
    """A report counted up to a week the kept pages draw changed without a change of the
    project's own row: a history row of the project (who, when, why) moves their stamp.
    The caller holds ``campaign_shared``, taken before it read ``drawn_week``."""
    locked = Project.objects.select_for_update(no_key=True).get(pk=project.pk)
    note_change(locked, reason=reason, user=user)
    locked.save(update_fields=["stage"])  # its own value, read under the lock


def apply_submitted(report: WeeklyReport, user: User) -> None:
    """A submitted report moves the project's figures and reached nodes forward."""
    project = report.project
    latest = (
        WeeklyReport.objects.filter(COUNTED, project=project).order_by("-week").only("week").first()
    )
    if latest and latest.pk == report.pk:
        # Locked as read: a stage changed meanwhile is not overwritten by one taken for unmoved.
        campaign_shared(project.campaign_id)  # before the project's row, as scoring takes them
        # NO KEY: a report inserted in this transaction holds KEY SHARE on the row (its foreign
        # key), and two submissions of one project would each wait on the other's.
        rows = Project.objects.select_for_update(no_key=True).filter(pk=project.pk)
        stage = rows.values("stage")
        figure_only = stage.get()["stage"] == report.stage and not (
            report.is_late or drawn_week(report.week)
        )
        project.ytd_investment = report.ytd_investment
        project.stage = report.stage
        note_change(
            project, reason=_("Weekly report %(week)s submitted") % {"week": report.week_label}
        )
        project.save(update_fields=["ytd_investment", "stage"])
        if figure_only:
            leave_pages(project.pk)  # no kept page draws it (projects.page_marks)
    else:
        # Not the project's latest, but maybe counted up to a week drawn (a league's week
        # before; a returned report, still counted, sent again with another figure). The lock
        # first, so a scoring run either sees this report or has ended when drawn_week is read.
        campaign_shared(project.campaign_id)
        if report.is_late or drawn_week(report.week):
            reason = _("Late weekly report %(week)s submitted") % {"week": report.week_label}
            draw_pages_again(project, user, reason)
    for reached in report.nodes.select_related("milestone"):
        milestone = reached.milestone
        if milestone.reached_on != reached.reached_on:
            milestone.reached_on = reached.reached_on
            note_change(
                milestone, reason=_("Reported in week %(week)s") % {"week": report.week_label}
            )
            milestone.save(update_fields=["reached_on"])


@transaction.atomic
def weekly_report_return(*, report: WeeklyReport, user: User, reason: str) -> WeeklyReport:
    """A supervisor sends a submitted report back with the reason; the reporter can edit it."""
    report = WeeklyReport.objects.select_for_update().get(pk=report.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is returned.")})
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ValidationError(_("Only a submitted report can be returned."))
    report.status = ReportStatus.RETURNED
    report.return_reason = reason
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.version += 1
    # who, also when called outside a request (API, a task)
    note_change(report, reason=_("Returned: %(reason)s") % {"reason": reason}, user=user)
    report.save()
    _tell_returned(report, reason)
    return report


def _tell_returned(report: WeeklyReport, reason: str) -> None:
    """The reporter who submitted it (or, failing that, the unit's reporters) hears why."""
    project = report.project
    submitter = report.submitted_by
    people = [submitter] if submitter is not None else []
    if not people:
        people = list(
            User.objects.filter(role=Role.REPORTER, unit_id=project.unit_id, is_active=True)
        )
    notify(
        kind=Kind.REPORT_RETURNED,
        title=f"{project.name}{report.week_label}周报被退回：{reason[:100]}",
        path=report.get_absolute_url(),
        users=people,
        region=project.campaign.region,
        ref=f"weeklyreport:{report.pk}",
    )


@transaction.atomic
def weekly_report_accept(*, report: WeeklyReport, user: User) -> WeeklyReport:
    """A supervisor accepts a submitted report as reviewed."""
    report = WeeklyReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted."))
    report.status = ReportStatus.ACCEPTED
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.version += 1
    note_change(report, reason=_("Accepted"), user=user)
    report.save()
    return report
