"""Read actions of the CKAN Action API."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q

from catalog import extensions
from catalog.ckan import dicts, lookup
from catalog.ckan import search as ckan_search
from catalog.ckan.params import as_bool, as_int, as_list, required
from catalog.gate import Gate
from catalog.models import Category, Dataset, Licence, Tag
from catalog.selectors import visible_datasets
from core.actor import Actor
from core.models import Organisation, Role
from core.permissions import editable_organisations, has_role, is_site_admin


def _public(actor: Actor):
    return visible_datasets(actor).filter(state=Dataset.State.PUBLISHED, private=False)


def site_read(actor: Actor, data: dict):
    """Always true: the site can be read."""
    return True


def status_show(actor: Actor, data: dict):
    """Site status: the CKAN version clients expect and our own."""
    return {
        "ckan_version": "2.10.4",
        "kanmin_version": "0.1.0",
        "site_title": "官民データ活用基盤 Kanmin",
        "site_description": "Open data catalog",
        "site_url": settings.SITE_URL,
        "locale_default": "ja",
        "error_emails_to": None,
        "extensions": ["kanmin", "datastore"],
    }


def package_list(actor: Actor, data: dict):
    """Names of public datasets."""
    limit = as_int(data, "limit", 100_000, lo=0, hi=100_000)
    offset = as_int(data, "offset", 0)
    return list(
        _public(actor).order_by("slug").values_list("slug", flat=True)[offset : offset + limit]
    )


def current_package_list_with_resources(actor: Actor, data: dict):
    """Public datasets with resources, most recently modified first."""
    limit = as_int(data, "limit", 100, lo=1, hi=1000)
    offset = as_int(data, "offset", 0)
    page = data.get("page")
    if page not in (None, ""):
        offset = (as_int(data, "page", 1, lo=1) - 1) * limit
    qs = dicts.prefetched(_public(actor).order_by("-modified", "-id"))[offset : offset + limit]
    return dicts.package_dicts(qs, actor=actor)


def package_show(actor: Actor, data: dict):
    """One dataset by id or name (private ones only for members)."""
    dataset = lookup.dataset(actor, data)
    found = dicts.prefetched(Dataset.objects.filter(pk=dataset.pk)).get()
    return dicts.package_dicts([found], actor=actor)[0]


def package_search(actor: Actor, data: dict):
    """Search with q, fq, fq_list, sort, rows, start, facets and include_private/drafts."""
    rows = as_int(data, "rows", ckan_search.DEFAULT_ROWS, lo=0, hi=ckan_search.MAX_ROWS)
    start = as_int(data, "start", 0, lo=0, hi=10**7)
    fq_list = [str(x) for x in as_list(data, "fq_list")]
    if data.get("fq"):
        fq_list.insert(0, str(data["fq"]))
    query = ckan_search.parse(str(data.get("q") or ""), fq_list)
    qs = ckan_search.base_queryset(
        actor,
        include_private=as_bool(data, "include_private", False),
        include_drafts=as_bool(data, "include_drafts", False),
    )
    qs = ckan_search.apply(qs, query)
    count = qs.count()
    sort = str(data.get("sort") or "score desc, metadata_modified desc")
    ordered = ckan_search.order(qs, sort, query.text)
    page = list(dicts.prefetched(ordered)[start : start + rows]) if rows else []
    facet_fields = [str(f) for f in as_list(data, "facet.field")]
    limit = as_int(data, "facet.limit", 50, lo=-1, hi=1000)
    facets, search_facets = ckan_search.facets(qs, facet_fields, limit)
    return {
        "count": count,
        "sort": sort,
        "results": dicts.package_dicts(page, actor=actor),
        "facets": facets,
        "search_facets": search_facets,
    }


def resource_show(actor: Actor, data: dict):
    """One resource by id."""
    resource = lookup.resource(actor, data)
    result = dicts.resource_dict(resource, dataset=resource.dataset, gate=Gate(actor))
    result.update(extensions.resource_show_extras(resource))
    return result


def _org_counts(actor: Actor) -> dict[int, int]:
    rows = _public(actor).values("organisation_id").annotate(n=Count("id"))
    return {row["organisation_id"]: row["n"] for row in rows}


def organization_list(actor: Actor, data: dict):
    """Organisation names, or dicts with all_fields."""
    qs = Organisation.objects.all()
    wanted = as_list(data, "organizations")
    if wanted:
        qs = qs.filter(slug__in=[str(w) for w in wanted])
    sort = str(data.get("sort") or "name asc")
    qs = qs.order_by("-slug" if sort.startswith("name desc") else "slug")
    limit = as_int(data, "limit", 1000, lo=0, hi=1000)
    offset = as_int(data, "offset", 0)
    orgs = list(qs[offset : offset + limit])
    if not as_bool(data, "all_fields", False):
        return [o.slug for o in orgs]
    counts = _org_counts(actor)
    return [dicts.organization_dict(o, dataset_count=counts.get(o.pk, 0)) for o in orgs]


def organization_show(actor: Actor, data: dict):
    """One organisation, optionally with its datasets."""
    org = lookup.organisation(required(data, "id"))
    result = dicts.organization_dict(org, dataset_count=_org_counts(actor).get(org.pk, 0))
    if as_bool(data, "include_datasets", False):
        qs = dicts.prefetched(_public(actor).filter(organisation=org).order_by("-modified"))[:1000]
        result["packages"] = dicts.package_dicts(qs, actor=actor)
    result["users"] = []
    return result


def organization_list_for_user(actor: Actor, data: dict):
    """Organisations where the actor holds a role ('permission': read, create_dataset,
    manage_group)."""
    permission = str(data.get("permission") or "manage_group")
    minimum = {
        "read": Role.VIEWER,
        "create_dataset": Role.EDITOR,
        "update_dataset": Role.EDITOR,
        "manage_group": Role.ADMIN,
    }.get(permission, Role.ADMIN)
    if not actor.is_authenticated:
        return []
    if is_site_admin(actor):
        orgs = Organisation.objects.order_by("slug")
    elif minimum == Role.EDITOR:
        orgs = editable_organisations(actor).order_by("slug")
    else:
        orgs = [
            o
            for o in Organisation.objects.filter(memberships__user=actor.user).order_by("slug")
            if has_role(actor, o, minimum)
        ]
    counts = _org_counts(actor)
    return [dicts.organization_dict(o, dataset_count=counts.get(o.pk, 0)) for o in orgs]


def group_list(actor: Actor, data: dict):
    """Categories as CKAN groups."""
    public = _public(actor)
    qs = Category.objects.annotate(
        n=Count("datasets", filter=Q(datasets__in=public), distinct=True)
    )
    if not as_bool(data, "all_fields", False):
        return [c.slug for c in qs]
    return [dicts.group_dict(c, dataset_count=c.n) for c in qs]


def group_show(actor: Actor, data: dict):
    """One category as a CKAN group."""
    category = lookup.category(required(data, "id"))
    public = _public(actor).filter(categories=category)
    result = dicts.group_dict(category, dataset_count=public.count())
    if as_bool(data, "include_datasets", False):
        result["packages"] = dicts.package_dicts(
            dicts.prefetched(public.order_by("-modified"))[:1000], actor=actor)
    return result


def tag_list(actor: Actor, data: dict):
    """Tags used by public datasets, optionally filtered by a substring query."""
    qs = Tag.objects.filter(datasets__in=_public(actor)).distinct().order_by("name")
    query = str(data.get("query") or "")
    if query:
        qs = qs.filter(name__icontains=query)
    if as_bool(data, "all_fields", False):
        return [dicts.tag_dict(t) for t in qs]
    return list(qs.values_list("name", flat=True))


def license_list(actor: Actor, data: dict):
    """Licences datasets may use."""
    return [dicts.licence_dict(x) for x in Licence.objects.all()]
