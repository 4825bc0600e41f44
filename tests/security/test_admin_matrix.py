"""The admin's permission matrix, generated from ``admin.site._registry``: every registered model
and each of its URLs (list, popup, add, change, history, history version, delete, autocomplete),
for the user of the own region (allowed), of another region (404 or refused, nothing changed),
and for people who have no business there (refused)."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.forms import ModelChoiceField
from django.test import RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from accounts.choices import Role
from audit.admin_mixins import (
    ACCOUNT_KEEPERS,
    AUDIT_READERS,
    KEEPERS,
    ScopedAdmin,
    region_of,
)
from tests.factories import UserFactory

from .districts import district, snapshot

REGISTRY = dict(admin.site._registry)
LABELS = sorted(model._meta.label for model in REGISTRY)
MODELS = {model._meta.label: model for model in REGISTRY}


def model_admin(label):
    return REGISTRY[MODELS[label]]


@pytest.fixture
def home(db):
    return district("hanting", "寒亭区")


@pytest.fixture
def away(home):
    return district("kuiwen", "奎文区")


@pytest.fixture
def superuser(home):
    return UserFactory(
        username="root",
        role=Role.ADMIN,
        region=home.region,
        unit=None,
        is_staff=True,
        is_superuser=True,
    )


def actor(label, d):
    """Who works with this model in the admin of district ``d``; None: a superuser only."""
    roles = model_admin(label).roles
    if roles == KEEPERS:
        return d.supervisor
    if roles == ACCOUNT_KEEPERS:
        return d.admin
    if roles == AUDIT_READERS:
        return d.auditor
    assert not roles, f"{label}: a role set the matrix does not know"
    return None


def url(label, view, obj=None, *extra):
    model = MODELS[label]
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    args = [quote(obj.pk), *extra] if obj is not None else []
    return reverse(name, args=args)


def version(obj):
    """The id of the latest history record of ``obj``."""
    model = type(obj)._meta.concrete_model
    # A history row's own pk is history_id: ask by the object's primary key column.
    rows = model.history.filter(**{model._meta.pk.attname: obj.pk})
    return rows.order_by("-history_id").first().history_id


def has_history(label):
    model = MODELS[label]
    return isinstance(model_admin(label), SimpleHistoryAdmin) and hasattr(
        model._meta.concrete_model, "history"
    )


def stored(d, label):
    obj = d.objects[label]
    return type(obj)._base_manager.get(pk=obj.pk) if not MODELS[label]._meta.proxy else obj


def test_every_registered_admin_is_scoped():
    """A ModelAdmin outside the mixin would be unscoped: none may exist."""
    unscoped = [label for label in LABELS if not isinstance(model_admin(label), ScopedAdmin)]
    assert unscoped == []
    # Every inline follows its parent's rules and scopes its dropdowns too.
    for model_admin_ in REGISTRY.values():
        for inline in model_admin_.inlines:
            assert hasattr(inline, "_parent"), inline


def test_the_matrix_covers_every_model(home, away):
    assert set(LABELS) <= set(home.objects) and set(LABELS) <= set(away.objects)
    for label in LABELS:
        obj, other = home.objects[label], away.objects[label]
        if label != "auth.Group":  # groups carry no region: a superuser's only
            assert region_of(obj) == home.region.pk, label
            assert region_of(other) == away.region.pk, label


# --- the own region: allowed, and only the own region shown -----------------------------------


@pytest.mark.parametrize("label", LABELS)
def test_changelist_and_popup_show_the_own_region_only(client, home, away, superuser, label):
    user = actor(label, home) or superuser
    client.force_login(user)
    to_field = MODELS[label]._meta.pk.attname
    for address in (
        url(label, "changelist"),
        url(label, "changelist") + f"?_popup=1&_to_field={to_field}",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        shown = {obj.pk for obj in response.context["cl"].result_list}
        assert home.objects[label].pk in shown
        if user is not superuser:
            assert away.objects[label].pk not in shown


@pytest.mark.parametrize("label", LABELS)
def test_change_and_history_pages_open_for_the_own_region(client, home, away, superuser, label):
    user = actor(label, home) or superuser
    client.force_login(user)
    obj = home.objects[label]
    page = client.get(url(label, "change", obj))
    assert page.status_code == 200
    assert client.get(url(label, "history", obj)).status_code == 200
    if has_history(label):
        assert client.get(url(label, "simple_history", obj, version(obj))).status_code == 200
    if user is not superuser:
        # Every dropdown and raw-id field offers the own region only.
        for name, field in page.context["adminform"].form.fields.items():
            if isinstance(field, ModelChoiceField):
                offered = {region_of(choice) for choice in field.queryset}
                assert offered <= {home.region.pk}, (label, name, offered)


@pytest.mark.parametrize("label", LABELS)
def test_add_page_offers_the_own_region_only(client, home, away, superuser, label):
    user = actor(label, home) or superuser
    client.force_login(user)
    request = RequestFactory().get("/")
    request.user = user
    page = client.get(url(label, "add"))
    if not model_admin(label).has_add_permission(request):
        assert page.status_code == 403
        return
    assert page.status_code == 200
    form = page.context["adminform"].form
    for name, field in form.fields.items():
        if isinstance(field, ModelChoiceField) and user is not superuser:
            offered = {region_of(choice) for choice in field.queryset}
            assert offered <= {home.region.pk}, (label, name, offered)


@pytest.mark.parametrize("label", LABELS)
def test_autocomplete_finds_the_own_region_only(client, home, away, superuser, label):
    """Every foreign key of the model, looked up through its target's admin."""
    user = actor(label, home) or superuser
    client.force_login(user)
    model = MODELS[label]
    for field in model._meta.concrete_fields:
        target = field.related_model
        if not field.is_relation or target not in REGISTRY:
            continue
        if not REGISTRY[target].get_search_fields(None):
            continue
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field.name,
                "term": "",
            },
        )
        assert response.status_code in (200, 403), (label, field.name)
        if response.status_code == 200 and user is not superuser:
            found = {r["id"] for r in response.json()["results"]}
            foreign = str(getattr(away.of(target), target._meta.pk.attname))
            assert foreign not in found, (label, field.name)


