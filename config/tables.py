"""django-tables2 asks ``inspect.signature()`` of a render method for every cell it draws — about
half of a list page's time in the profile of issue 14. A function's signature does not change,
so it is worked out once per function (bound methods share their function's entry).
"""

import inspect
import weakref

from django_tables2 import utils

_original = utils.signature
_cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def signature(fn):
    bound = inspect.ismethod(fn)
    key = fn.__func__ if bound else fn
    try:
        known = _cache.setdefault(key, {})
    except TypeError:  # not weak-referenceable: no cache
        return _original(fn)
    if bound not in known:
        known[bound] = _original(fn)
    return known[bound]


def speed_up() -> None:
    """Install the cached signature (``call_with_appropriate`` looks it up at each call)."""
    utils.signature = signature
