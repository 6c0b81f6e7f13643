"""Harvest another CKAN (or Kanmin) through its Action API, the way ckanext-harvest does.

Listing: ``package_search`` with ``rows=100``, ``start`` paging and ``sort=id asc`` (a stable
order, so pages neither skip nor repeat while nothing changes). Incremental details:
``fq=metadata_modified:[<last complete run> TO *]``. Every run also lists all ids, so a
dataset gone from the source is withdrawn, and one whose listed modification time differs
from ours (or that failed last time) is fetched with ``package_show``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from catalog.ckan.write import _dataset_data
from catalog.harvest.mapping import (
    fit,
    licence_table,
    match_licence,
    normalise_format,
    parse_when,
)
from catalog.harvest.registry import (
    Gathered,
    Harvester,
    HarvestError,
    RemoteDataset,
    RemoteResource,
    register,
)
from catalog.services import DatasetData
from core.errors import InvalidInput, ServiceError, formatted

ROWS = 100
MAX_DATASETS = 100_000
MAX_API_BYTES = 20 * 1024 * 1024
# The remote clock is not ours: look a little further back than the last run started.
SINCE_MARGIN = timedelta(hours=1)
CORE_KEYS = ("name", "title", "notes", "license_id", "maintainer", "maintainer_email", "tags",
             "groups")
API_SUFFIXES = ("/api/3/action", "/api/action", "/api/3", "/api")


def api_base(url: str) -> str:
    """The site root of a CKAN URL given with or without its API path."""
    base = url.strip().rstrip("/")
    for suffix in API_SUFFIXES:
        if base.endswith(suffix):
            return base[: -len(suffix)]
    return base


@register("ckan")
class CkanHarvester(Harvester):
    """CKAN's core fields; extras are ignored (their meaning differs between sites)."""

    trust_extras = False

    @cached_property
    def licences(self) -> list[tuple[str, str]]:
        """The local licences, read once per run rather than once per dataset."""
        return licence_table()

    @property
    def base(self) -> str:
        """The source's site root."""
        return api_base(self.source.url)

    def action(self, name: str, params: dict):
        """Call a read action and return its result (HarvestError on any failure)."""
        result = self.fetch(f"{self.base}/api/3/action/{name}", params=params,
                            max_bytes=MAX_API_BYTES, accept="application/json")
        try:
            body = json.loads(result.body)
        except ValueError as exc:
            message = formatted(_("%(action)s の応答が JSON ではありません（HTTP %(status)s）"),
                                action=name, status=result.status)
            raise HarvestError(message) from exc
        if not isinstance(body, dict) or body.get("success") is not True or not result.ok:
            error = body.get("error") if isinstance(body, dict) else None
            detail = error.get("message", "") if isinstance(error, dict) else ""
            message = formatted(_("%(action)s が失敗しました（HTTP %(status)s）%(detail)s"),
                                action=name, status=result.status,
                                detail=f": {str(detail)[:300]}" if detail else "")
            raise HarvestError(message)
        return body.get("result")

    def _filters(self, since: datetime | None) -> str:
        parts = []
        if self.source.remote_organisation:
            parts.append(f'organization:"{self.source.remote_organisation}"')
        if since is not None:
            moment = (since - SINCE_MARGIN).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            parts.append(f"metadata_modified:[{moment} TO *]")
        return " AND ".join(parts)

    def search(self, *, since: datetime | None = None, fl: str = "") -> tuple[list[dict], bool]:
        """Every package_search result page by page; True when the listing is complete."""
        results: list[dict] = []
        seen: set[str] = set()
        counts: set[int] = set()
        start = 0
        while start < MAX_DATASETS:
            params = {"q": "*:*", "rows": ROWS, "start": start, "sort": "id asc"}
            fq = self._filters(since)
            if fq:
                params["fq"] = fq
            if fl:
                params["fl"] = fl
            page = self.action("package_search", params)
            if not isinstance(page, dict) or not isinstance(page.get("results"), list):
                raise HarvestError(_("package_search の応答の形式が正しくありません"))
            counts.add(int(page.get("count") or 0))
            batch = [r for r in page["results"] if isinstance(r, dict) and r.get("id")]
            for item in batch:
                if item["id"] not in seen:
                    seen.add(item["id"])
                    results.append(item)
            start += len(page["results"])
            if not page["results"] or start >= max(counts):
                break
        # A count that changed between pages, or ids missing, means the source moved under us.
        complete = len(counts) == 1 and len(seen) == counts.pop()
        return results, complete

    def gather(self, *, since, known) -> Gathered:
        """List every id, fetch what changed since the last complete run, and catch up."""
        gathered = Gathered()
        listing: list[dict] = []
        if since is None:
            packages, complete = self.search()
            listed = {p["id"]: parse_when(p.get("metadata_modified")) for p in packages}
            gathered.log.append(f"package_search: {len(packages)} (full)")
        else:
            listing, complete = self.search(fl="id,metadata_modified")
            listed = {p["id"]: parse_when(p.get("metadata_modified")) for p in listing}
            packages, _complete = self.search(since=since)
            gathered.log.append(f"package_search: {len(listing)} listed, "
                                f"{len(packages)} modified since {since.isoformat()}")
        gathered.listed_ids = set(listed) if complete else None
        if not complete:
            gathered.log.append("listing incomplete: nothing is withdrawn this run")
        fetched = {p["id"] for p in packages}
        # A server that ignores 'fl' (Kanmin does) listed whole packages: no need to ask again.
        whole = {p["id"]: p for p in (listing if since is not None else [])
                 if "resources" in p and "title" in p}
        for remote_id, modified in listed.items():
            if remote_id in fetched:
                continue
            if remote_id in known and (modified is None or known[remote_id] == modified):
                gathered.unchanged += 1
                continue
            if remote_id in whole:
                packages.append(whole[remote_id])
                continue
            try:
                packages.append(self.action("package_show", {"id": remote_id}))
            except ServiceError as exc:
                gathered.errors.append((remote_id, exc.both()))
        for package in packages:
            if package.get("id") not in listed:
                continue  # changed after the listing (or private): next run decides
            try:
                gathered.datasets.append(self.to_remote(package))
            except ServiceError as exc:
                gathered.errors.append((str(package.get("id")), exc.both()))
        return gathered

    def to_remote(self, package: dict) -> RemoteDataset:
        """Map a CKAN package dict onto the catalog's input (reusing the CKAN API's mapping)."""
        clean = {key: package[key] for key in CORE_KEYS if key in package}
        if self.trust_extras:
            clean["extras"] = package.get("extras") or []
        organisation = self.source.organisation
        try:
            data = _dataset_data(clean, DatasetData(licence=""), organisation)
        except InvalidInput:  # a malformed date extra: keep the rest
            clean["extras"] = [e for e in clean.get("extras", [])
                               if not str(e.get("key", "")).startswith("temporal_")]
            data = _dataset_data(clean, DatasetData(licence=""), organisation)
        data.licence = match_licence(package.get("license_id") or "",
                                     package.get("license_url") or "", table=self.licences)
        name = str(package.get("name") or "")
        fit(data, fallback_title=name)
        org = package.get("organization") or {}
        return RemoteDataset(
            remote_id=str(package["id"]),
            remote_url=self.page_url(package),
            name=name,
            data=data,
            resources=[self.to_resource(r) for r in package.get("resources") or []
                       if isinstance(r, dict) and _is_web_url(r.get("url"))],
            modified=parse_when(package.get("metadata_modified")),
            publisher=str(org.get("name") or "") if isinstance(org, dict) else "",
        )

    def to_resource(self, item: dict) -> RemoteResource:
        """A CKAN resource as a link."""
        return RemoteResource(
            key=str(item.get("id") or item["url"]),
            url=str(item["url"]).strip(),
            name=str(item.get("name") or "")[:300],
            name_en=str(item.get("name_en") or "")[:300] if self.trust_extras else "",
            description=str(item.get("description") or ""),
            format=normalise_format(str(item.get("format") or "")),
        )

    def page_url(self, package: dict) -> str:
        """The dataset's page at the source (CKAN's 'url' field is a free 'source' link)."""
        return f"{self.base}/dataset/{package.get('name') or package['id']}"


@register("kanmin")
class KanminHarvester(CkanHarvester):
    """Another Kanmin: its CKAN API plus our extras (English title, standard dataset…)."""

    trust_extras = True

    def page_url(self, package: dict) -> str:
        """Kanmin's package 'url' is the dataset page itself."""
        url = str(package.get("url") or "")
        return url if _is_web_url(url) else super().page_url(package)


def _is_web_url(value) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))
