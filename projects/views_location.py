"""Set a project's location by clicking on the district's map (or by typing the numbers).

The map is projects.maps' server-drawn SVG with its projection as data-* attributes;
static/js/location-pick.js turns a click back into degrees and fills the form. The server
checks again in projects.location."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors
from .location import project_location_clear, project_location_set
from .maps import Dot, draw
from .models import Project
from .scope import can_keep_register


class LocationForm(forms.Form):
    # Any number of places: a click gives many, the service rounds to the model's six.
    lat = forms.DecimalField(
        label=gettext_lazy("Latitude"), min_value=-90, max_value=90,
        help_text=gettext_lazy("Decimal degrees north, e.g. 36.771200"),
    )  # fmt: skip
    lon = forms.DecimalField(
        label=gettext_lazy("Longitude"), min_value=-180, max_value=180,
        help_text=gettext_lazy("Decimal degrees east, e.g. 119.210100"),
    )  # fmt: skip
    note = forms.CharField(
        label=gettext_lazy("Why (kept in the history)"), required=False, max_length=200,
        help_text=gettext_lazy("Optional, e.g. “checked on site with the owner”."),
    )  # fmt: skip
    outside_ok = forms.BooleanField(
        label=gettext_lazy("The site is outside the boundary"), required=False
    )


class ClearForm(forms.Form):
    """Clearing asks only why: the numbers in the form are not read."""

    note = LocationForm.base_fields["note"]


def _others(project: Project, user) -> list[Dot]:
    """The campaign's other placed projects, grey and without links: context, not targets."""
    rows = (
        selectors.project_list(user=user)
        .filter(campaign_id=project.campaign_id, lat__isnull=False, lon__isnull=False)
        .exclude(pk=project.pk)
        .order_by()
        .values_list("code", "name", "lat", "lon")
    )
    return [
        Dot(float(lat), float(lon), "", f"{code} {name}", "")
        for code, name, lat, lon in rows
        if lat is not None and lon is not None  # the filter's, again for the type
    ]


@login_required
def project_location(request, pk: int):
    project = selectors.project_get(user=request.user, pk=pk)  # another region's: 404
    if not can_keep_register(request.user):
        raise PermissionDenied
    region = project.campaign.region
    if request.method == "POST" and "clear" in request.POST:
        cleared = ClearForm(request.POST)
        if cleared.is_valid():
            project_location_clear(
                project=project, user=request.user, note=cleared.cleaned_data["note"]
            )
            messages.success(request, _("Location cleared: the project is off the map."))
            return redirect("projects:location", pk=project.pk)
        form = LocationForm(request.POST)  # its note field shows the same error
    elif request.method == "POST":
        form = LocationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                project_location_set(
                    project=project, user=request.user, lat=data["lat"], lon=data["lon"],
                    note=data["note"], outside_ok=data["outside_ok"],
                )  # fmt: skip
            except ValidationError as exc:
                form.add_error(None, exc)  # a dict of errors lands on the fields it names
            else:
                messages.success(request, _("Location saved."))
                return redirect("projects:location", pk=project.pk)
    else:
        form = LocationForm(initial={"lat": project.lat, "lon": project.lon})
    others = _others(project, request.user)
    lat, lon = project.lat, project.lon
    placed = lat is not None and lon is not None
    marker = (float(lon), float(lat)) if lat is not None and lon is not None else None
    if marker is not None and not region.boundary:  # the dots make the box: keep this one in it
        others.append(Dot(marker[1], marker[0], "", project.name, ""))
    drawable = bool(region.boundary) or bool(others) or placed
    return render(
        request,
        "projects/location.html",
        {
            "project": project,
            "form": form,
            "has_boundary": bool(region.boundary),
            "placed": placed,
            "map": draw(
                region.boundary, others, width=800, label=_("Map of the region"), pick=True,
                marker=marker,
            ) if drawable else "",
        },
    )  # fmt: skip
