"""Writes of the import: start one, read it (here or in the worker), change its mapping, save
the mapping as the district's template, confirm, undo. One error type: ``WorkbookError``.

Nothing reaches the register before ``import_confirm``; until then only the import run moves.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from config.history import note_change
from outbox.queue import enqueue
from projects.choices import TargetKind
from projects.models import Campaign, Project

from . import preview, reader
from .errors import WorkbookError
from .guard import check_workbook
from .models import ImportMapping, ImportRun, ImportStatus
from .save import import_confirm, import_undo  # noqa: F401  (the public writes live here)

log = logging.getLogger(__name__)
OPTION_KEYS = ("profile", "category", "target", "sheet", "header_row", "money_unit")


def import_start(
    *,
    campaign: Campaign,
    user,
    upload: File,
    template: ImportMapping | None = None,
    options: dict | None = None,
    inline: bool = False,
) -> ImportRun:
    """Check the upload (before it is parsed), keep it, and read it: here when it is small
    (or ``inline``), in the worker when it is large. Raises WorkbookError if the guard refuses
    the file."""
    checked = check_workbook(upload)
    run = ImportRun(
        campaign=campaign,
        uploaded_by=user,
        file_name=(upload.name or "workbook.xlsx")[-255:],
        template=template,
        mapping=dict(template.columns) if template else {},
        options={**(template.options if template else {}), **(options or {})},
    )
    run.file.save(f"{checked.kind}-{(upload.name or 'workbook.xlsx')[-80:]}", upload, save=False)
    run.full_clean(exclude=["file"])
    run.save()
    _read_soon(run, 0 if inline else checked.total_rows)
    return run


def _read_soon(run: ImportRun, rows: int) -> None:
    if rows <= settings.WORKBOOK_INLINE_ROWS:
        import_read(run_id=run.pk)
        run.refresh_from_db()
        return
    _queue(run.pk)


def _queue(run_id: int) -> None:
    # After commit, by name (no import of the tasks module), and a broker outage only logs:
    # the file is kept, the run stays QUEUED.
    enqueue("workbooks.read_import", run_id)


def import_read(*, run_id: int) -> None:
    """Read the run's file into its preview; safe to run twice. A refused file is kept as
    FAILED with the reason, never raised: the page shows it."""
    claimed = ImportRun.objects.filter(
        pk=run_id, status__in=[ImportStatus.QUEUED, ImportStatus.PARSING, ImportStatus.READY]
    ).update(status=ImportStatus.PARSING, progress=0)
    if not claimed:
        return
    run = ImportRun.objects.select_related("campaign").get(pk=run_id)

    def progress(done: int, total: int) -> None:
        percent = min(95, int(done * 100 / max(total, 1)))
        ImportRun.objects.filter(pk=run_id, status=ImportStatus.PARSING).update(progress=percent)

    try:
        with run.file.open("rb") as stream:
            parsed = reader.read(
                stream,
                year=run.campaign.year,
                options=run.options,
                mapping=run.mapping,
                progress=progress,
            )
        resolution = preview.resolve(run.campaign, parsed, run.options)
    except WorkbookError as exc:
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportStatus.FAILED, error=str(exc), progress=100, parsed=None, preview=None
        )
        return
    shown = preview.as_json(resolution, parsed)
    counts = resolution.counts
    ImportRun.objects.filter(pk=run_id, status=ImportStatus.PARSING).update(
        status=ImportStatus.READY,
        progress=100,
        error="",
        parsed=parsed,
        preview=shown,
        created=counts["new"],
        updated=counts["changed"],
        unchanged=counts["unchanged"],
        errors=counts["error"],
        skipped=len(parsed["skipped"]),
        annual_total=resolution.annual_total,
    )


def import_remap(*, run: ImportRun, user, mapping: dict, options: dict) -> ImportRun:
    """The supervisor's mapping and fill options; the sheet is read again with them."""
    if run.status not in (ImportStatus.READY, ImportStatus.FAILED):
        raise WorkbookError(["这次导入正在读取或已确认，不能再修改对应关系"])
    run.mapping = {k: v for k, v in mapping.items() if isinstance(v, str)}
    run.options = {k: v for k, v in options.items() if k in OPTION_KEYS and v not in (None, "")}
    run.status, run.progress = ImportStatus.QUEUED, 0
    run.save(update_fields=["mapping", "options", "status", "progress"])
    rows = len((run.parsed or {}).get("rows", [])) if run.parsed else 0
    _read_soon(run, rows)
    return run


@transaction.atomic
def mapping_save(*, run: ImportRun, user, name: str) -> ImportMapping:
    """Keep this run's mapping (by header text, so next year's sheet with other column letters
    still matches) and its options as the district's template ``name``."""
    name = (name or "").strip()
    if not name:
        raise WorkbookError(["请填写模板名称"])
    columns = {
        column["key"]: column["field"]
        for column in (run.parsed or {}).get("layout_columns", [])
        if column["key"]
    }
    template, _ = ImportMapping.objects.get_or_create(
        region_id=run.campaign.region_id, name=name[:60], defaults={"updated_by": user}
    )
    template.columns, template.options, template.updated_by = columns, dict(run.options), user
    try:
        template.full_clean()
    except ValidationError as exc:
        raise WorkbookError(exc.messages) from exc
    template.save()
    ImportRun.objects.filter(pk=run.pk).update(template=template)
    return template


@transaction.atomic
def targets_set(*, campaign: Campaign, user, project_ids: list[int], target: str) -> int:
    """Set the annual target (投产达效 / 加快建设) of several projects at once, as a register
    imported without a target column needs; each change is in the history with its reason."""
    if target not in TargetKind.values:
        raise WorkbookError(["请选择年度目标"])
    changed = 0
    for project in (
        Project.objects.select_for_update()
        .filter(campaign=campaign, pk__in=project_ids)
        .exclude(target=target)
    ):
        project.target = target
        note_change(project, reason="批量设置年度目标", user=user)
        project.save(update_fields=["target"])
        changed += 1
    return changed
