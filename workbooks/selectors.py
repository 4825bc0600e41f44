"""Reads of the workbooks: the campaign a command works on, import runs and templates in scope."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from projects.models import Campaign
from projects.scope import campaigns_for

from .models import ImportMapping, ImportRun


def campaign_for(*, year: int | None = None, region_code: str | None = None) -> Campaign:
    """The campaign the management commands work on: ``year`` (default the newest one) of the
    region ``region_code``, which is needed only when several regions run that year.

    Raises ``LookupError`` with a message for the operator.
    """
    campaigns = Campaign.objects.select_related("region")
    if region_code:
        campaigns = campaigns.filter(region__code=region_code)
    if year is None:
        newest = campaigns.order_by("-year").first()
        if newest is None:
            raise LookupError("找不到任何重点项目年度活动" + _in_region(region_code))
        year = newest.year
    found = list(campaigns.filter(year=year).order_by("region__code"))
    if not found:
        raise LookupError(f"找不到{year}年度的重点项目活动" + _in_region(region_code))
    if len(found) > 1:
        codes = "、".join(campaign.region.code for campaign in found)
        raise LookupError(f"{year}年度有多个地区的活动，请用 --region 指定地区代码：{codes}")
    return found[0]


def _in_region(region_code: str | None) -> str:
    return f"（地区代码：{region_code}）" if region_code else ""


def runs_for(*, user) -> QuerySet[ImportRun]:
    """Import runs of the campaigns the user may see, newest first."""
    return (
        ImportRun.objects.filter(campaign__in=campaigns_for(user))
        .select_related("campaign", "uploaded_by", "confirmed_by", "undone_by")
        .defer("parsed", "preview", "undo")
    )


def run_get(*, user, pk: int) -> ImportRun:
    return get_object_or_404(
        ImportRun.objects.filter(campaign__in=campaigns_for(user)).select_related("campaign"),
        pk=pk,
    )


def templates_for(*, campaign: Campaign) -> QuerySet[ImportMapping]:
    return ImportMapping.objects.filter(region_id=campaign.region_id).order_by("name")
