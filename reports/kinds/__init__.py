"""One module per report kind. Each has ``build(campaign, period) -> dict`` (the snapshot, read
in a fixed number of queries) and ``sheets(snapshot) -> list[Sheet]`` (its Excel workbook); the
PDF and the page render ``templates/reports/doc/<kind>.html`` from the same snapshot."""

from types import ModuleType

from . import annual, biweekly, halfyear, monthly, quarterly, weekly

BUILDERS: dict[str, ModuleType] = {
    "weekly": weekly,
    "biweekly": biweekly,
    "monthly": monthly,
    "quarterly": quarterly,
    "halfyear": halfyear,
    "annual": annual,
}


def builder(kind: str) -> ModuleType:
    try:
        return BUILDERS[kind]
    except KeyError:
        raise ValueError(f"unknown report kind {kind!r}; one of {', '.join(BUILDERS)}") from None
