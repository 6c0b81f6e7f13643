"""Fixtures of the plan tests: a small plan loaded into the test organisation, reporters."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.actor import Actor
from core.models import Department, Role
from plan import importer
from plan.services.actuals import assign_reporter
from tests.factories import UserFactory, member

DATA = Path(__file__).resolve().parent / "data"


def as_actor(user) -> Actor:
    """The Actor of a user."""
    return Actor(user=user, ip="192.0.2.20")


@pytest.fixture
def small_doc():
    """The small plan file, validated."""
    return importer.read_file(DATA / "small.yaml")


@pytest.fixture
def plan(org, org_admin, small_doc):
    """The small plan loaded into org by its administrator (planning staff)."""
    return importer.load(actor=as_actor(org_admin), doc=small_doc, organisation=org).plan


@pytest.fixture
def soumu(plan):
    """総務課, created by the import."""
    return Department.objects.get(organisation=plan.organisation, name="総務課")


@pytest.fixture
def kikaku(plan):
    """企画課, created by the import."""
    return Department.objects.get(organisation=plan.organisation, name="企画課")


@pytest.fixture
def soumu_editor(plan, org_admin, soumu):
    """An editor who reports for 総務課."""
    user = member(UserFactory(username="soumu"), plan.organisation, Role.EDITOR)
    assign_reporter(actor=as_actor(org_admin), department=soumu, user=user)
    return user


@pytest.fixture
def kikaku_editor(plan, org_admin, kikaku):
    """An editor who reports for 企画課."""
    user = member(UserFactory(username="kikaku"), plan.organisation, Role.EDITOR)
    assign_reporter(actor=as_actor(org_admin), department=kikaku, user=user)
    return user


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    """The two-factor flow has its own tests in core; plan pages are tested behind it."""
    settings.REQUIRE_2FA = False


@pytest.fixture
def other_admin(other_org):
    """An administrator of another organisation (must never touch this plan)."""
    return member(UserFactory(username="otheradmin"), other_org, Role.ADMIN)
