"""The recovery codes kept in plain text by django-otp's static device move to ours as keyed
hashes: each user keeps the same codes (no one is locked out), the database no longer shows them.

The hash is written out here, not imported: a migration is frozen history.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import migrations

KEY_SALT = "twofactor.recovery-code"


def _digest(code: str) -> str:
    # As django.utils.crypto.salted_hmac(KEY_SALT + salt, code, algorithm="sha256").
    salt = secrets.token_hex(8)
    key = hashlib.sha256((KEY_SALT + salt + settings.SECRET_KEY).encode()).digest()
    mac = hmac.new(key, code.encode(), hashlib.sha256).hexdigest()
    return f"hmac_sha256${salt}${mac}"


def hash_codes(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    StaticToken = apps.get_model("otp_static", "StaticToken")
    RecoveryDevice = apps.get_model("twofactor", "RecoveryDevice")
    RecoveryCode = apps.get_model("twofactor", "RecoveryCode")
    for old in StaticDevice.objects.order_by("pk").iterator():
        new = RecoveryDevice.objects.create(
            user_id=old.user_id,
            name=old.name,
            confirmed=old.confirmed,
            throttling_failure_timestamp=old.throttling_failure_timestamp,
            throttling_failure_count=old.throttling_failure_count,
            created_at=old.created_at,
            last_used_at=old.last_used_at,
        )
        tokens = StaticToken.objects.filter(device_id=old.pk).values_list("token", flat=True)
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=new, digest=_digest(token)) for token in tokens
        )
    # The plain codes go: a static device left behind would still count as a second factor.
    StaticDevice.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("twofactor", "0001_initial"),
        ("otp_static", "0003_add_timestamps"),
    ]

    # Backwards the codes are not given back (a hash is one-way): users make new ones.
    operations = [migrations.RunPython(hash_codes, migrations.RunPython.noop)]
