"""The WSGI application gunicorn serves (and runserver), loaded once per worker process."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def settled(app):
    """``app`` with every view imported and what loading made set aside from the cyclic garbage
    collector: each of its full passes walked the ~185,000 objects of the loaded code, 90-170 ms
    inside one request every few hundred (scripts/bench_floor.py --gc)."""
    get_resolver().url_patterns  # noqa: B018 - the URLconf and its views, not on a first request
    gc.collect()  # the loading's own garbage first: a frozen object is never collected
    gc.freeze()
    return app


application = settled(get_wsgi_application())
