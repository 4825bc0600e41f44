"""Headers every response carries: the Permissions-Policy, and no caching of what a person saw.

The CSP itself comes from django-csp (settings.CONTENT_SECURITY_POLICY). WhiteNoise answers
static files before this middleware runs, so they keep their own long cache headers.
"""

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
