"""The client's address behind our own proxy, believed only when the deployment says so.

Behind nginx every request comes from nginx's address, so the audit log and the lockout per
address (both read REMOTE_ADDR) would see one client. nginx overwrites ``X-Real-IP`` with the
address it saw (deploy/nginx/proxy.conf), and only nginx reaches gunicorn (docker-compose.yml),
so when PROXY_CLIENT_IP_HEADER names that header its value becomes REMOTE_ADDR. Unset (the
default, and any deployment where clients reach the app directly), a client-sent header is
ignored: anyone could write one.
"""

import ipaddress

from django.conf import settings


def meta_key(header: str) -> str:
    """``X-Real-IP`` → ``HTTP_X_REAL_IP``, the key Django keeps it under in ``request.META``."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


class ProxyClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        header = getattr(settings, "PROXY_CLIENT_IP_HEADER", "")
        self.key = meta_key(header) if header else None

    def __call__(self, request):
        if self.key:
            value = request.META.get(self.key, "").strip()
            try:
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(value))
            except ValueError:
                pass  # absent or not an address: keep the socket's address
        return self.get_response(request)
