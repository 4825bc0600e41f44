"""Headers every response carries: the Permissions-Policy, and no caching of what a person saw.

The CSP itself comes from django-csp (settings.CONTENT_SECURITY_POLICY). WhiteNoise answers
static files before this middleware runs, so they keep their own long cache headers.
"""

import csp.middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings


def permissions_policy(features: dict) -> str:
    """``{"camera": (), "fullscreen": ("self",)}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{name}=({' '.join(allow)})" for name, allow in features.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        user = getattr(request, "user", None)
        # A signed-in page (or API answer) holds someone's data: no browser or proxy may keep it.
        # DRF sets request.user for token calls too, so the API is covered after the view ran.
        # A page answered by config.conditional (an ETag, "private, no-cache") may be kept by
        # the browser alone and only shown after the server said 304: that is what lets a
        # phone or a wall screen redraw for free; no-store would make every refresh a full one.
        conditional = response.has_header("ETag") and "no-cache" in response.get(
            "Cache-Control", ""
        )
        if user is not None and user.is_authenticated and not conditional:
            response.headers["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response


# The response attributes by which a view (csp.decorators) changes or drops its own policy.
_PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's, with the policy of a response that has no nonce and no decorator of its
    own built once per settings object (override_settings makes a new one), not twice per
    request (dataclasses.asdict and build_policy: most of the middleware's 0.1 ms); any other
    response goes through django-csp as before."""

    _kept: tuple[object, object, str, str] | None = None

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(getattr(response, name, None) is not None for name in _PER_RESPONSE)
            or (settings.DEBUG and response.status_code in (404, 500))  # its debug pages
        ):
            return super().process_response(request, response)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        policy_ro = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        kept = CSPMiddleware._kept
        if kept is None or kept[0] is not policy or kept[1] is not policy_ro:
            kept = CSPMiddleware._kept = (
                policy,
                policy_ro,
                build_policy(),
                build_policy(report_only=True),
            )
        # Django-csp's own order and checks, only with the kept headers.
        for header, value, exempt, config in (
            (HEADER, kept[2], "_csp_exempt", policy),
            (HEADER_REPORT_ONLY, kept[3], "_csp_exempt_ro", policy_ro),
        ):
            prefixes = tuple((config or {}).get("EXCLUDE_URL_PREFIXES", None) or ())
            if (
                value
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(prefixes)
            ):
                response[header] = value
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response
