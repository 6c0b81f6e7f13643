"""Harvest test helpers: sources in the 'org' persona's organisation."""

import pytest

from catalog.models import HarvestSource


@pytest.fixture
def make_source(org):
    """A harvest source landing in org (not saved through the service: no role needed)."""

    def make(kind="ckan", url="https://ckan.example.jp", organisation=None, **fields):
        return HarvestSource.objects.create(organisation=organisation or org, kind=kind, url=url,
                                            **fields)

    return make


@pytest.fixture
def allow_loopback(settings):
    """Let the guarded client reach servers the test starts on 127.0.0.1."""
    settings.OUTBOUND_ALLOW = ["127.0.0.0/8"]
