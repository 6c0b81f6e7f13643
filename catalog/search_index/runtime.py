"""The active search index of this process and answering searches with it.

A search asks the change log (``catalog_search_change``, filled by database triggers) which
datasets changed after the index was built; those few are answered through SQL and merged
with the index's answer for all the others, so results always equal the SQL path's.
"""

from __future__ import annotations

import heapq

from catalog.models import Category, Dataset
from catalog.search_index import lifecycle
from catalog.search_index.build import Built
from catalog.search_index.engine import FACET_NAMES, Request
from catalog.search_index.engine import search as index_search
from catalog.search_index.lifecycle import REBUILD_AT, activate, active, changed_since
from core.actor import Actor
from core.models import Organisation
from core.permissions import readable_organisation_ids
from jp import search as jp_search

__all__ = ["activate", "active", "changed_since", "search"]

# More changed datasets than this since the build: answer through SQL (and rebuild).
MAX_FRESH = 2000


def _usable() -> tuple[Built, list[int]] | None:
    """The index to answer with and the datasets changed since it was built, or None (SQL)."""
    built = active()
    if built is None:
        if not lifecycle.enabled():
            return None
        built = lifecycle.refresh(None)
        if built is None:
            return None
    fresh = changed_since(built)
    if fresh is None:  # the change log no longer covers it, or another database
        activate(None)
        if lifecycle.enabled():
            lifecycle.refresh(None)
        return None
    if len(fresh) >= REBUILD_AT and lifecycle.enabled():
        newer = lifecycle.refresh(built)
        if newer is not None and newer is not built:  # a newer stored build was loaded
            built, fresh = newer, changed_since(newer)
            if fresh is None:
                return None
    if len(fresh) > MAX_FRESH:
        return None
    return built, fresh


def _request(actor: Actor, params, built: Built, *, stop: int, exclude: list[int],
             with_facets: bool) -> Request:
    """Resolve slugs to ids and the actor to a visibility rule."""
    readable = readable_organisation_ids(actor)
    organisations = categories = None
    if params.organization:
        organisations = tuple(Organisation.objects.filter(slug__in=params.organization)
                              .values_list("id", flat=True))
    if params.category:
        known = dict(Category.objects.filter(slug__in=params.category)
                     .values_list("slug", "id"))
        categories = tuple(known.get(slug, -1) for slug in params.category)
    return Request(
        terms=jp_search.query_terms(params.q or ""),
        readable=None if readable is None else tuple(readable),
        everything=readable is None,
        organisations=organisations,
        categories=categories,
        tags=tuple(params.tag) if params.tag else None,
        formats=tuple(f.upper() for f in params.format) if params.format else None,
        licences=tuple(params.licence) if params.licence else None,
        standards=tuple(params.standard) if params.standard else None,
        sort=params.sort,
        stop=stop,
        exclude=exclude,
        facets=with_facets,
    )


def _top(counts: dict[object, int], limit: int) -> list[tuple[object, int]]:
    """The most frequent values, ties by value, as the SQL facet query orders them."""
    return heapq.nsmallest(limit, counts.items(), key=lambda kv: (-kv[1], kv[0]))


def search(actor: Actor, params, *, with_facets: bool = True):
    """A SearchResult from the index merged with SQL for changed datasets; None: use SQL."""
    from catalog import selectors

    usable = _usable()
    if usable is None:
        return None
    built, fresh = usable
    index = built.index
    stale = [p for p in map(index.position_of, fresh) if p is not None]
    page = max(1, min(params.page, selectors.MAX_PAGE))
    start = (page - 1) * params.page_size
    stop = start + params.page_size
    answer = index_search(index, _request(actor, params, built, stop=stop, exclude=stale,
                                          with_facets=with_facets))
    total = answer.total
    fresh_ids: list[int] = []
    if fresh:
        fresh_ids = list(selectors._filtered(actor, params).filter(id__in=fresh).distinct()
                         .values_list("id", flat=True))
        total += len(fresh_ids)
    page_ids = [index.id_at(p) for p in answer.positions]
    related = ("organisation", "licence", "standard")
    if fresh_ids:
        candidates = Dataset.objects.filter(id__in=page_ids + fresh_ids)
        datasets = list(selectors._ordered(candidates, params).select_related(*related)
                        [start:stop])
    else:
        by_id = Dataset.objects.select_related(*related).in_bulk(page_ids[start:stop])
        datasets = [by_id[i] for i in page_ids[start:stop] if i in by_id]
    facets = {}
    if with_facets:
        counts: dict[str, list[tuple[object, int]]] = {}
        cat_slugs: dict[int, str] = {}
        if answer.facets["category"]:
            cat_slugs = dict(Category.objects.filter(pk__in=list(answer.facets["category"]))
                             .values_list("id", "slug"))
        for name in FACET_NAMES:
            merged = dict(answer.facets[name])
            if name == "category":
                merged = {cat_slugs[k]: n for k, n in merged.items() if k in cat_slugs}
            if fresh:
                base = selectors.facet_base(actor, params, name).filter(id__in=fresh)
                for value, n in selectors._facet(base, selectors.FACET_PATHS[name], None):
                    merged[value] = merged.get(value, 0) + n
            counts[name] = _top(merged, selectors.FACET_LIMIT)
        facets = selectors.facet_items(counts, params)
    return selectors.SearchResult(datasets=datasets, total=total, facets=facets, params=params)