# --- another region: 404, nothing changed ---------------------------------------------------


@pytest.mark.parametrize("label", LABELS)
def test_another_regions_object_is_not_found(client, home, away, label):
    user = actor(label, home) or home.supervisor
    client.force_login(user)
    other = away.objects[label]
    addresses = [
        url(label, "change", other),
        url(label, "history", other),
        url(label, "delete", other),
    ]
    if has_history(label):
        addresses.append(url(label, "simple_history", other, version(other)))
    # A superuser's admin (groups, tokens, robots) refuses any other user either way.
    expected = {404} if actor(label, home) else {403, 404}
    before = snapshot(stored(away, label))
    for address in addresses:
        assert client.get(address).status_code in expected, address
        posted = client.post(address, {"change_reason": "越权", "post": "yes", "name": "越权"})
        assert posted.status_code in expected, address
    assert snapshot(stored(away, label)) == before


# --- people with no business here: refused ----------------------------------------------------


def _every_url(label, obj):
    addresses = [
        url(label, "changelist"),
        url(label, "add"),
        url(label, "change", obj),
        url(label, "history", obj),
        url(label, "delete", obj),
    ]
    if has_history(label):
        addresses.append(url(label, "simple_history", obj, version(obj)))
    return addresses


@pytest.mark.parametrize("label", LABELS)
def test_non_staff_are_sent_to_sign_in(client, home, label):
    client.force_login(home.reporter)  # not staff
    obj = home.objects[label]
    before = snapshot(stored(home, label))
    for address in _every_url(label, obj):
        response = client.get(address)
        assert response.status_code == 302 and "/login/" in response["Location"], address
        assert client.post(address, {"name": "越权", "post": "yes"}).status_code == 302
    assert snapshot(stored(home, label)) == before


@pytest.mark.parametrize("label", LABELS)
def test_staff_of_another_duty_are_refused(client, home, label):
    """Staff flags do not open the admin: each role reaches only its own duty's models."""
    obj = home.objects[label]
    own = actor(label, home)
    staff_reporter = UserFactory(
        username="staff-reporter", region=home.region, unit=home.reporter.unit, is_staff=True
    )
    others = [
        u
        for u in (home.supervisor, home.admin, home.security, home.auditor, staff_reporter)
        if u != own
    ]
    before = snapshot(stored(home, label))
    for user in others:
        client.force_login(user)
        for address in _every_url(label, obj):
            status = client.get(address).status_code
            # 404: the object is outside this user's view of the region (administrators).
            assert status in (403, 404), (user.role, address, status)
            posted = client.post(address, {"name": "越权", "post": "yes"}).status_code
            assert posted in (403, 404), (user.role, address, posted)
    assert snapshot(stored(home, label)) == before


def test_history_admins_match_history_models():
    """A history admin on a model without history fails on its history page; a model with
    history shows it."""
    for label in LABELS:
        model = MODELS[label]._meta.concrete_model
        with_history = hasattr(model._meta, "simple_history_manager_attribute")
        assert isinstance(model_admin(label), SimpleHistoryAdmin) == with_history, label
