"""The one helper that builds and sends an e-mail from its three templates; every app uses it.

``emails/<name>-subject.txt``, ``emails/<name>-body.txt`` and ``emails/<name>-body.html``, rendered
in the site's language (the officials read Chinese) unless told otherwise.
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def build_message(
    name: str, context: dict, to: Sequence[str], language: str | None = None
) -> EmailMultiAlternatives:
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{name}-subject.txt", context)
        text = render_to_string(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    # A subject is one line, whatever the template's whitespace.
    one_line = " ".join(subject.split())
    message = EmailMultiAlternatives(one_line, text, settings.DEFAULT_FROM_EMAIL, list(to))
    message.attach_alternative(html, "text/html")
    return message


def absolute_url(path: str) -> str:
    """The link a message carries: SITE_URL (scheme, host and port as the app is reached) and
    the path. A SITE_URL written without a scheme (``127.0.0.1:8010``) gets http://."""
    if path.startswith(("http://", "https://")):
        return path
    base = settings.SITE_URL.strip().rstrip("/")
    if "://" not in base:
        base = f"http://{base}"
    return base + "/" + path.lstrip("/")
