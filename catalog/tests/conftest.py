"""Catalog test helpers."""

import io

import pytest

from catalog.services import (
    DatasetData,
    ResourceData,
    add_resource,
    create_dataset,
    publish_dataset,
)
from tests.fixtures import actor


def upload(data: bytes, name: str):
    """A named in-memory file like the ones Django hands to views."""
    stream = io.BytesIO(data)
    stream.name = name
    return stream


@pytest.fixture
def make_dataset(org, editor):
    """Create (and by default publish) a dataset with one CSV resource."""

    def make(slug="parks", title="市内の公園一覧", publish=True, organisation=None, user=None,
             resource=True, **fields):
        who = actor(user or editor)
        dataset = create_dataset(actor=who, organisation=organisation or org,
                                 data=DatasetData(slug=slug, title=title, **fields))
        if resource:
            add_resource(actor=who, dataset=dataset, data=ResourceData(name="一覧"),
                         upload=upload("名称,所在地\n中央公園,中央町1\n".encode("cp932"),
                                       f"{slug}.csv"))
        if publish:
            publish_dataset(actor=who, dataset=dataset)
        dataset.refresh_from_db()
        return dataset

    return make
