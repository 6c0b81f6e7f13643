"""Native API test helpers: tokens and a small catalogue."""

import pytest

from catalog.services import replace_resource_file
from catalog.tests.conftest import upload
from core.services import tokens
from tests.fixtures import actor


def token_for(user) -> str:
    """A fresh API token secret for a user."""
    _token, secret = tokens.create_api_token(actor=actor(user), name="test")
    return secret


def bearer(secret: str) -> dict:
    """The Authorization header for a token, as Django test client keyword arguments."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def catalogue(make_dataset, editor):
    """Two public datasets, a private one and a draft; parks has two versions."""
    parks = make_dataset(slug="parks", title="市内の公園一覧", title_en="Parks",
                         tags=["公園", "施設"], categories=["facilities"], licence="pdl-1.0",
                         standard="public-facilities")
    make_dataset(slug="population", title="人口統計", categories=["population"])
    make_dataset(slug="hidden", title="公園の非公開資料", private=True)
    make_dataset(slug="draft", title="公園の下書き", publish=False)
    replace_resource_file(actor=actor(editor), resource=parks.resources.get(),
                          upload=upload(b"name\nA\n", "parks.csv"))
    return parks
