"""What the migration tests share: the database taken back to a past state with every other app
as far as it can go, and a small register built in the models as they were then."""

from types import SimpleNamespace

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def others_as_far_as_they_can(executor, before):
    """Each app not in ``before`` at its newest migration that needs nothing of those apps past
    ``before`` (a later migration of theirs may build on what they gained since); an app named
    with None is needed not at all."""
    graph = executor.loader.graph
    allowed = {app: set(graph.forwards_plan((app, name)) if name else ()) for app, name in before}

    def fits(node):
        return all(n in allowed[n[0]] for n in graph.forwards_plan(node) if n[0] in allowed)

    targets = []
    for leaf in graph.leaf_nodes():
        if leaf[0] in allowed:
            continue
        node = leaf
        while node is not None and not fits(node):
            same_app = [p for p in graph.node_map[node].parents if p.key[0] == node[0]]
            node = same_app[0].key if same_app else None
        targets.append(node or (leaf[0], None))
    return targets


def migrate_back(before):
    """Takes the database back to ``before`` (the others as far as they can go); returns the
    executor and the apps of that state."""
    executor = MigrationExecutor(connection)
    state = before + others_as_far_as_they_can(executor, before)
    executor.migrate(state)
    return executor, executor.loader.project_state([n for n in state if n[1] is not None]).apps


def old_register(old, **user_fields) -> SimpleNamespace:
    """A district with a unit, a leader, a supervisor, a campaign and one project, in ``old``
    (the apps of a past state), so that the rows a migration moves have their parents."""
    region = old.get_model("accounts", "Region").objects.create(
        name="寒亭区", code="m", level="district"
    )
    unit = old.get_model("accounts", "Unit").objects.create(region=region, name="区住建局")
    leader = old.get_model("accounts", "Leader").objects.create(region=region, name="张")
    user = old.get_model("accounts", "User").objects.create(
        username="sup", role="supervisor", region=region, **user_fields
    )
    campaign = old.get_model("projects", "Campaign").objects.create(
        region=region, year=2026, name="2026"
    )
    project = old.get_model("projects", "Project").objects.create(
        campaign=campaign,
        unit=unit,
        leader=leader,
        name="OLED盖板项目",
        code="P1",
        category="industry",
        target="accelerate",
        stage="construction",
        total_investment=50000,
        annual_plan=12000,
    )
    return SimpleNamespace(
        region=region, unit=unit, leader=leader, user=user, campaign=campaign, project=project
    )
