"""The embedded default: SQLite, file-system broker, e-mail written to files. No server needed."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, env_str

# DEBUG=0 for a benchmark's server: DEBUG keeps every query and slows each one.
DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
# Robots and SMS write their messages to var/outbox/ too: no platform needed to try it.
OUTBOX_TRANSPORT = env_str("OUTBOX_TRANSPORT", "files")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The demo works without phones; a user who enrolled anyway is still asked for the code.
SECOND_FACTOR_ENFORCED = env_bool("SECOND_FACTOR_ENFORCED", False)
