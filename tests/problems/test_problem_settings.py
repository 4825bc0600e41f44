"""The README's PROBLEM_* variables: read from the environment at start, a bad value refused
there with a message naming it, and each one changes what the loop does."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from problems import levels
from problems.forms import EvidenceField

PDF = b"%PDF-1.4\n" + b"0" * 200


def loaded(**env) -> subprocess.CompletedProcess:
    """The test settings loaded in a fresh interpreter with ``env`` added."""
    code = (
        "from django.conf import settings as s; "
        "print(s.PROBLEM_DAYS_TO_SOLVE, s.PROBLEM_ESCALATION_DAYS, s.PROBLEM_FILE_MAX_BYTES)"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("PROBLEM_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env=base | {"DJANGO_SETTINGS_MODULE": "config.settings.test"} | env,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
    )


def test_the_environment_sets_them():
    result = loaded(
        PROBLEM_DAYS_TO_SOLVE="7", PROBLEM_ESCALATION_DAYS="3", PROBLEM_FILE_MAX_BYTES="1000"
    )
    assert result.stdout.split() == ["7", "3", "1000"], result.stderr
    assert loaded().stdout.split() == ["10", "5", str(20 * 1024 * 1024)]


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("PROBLEM_DAYS_TO_SOLVE", "ten", "PROBLEM_DAYS_TO_SOLVE must be a whole number"),
        ("PROBLEM_DAYS_TO_SOLVE", "0", "PROBLEM_DAYS_TO_SOLVE must be from 1 up to 365"),
        ("PROBLEM_ESCALATION_DAYS", "91", "PROBLEM_ESCALATION_DAYS must be from 1 up to 90"),
        ("PROBLEM_FILE_MAX_BYTES", "-5", "PROBLEM_FILE_MAX_BYTES must be from 1, not -5"),
    ],
)
def test_a_bad_value_stops_the_start_with_its_name(name, value, says):
    result = loaded(**{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and says in result.stderr


def test_the_days_to_solve_and_the_escalation_step_follow_the_settings(settings):
    settings.PROBLEM_DAYS_TO_SOLVE, settings.PROBLEM_ESCALATION_DAYS = 12, 4
    assert (levels.default_days_to_solve(), levels.default_step_days()) == (12, 4)
    settings.PROBLEM_DAYS_TO_SOLVE, settings.PROBLEM_ESCALATION_DAYS = 3, 2
    assert (levels.default_days_to_solve(), levels.default_step_days()) == (3, 2)


def test_the_evidence_file_limit_follows_the_setting(settings):
    field = EvidenceField(required=False)
    settings.PROBLEM_FILE_MAX_BYTES = 10_000
    assert field.clean([SimpleUploadedFile("整改报告.pdf", PDF, "application/pdf")])
    settings.PROBLEM_FILE_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="at most"):
        field.clean([SimpleUploadedFile("整改报告.pdf", PDF, "application/pdf")])
