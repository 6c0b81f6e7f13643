"""Catalog service functions: every write to datasets and resources goes through these."""

from catalog.services.datasets import (
    DatasetData,
    create_dataset,
    delete_dataset,
    publish_dataset,
    request_score_refresh,
    unpublish_dataset,
    update_dataset,
)
from catalog.services.derived import deferred_refresh, refresh_derived_fields
from catalog.services.resources import (
    ResourceData,
    add_resource,
    delete_resource,
    replace_resource_file,
    update_resource,
)

__all__ = [
    "DatasetData",
    "ResourceData",
    "add_resource",
    "create_dataset",
    "deferred_refresh",
    "delete_dataset",
    "delete_resource",
    "publish_dataset",
    "refresh_derived_fields",
    "replace_resource_file",
    "request_score_refresh",
    "unpublish_dataset",
    "update_dataset",
    "update_resource",
]
