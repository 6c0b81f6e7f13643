"""The publication gate: which version of a resource an actor may receive.

Other apps withhold versions through ``catalog.extensions.VERSION_WITHHOLDERS`` (the privacy
guard withholds versions still being scanned and blocked ones). Members of the dataset's
organisation see every version; everyone else gets the newest version nobody withholds, or
nothing. Every public path (downloads, CKAN and /api/v1 dicts, DCAT, table pages and the
datastore) asks a ``Gate`` rather than reading ``resource.current_version`` directly.
"""

from __future__ import annotations

from catalog import extensions
from core.actor import Actor
from core.permissions import readable_organisation_ids


class Gate:
    """What one actor may receive of resource versions; caches its lookups for one request."""

    def __init__(self, actor: Actor | None = None, *, everything: bool = False) -> None:
        self.actor = actor or Actor()
        self._everything = everything
        self._readable: set[int] | bool | None = False  # False: not looked up yet
        self._withheld: dict[int, bool] = {}

    @classmethod
    def public(cls) -> Gate:
        """The anonymous visitor's gate (DCAT, harvest, public lists)."""
        return cls(Actor())

    @classmethod
    def internal(cls) -> Gate:
        """A gate that withholds nothing (internal comparisons, never a response)."""
        return cls(Actor.system(), everything=True)

    def sees_all(self, dataset) -> bool:
        """True when the actor may see withheld versions of this dataset (its organisation)."""
        if self._everything:
            return True
        if self._readable is False:
            self._readable = readable_organisation_ids(self.actor)
        return self._readable is None or dataset.organisation_id in self._readable

    def prime(self, version_ids) -> None:
        """Look up many versions at once (one query), so lists cost no query per resource."""
        todo = {int(v) for v in version_ids if v is not None and int(v) not in self._withheld}
        if not todo:
            return
        withheld = extensions.withheld_version_ids(todo)
        for vid in todo:
            self._withheld[vid] = vid in withheld

    def prime_resources(self, resources) -> None:
        """Prime the current versions of these resources."""
        self.prime(r.current_version_id for r in resources)

    def is_withheld(self, version) -> bool:
        """True when this version is kept from the public (whoever asks)."""
        if version is None:
            return False
        self.prime([version.pk])
        return self._withheld.get(version.pk, False)

    def allows(self, version, dataset) -> bool:
        """True when the actor may receive this version of a resource of the dataset."""
        return self.sees_all(dataset) or not self.is_withheld(version)

    def served(self, resource, dataset):
        """The version of the resource this actor receives: the current one, or for the public
        the newest earlier version nobody withholds, or None."""
        current = resource.current_version
        if current is None or self.sees_all(dataset) or not self.is_withheld(current):
            return current
        earlier = list(resource.versions.filter(number__lt=current.number).order_by("-number")[:20])
        self.prime(v.pk for v in earlier)
        return next((v for v in earlier if not self._withheld.get(v.pk, False)), None)

    def withheld_current(self, resource) -> bool:
        """True when the resource's current version is withheld from the public."""
        return self.is_withheld(resource.current_version)
