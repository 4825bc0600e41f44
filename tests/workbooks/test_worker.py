"""Integration: a large register is read by a real Celery worker on the real Redis, with its
progress on the run, and the preview survives a reload; nothing is written before confirm.

Runs when REDIS_URL is set on PostgreSQL (the worker process must open the test's database).
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from projects.models import Project
from workbooks import services
from workbooks.models import ImportRun, ImportStatus
from workbooks.tasks import read_import

from .builders import district_register, save
from .conftest import upload

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
REDIS_URL = os.environ.get("REDIS_URL", "")


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def big_register(rows: int):
    data = [
        [
            n,
            f"重点项目{n:04d}",
            "2025-2027",
            "建设内容",
            10000,
            1200,
            300,
            "年底投产" if n % 4 == 0 else "主体完工",
            f"责任单位{n % 30}",
            f"领导{n % 12}（副区长）",
            None,
        ]
        for n in range(1, rows + 1)
    ]
    return district_register(
        (("一、产业类项目", data),), total_formulas=False, grand_total=1200 * rows
    )


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set (CI sets it)")
def test_a_real_worker_reads_a_large_register_with_progress(
    campaign, supervisor, settings, monkeypatch, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process cannot open the test's in-memory SQLite database")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WORKBOOK_INLINE_ROWS = 100
    queue = f"workbooks-test-{uuid.uuid4().hex[:8]}"  # only this test's worker takes its tasks
    monkeypatch.setattr(
        services, "_queue", lambda pk: read_import.apply_async(args=[pk], queue=queue)
    )
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "VAR_DIR": str(tmp_path / "var"),
    }
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            "--pool",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "warning",
        ],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        run = services.import_start(
            campaign=campaign, user=supervisor, upload=upload(save(big_register(3000)))
        )
        assert run.status == ImportStatus.QUEUED  # not read in the request
        seen, deadline = set(), time.monotonic() + 120
        while time.monotonic() < deadline:
            assert worker.poll() is None, log.read_text()
            run.refresh_from_db()
            seen.add((run.status, run.progress))
            if run.status not in (ImportStatus.QUEUED, ImportStatus.PARSING):
                break
            time.sleep(0.05)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert run.status == ImportStatus.READY, (run.error, log.read_text())
    assert any(status == ImportStatus.PARSING and 0 < p < 100 for status, p in seen), seen
    assert run.preview["counts"]["new"] == 3000
    assert run.preview["totals"][0]["status"] == "ok"
    assert not Project.objects.exists()  # nothing before confirmation
    # The preview is on the run: a reload reads it back as it was.
    assert ImportRun.objects.get(pk=run.pk).preview["annual_total"] == "3600000.00"
    services.import_confirm(run=run, user=supervisor)
    assert Project.objects.filter(campaign=campaign).count() == 3000
