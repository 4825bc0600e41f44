"""Pages of the register keeper: upload a register in any layout, watch it being read, change
the mapping, save it as a template, confirm, undo; export; the blank template. Views stay thin."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from audit.kinds import Kind
from audit.log import record
from config import params
from projects import selectors as project_selectors
from projects.choices import TargetKind
from projects.scope import can_keep_register

from . import selectors, services
from .choices import RowStatus
from .errors import WorkbookError
from .export import export_register
from .forms import MappingForm, TemplateForm, UploadForm
from .models import ImportStatus
from .preview import DEFAULT_OPTIONS
from .save import last_confirmed
from .tables import PreviewTable, RunTable, TargetTable
from .template import blank_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int | None:
    """?year=2026; anything else (abc, -1, %00, 10**30) means the newest campaign."""
    return params.year(request.GET, strict=False)


def _keeper(request):
    if not can_keep_register(request.user):
        raise PermissionDenied
    campaign = project_selectors.current_campaign(user=request.user, year=_year(request))
    if campaign is None:
        raise Http404(_("No campaign is open to you."))
    return campaign


def _run(request, pk: int):
    if not can_keep_register(request.user):
        raise PermissionDenied
    return selectors.run_get(user=request.user, pk=pk)


@login_required
def register(request):
    """Upload a register workbook (any layout) and see every import kept."""
    campaign = _keeper(request)
    templates = selectors.templates_for(campaign=campaign)
    errors = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, templates=templates)
        if form.is_valid():
            try:
                run = services.import_start(
                    campaign=campaign,
                    user=request.user,
                    upload=form.cleaned_data["workbook"],
                    template=form.cleaned_data["template"],
                )
            except WorkbookError as exc:
                errors = exc.errors
                messages.error(request, _("The workbook was refused; nothing was imported."))
            else:
                return redirect("workbooks:run", pk=run.pk)
    else:
        form = UploadForm(templates=templates)
    table = RunTable(selectors.runs_for(user=request.user).filter(campaign=campaign))
    RequestConfig(request, paginate=params.paging(20)).configure(table)
    return render(
        request,
        "workbooks/register.html",
        {
            "campaign": campaign,
            "form": form,
            "errors": errors,
            "table": table,
            "last": last_confirmed(campaign),
            "templates": templates,
        },
    )


@login_required
def run_detail(request, pk: int):
    """One import: its progress while it is read, then its preview (it survives a reload)."""
    run = _run(request, pk)
    context = {"run": run, "campaign": run.campaign}
    if run.is_busy or run.status == ImportStatus.FAILED:
        return render(request, "workbooks/run.html", context)
    shown = run.preview or {}
    rows = shown.get("rows", [])
    status = params.choice(request.GET, "status", RowStatus.values, "")
    table = PreviewTable([r for r in rows if not status or r["status"] == status])
    RequestConfig(request, paginate=params.paging(50)).configure(table)
    parsed = run.parsed or {}
    initial = {**DEFAULT_OPTIONS, "sheet": parsed.get("sheet", ""), **run.options}
    mapping_form = MappingForm(
        initial=initial,
        columns=parsed.get("layout_columns", []),
        sheets=parsed.get("sheets", []),
    )
    context.update(
        parsed=parsed,
        shown=shown,
        table=table,
        status=status,
        statuses=RowStatus.choices,
        mapping_form=mapping_form,
        template_form=TemplateForm(initial={"name": run.template.name if run.template else ""}),
        skipped=parsed.get("skipped", []),
        is_last=run.status == ImportStatus.CONFIRMED
        and getattr(last_confirmed(run.campaign), "pk", None) == run.pk,
    )
    return render(request, "workbooks/run.html", context)


@login_required
def run_progress(request, pk: int):
    """For the progress bar: where the reading is."""
    run = _run(request, pk)
    return JsonResponse(
        {
            "status": run.status,
            "label": run.get_status_display(),
            "progress": run.progress,
            "busy": run.is_busy,
            "url": reverse("workbooks:run", args=[run.pk]),
        }
    )


@login_required
@require_POST
def run_mapping(request, pk: int):
    run = _run(request, pk)
    parsed = run.parsed or {}
    form = MappingForm(
        request.POST, columns=parsed.get("layout_columns", []), sheets=parsed.get("sheets", [])
    )
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("workbooks:run", pk=run.pk)
    try:
        services.import_remap(
            run=run, user=request.user, mapping=form.mapping(), options=form.options()
        )
    except WorkbookError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The sheet was read again with your mapping."))
    return redirect("workbooks:run", pk=run.pk)


@login_required
@require_POST
def run_template(request, pk: int):
    run = _run(request, pk)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            template = services.mapping_save(
                run=run, user=request.user, name=form.cleaned_data["name"]
            )
        except WorkbookError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Saved as the template “%(name)s”: choose it when you upload next time.")
                % {"name": template.name},
            )
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("name", [])))
    return redirect("workbooks:run", pk=run.pk)


@login_required
@require_POST
def run_confirm(request, pk: int):
    run = _run(request, pk)
    try:
        run = services.import_confirm(run=run, user=request.user)
    except WorkbookError as exc:
        messages.error(request, _("Nothing was imported: %(why)s") % {"why": exc})
        return redirect("workbooks:run", pk=run.pk)
    messages.success(
        request,
        _("Imported: %(created)d projects created, %(updated)d changed, %(unchanged)d unchanged.")
        % {"created": run.created, "updated": run.updated, "unchanged": run.unchanged},
    )
    return redirect("workbooks:register")


@login_required
@require_POST
def run_undo(request, pk: int):
    run = _run(request, pk)
    try:
        kept = services.import_undo(run=run, user=request.user)
    except WorkbookError as exc:
        messages.error(request, str(exc))
        return redirect("workbooks:run", pk=run.pk)
    messages.success(request, _("The import was undone; the register is as it was before."))
    for line in kept[:10]:
        messages.info(request, line)
    return redirect("workbooks:register")


@login_required
def run_file(request, pk: int):
    """The workbook as it was uploaded."""
    run = _run(request, pk)
    record(request, Kind.DOWNLOAD, target=run.file_name, detail=f"import {run.pk}")
    return FileResponse(run.file.open("rb"), as_attachment=True, filename=run.file_name)


@login_required
def register_export(request):
    campaign = _keeper(request)
    buffer = io.BytesIO()
    export_register(campaign, buffer)
    buffer.seek(0)
    filename = f"{campaign.year}年重点项目清单.xlsx"
    record(request, Kind.EXPORT, target=filename, detail=f"campaign {campaign.pk}")
    return FileResponse(buffer, as_attachment=True, filename=filename)


@login_required
def template_download(request):
    """The blank register template with its instructions."""
    campaign = _keeper(request)
    filename = f"{campaign.year}年重点项目清单（空白模板）.xlsx"
    record(request, Kind.DOWNLOAD, target=filename, detail=f"campaign {campaign.pk}")
    return FileResponse(
        io.BytesIO(blank_template(campaign.year)),
        as_attachment=True,
        filename=filename,
        content_type=XLSX,
    )


@login_required
def targets(request):
    """Set the annual target of many projects at once (after an import without a target column)."""
    campaign = _keeper(request)
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("pk") if pk.isdigit()][:5000]
        try:
            changed = services.targets_set(
                campaign=campaign,
                user=request.user,
                project_ids=ids,
                target=request.POST.get("target", ""),
            )
        except WorkbookError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Annual target set for %(n)d projects.") % {"n": changed})
        return redirect(f"{reverse('workbooks:targets')}?{request.GET.urlencode()}")
    projects = campaign.projects.select_related("unit", "leader").order_by("code")
    if shown := params.choice(request.GET, "target", TargetKind.values):
        projects = projects.filter(target=shown)
    table = TargetTable(projects)
    RequestConfig(request, paginate=params.paging(100)).configure(table)
    counts = dict(campaign.projects.values_list("target").annotate(n=Count("pk")).order_by())
    return render(
        request,
        "workbooks/targets.html",
        {
            "campaign": campaign,
            "table": table,
            "choices": TargetKind.choices,
            "tabs": [(value, label, counts.get(value, 0)) for value, label in TargetKind.choices],
            "shown": shown,
        },
    )
