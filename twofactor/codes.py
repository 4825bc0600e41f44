"""Recovery codes as the database keeps them: a salted SHA-256 keyed with the server's secret
(HMAC), never the code. Pure functions, no database.

Why not Django's make_password: the codes are random, so a slow password hash adds nothing to
80 bits and would cost a slow hash per code tried; the key, which is not in the database, keeps a
dump from being brute-forced even for the 40-bit codes issued before (django-otp's length).
"""

import secrets
from base64 import b32encode

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SCHEME = "hmac_sha256"
KEY_SALT = "twofactor.recovery-code"  # separates this use of SECRET_KEY from Django's others
CODE_BYTES = 10  # 80 bits: 16 base32 letters and digits, shown in groups of four


def code_new() -> str:
    """A fresh code, lowercase base32 (no 0, 1, 8, 9: nothing to confuse with o, l, b, g)."""
    return b32encode(secrets.token_bytes(CODE_BYTES)).decode().lower()


def code_shown(code: str) -> str:
    """How the page shows a code; the verify form drops the dashes again."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def digest(code: str, *, salt: str | None = None, secret: str | None = None) -> str:
    """The stored form: scheme, salt and the keyed hash, like Django's password format."""
    salt = salt or secrets.token_hex(8)
    mac = salted_hmac(KEY_SALT + salt, code, secret=secret, algorithm="sha256").hexdigest()
    return f"{SCHEME}${salt}${mac}"


def matches(code: str, stored: str) -> bool:
    """Constant-time comparison, under SECRET_KEY and each fallback (a rotated key keeps codes)."""
    scheme, _sep, rest = stored.partition("$")
    salt = rest.partition("$")[0]
    if scheme != SCHEME or not salt:
        return False
    secrets_ = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())]
    found = False
    for secret in secrets_:
        # Every key is tried (no early exit), so the time says nothing of which one matched.
        found |= constant_time_compare(digest(code, salt=salt, secret=secret), stored)
    return found
