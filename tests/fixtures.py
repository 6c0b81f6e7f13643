"""Personas: resident (anonymous), editor, org admin, site admin, outsider."""

import pytest

from core.actor import Actor
from core.models import Role
from tests.factories import OrganisationFactory, UserFactory, member


@pytest.fixture
def org(db):
    """The organisation most tests act in."""
    return OrganisationFactory(slug="demo-city", name="テスト市", name_en="Test City")


@pytest.fixture
def other_org(db):
    """Another organisation, for isolation tests."""
    return OrganisationFactory(slug="other-city", name="よその町", name_en="Other Town")


@pytest.fixture
def editor(org):
    """An editor of org."""
    return member(UserFactory(username="editor"), org, Role.EDITOR)


@pytest.fixture
def org_admin(org):
    """An administrator of org."""
    return member(UserFactory(username="orgadmin"), org, Role.ADMIN)


@pytest.fixture
def viewer(org):
    """A viewer of org."""
    return member(UserFactory(username="viewer"), org, Role.VIEWER)


@pytest.fixture
def outsider(other_org):
    """An editor of another organisation."""
    return member(UserFactory(username="outsider"), other_org, Role.EDITOR)


@pytest.fixture
def site_admin(db):
    """A site administrator."""
    return UserFactory(username="siteadmin", is_superuser=True, is_staff=True)


@pytest.fixture
def resident():
    """An anonymous visitor."""
    return Actor()


def actor(user) -> Actor:
    """The Actor for a user."""
    return Actor(user=user, ip="192.0.2.10")


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path_factory):
    """Each test stores files in its own directory, never in var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("files")


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Reference rows come from a data migration, which a transactional test's flush removes."""
    if "django_db_setup" not in request.fixturenames:
        return
    request.getfixturevalue("django_db_setup")
    from django.db import connection

    if connection.settings_dict.get("NAME") is None:
        return
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not any(f in request.fixturenames for f in ("db", "transactional_db")):
        return
    from catalog.models import Category, Licence, StandardDataset
    from catalog.reference import load_reference_data

    if not Licence.objects.exists():
        load_reference_data(Licence, Category, StandardDataset)
