"""Helpers of the workbook tests: import a workbook the way the page and the command do."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from workbooks import services
from workbooks.models import ImportStatus


def upload(stream, name="台账.xlsx") -> SimpleUploadedFile:
    data = stream.getvalue() if isinstance(stream, io.BytesIO) else stream
    return SimpleUploadedFile(name, data)


def start(campaign, stream, *, user=None, name="台账.xlsx", **kwargs):
    """Upload and read (inline): the run with its preview."""
    return services.import_start(
        campaign=campaign, user=user, upload=upload(stream, name), inline=True, **kwargs
    )


def import_workbook(campaign, stream, *, user=None, **kwargs):
    """Upload, read and confirm; fails the test if the preview is not confirmable."""
    run = start(campaign, stream, user=user, **kwargs)
    assert run.status == ImportStatus.READY, run.error
    assert run.preview["can_confirm"], preview_errors(run)
    return services.import_confirm(run=run, user=user)


def preview_errors(run) -> list[str]:
    shown = run.preview or {}
    return (
        shown.get("problems", [])
        + shown.get("node_errors", [])
        + [e for row in shown.get("rows", []) for e in row["errors"]]
    )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded workbooks go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
