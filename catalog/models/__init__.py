"""Catalog models, split by domain."""

from catalog.models.dataset import Dataset, UpdateFrequency
from catalog.models.harvest import HarvestRecord, HarvestSource
from catalog.models.reference import Category, Licence, StandardDataset, Tag
from catalog.models.resource import Resource, ResourceVersion

__all__ = [
    "Category",
    "Dataset",
    "HarvestRecord",
    "HarvestSource",
    "Licence",
    "Resource",
    "ResourceVersion",
    "StandardDataset",
    "Tag",
    "UpdateFrequency",
]
