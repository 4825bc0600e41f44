"""The list's head and cells, worked out once per language (projects.cells, config.table_html),
follow the reader's language from one page to the next."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_kept_head_and_cells_follow_the_language(client, supervisor, project):
    client.force_login(supervisor)
    pages = {}
    for language in ("zh-hans", "en", "zh-hans"):
        client.cookies["django_language"] = language
        html = client.get(reverse("projects:list")).content.decode()
        table = re.search(r"<table.*</table>", html, re.S)
        assert table
        pages.setdefault(language, []).append(table.group(0))
    chinese, english = pages["zh-hans"], pages["en"][0]
    assert chinese[0] == chinese[1]
    assert 'data-th="Stage"' in english and 'data-th="Stage"' not in chinese[0]
    assert '">Stage</a></th>' in english
