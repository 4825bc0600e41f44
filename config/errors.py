"""The 400 page: the site's frame and the reason (a bad query parameter says which)."""

from django.http import HttpResponseBadRequest
from django.template import loader


def bad_request(request, exception):
    """Django's own 400 view renders without the request: no menu, no reason. This one says
    what was wrong, as the 404 page does."""
    message = str(exception) if exception.args else ""
    body = loader.render_to_string("400.html", {"message": message}, request)
    return HttpResponseBadRequest(body)
