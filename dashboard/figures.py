"""The plain data the dashboard's pages keep in the cache (dashboard.cache): a tile is a few
strings and numbers, not a model instance, and a page of tiles remembers its place."""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, overload

from django.core.paginator import Page, Paginator


@dataclass(frozen=True)
class Tile:
    """A project as a tile, a red-list line or a changed card: what the templates print."""

    pk: int
    code: str
    name: str
    unit: str
    leader_name: str
    week_card: str | None
    week_total: Decimal | None
    week_exempt: bool | None
    prev_card: str | None

    @classmethod
    def of(cls, project) -> "Tile":
        """From a row of dashboard.selectors.tile_queryset."""
        return cls(
            project.pk,
            project.code,
            project.name,
            str(project.unit),
            project.leader.name,
            project.week_card,
            project.week_total,
            project.week_exempt,
            project.prev_card,
        )


@dataclass(frozen=True)
class Slice:
    """One page of a paginated list, as data: its rows, the whole count and its number."""

    rows: list
    count: int
    number: int
    per_page: int

    @classmethod
    def of(cls, page: Page, row=Tile.of) -> "Slice":
        return cls(
            [row(item) for item in page.object_list],
            page.paginator.count,
            page.number,
            page.paginator.per_page,
        )

    def page(self) -> Page:
        """A Django page again, for the pager's template."""
        return Paginator(_Window(self.rows, self.count), self.per_page).page(self.number)


class _Window:
    """A list of ``count`` items of which only the page's rows are held."""

    def __init__(self, rows: list[Any], count: int):
        self.rows, self.total = rows, count

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, key: int) -> Any: ...
    @overload
    def __getitem__(self, key: slice) -> list[Any]: ...
    def __getitem__(self, key: int | slice) -> Any:
        return self.rows  # the page's rows, whatever slice the paginator asks for

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)
