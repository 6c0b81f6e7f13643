"""Extension points other apps plug into, so that the catalog never imports them.

The tabular app, for instance, adds its ingestion state to ``resource_show`` and its
DataStore actions to the CKAN Action API, from its ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable

#: Callables ``(resource) -> dict`` whose result is merged into CKAN's resource_show dict.
RESOURCE_SHOW_EXTRAS: list[Callable] = []


def resource_show_extras(resource) -> dict:
    """Extra keys for one resource's CKAN dict, from every registered provider."""
    extra: dict = {}
    for provider in RESOURCE_SHOW_EXTRAS:
        extra.update(provider(resource))
    return extra


#: Callables ``(organisation, stdout) -> None`` that add an app's part of the demo city (its
#: garbage calendar, its plan...) after the catalog demo; each must be idempotent.
DEMO_LOADERS: list[Callable] = []


def load_demo_extras(organisation, stdout) -> None:
    """Run every registered demo loader for the demo organisation."""
    for loader in DEMO_LOADERS:
        loader(organisation, stdout)


#: Callables ``(version_ids: set[int]) -> set[int]`` naming the versions, among those given,
#: that must not reach anyone outside the dataset's organisation (the privacy guard withholds
#: versions still being scanned or blocked). See catalog/gate.py, which applies them.
VERSION_WITHHOLDERS: list[Callable] = []


def withheld_version_ids(version_ids) -> set[int]:
    """The versions among these that some registered withholder keeps from the public."""
    ids = {int(v) for v in version_ids if v is not None}
    withheld: set[int] = set()
    if not ids:
        return withheld
    for provider in VERSION_WITHHOLDERS:
        withheld |= set(provider(ids))
    return withheld


#: Callables ``(dataset) -> None`` run before a dataset is published; each raises a
#: core.errors.ServiceError (with a Japanese and English message) to refuse publication.
PUBLISH_CHECKS: list[Callable] = []


def check_publishable(dataset) -> None:
    """Run every registered publication check (each raises to refuse)."""
    for check in PUBLISH_CHECKS:
        check(dataset)
