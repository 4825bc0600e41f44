"""Reading another installation's feed: a city's installation pulls what changed in a
district's since it last asked, following the pages, with the district's API token. Plain
``urllib`` (no extra dependency); the rows are returned as the feed sends them."""

import json
import urllib.parse
import urllib.request

TIMEOUT = 30  # seconds per page


def pull(base_url: str, token: str, endpoint: str, since: str | None = None) -> list[dict]:
    """Every row of ``endpoint`` ("projects", "reports", "scores") changed at or after
    ``since`` (ISO datetime; all rows when None), across all pages, oldest change first."""
    query = {"updated_since": since} if since else {}
    url = f"{base_url.rstrip('/')}/api/v1/{endpoint}/"
    if query:
        url += "?" + urllib.parse.urlencode(query)
    rows: list[dict] = []
    while url:
        request = urllib.request.Request(
            url, headers={"Authorization": f"Token {token}", "Accept": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            page = json.load(response)
        rows.extend(page["results"])
        url = page.get("next")
    return rows


def latest(rows: list[dict], field: str = "updated_at") -> str | None:
    """The moment to ask from next time: the latest change seen."""
    moments = [row[field] for row in rows if row.get(field)]
    return max(moments) if moments else None
