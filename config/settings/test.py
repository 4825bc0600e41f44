"""Tests: SQLite in memory by default; the real PostgreSQL and Redis when their URLs are given."""

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
ALLOWED_HOSTS = ["*"]
# WhiteNoise warns when the collected-static folder is missing; tests serve from finders.
(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)
# Off like the embedded default; tests/security/test_second_factor.py turns it on.
SECOND_FACTOR_ENFORCED = False
