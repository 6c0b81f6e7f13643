"""Deterministic generation of N realistic Japanese datasets, bulk-inserted with their index.

The search columns are computed by catalog.search.index_fields itself, on an in-memory
stand-in for each dataset, so that 100,000 datasets go in with bulk_create instead of one
service call (and several queries) each. run.py checks a sample of saved datasets against
catalog.search.index_fields after the insert.
"""

from __future__ import annotations

import random
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from bench.catalog import vocab

N_ORGANISATIONS = 200
BATCH = 2000
EPOCH = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)  # fixed, so runs are reproducible
LICENCE_WEIGHTS = {"cc-by-4.0": 60, "pdl-1.0": 15, "gov-std-2.0": 10, "cc0-1.0": 8,
                   "cc-by-sa-4.0": 2, "other": 5}
_TO_FULLWIDTH = {cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)}
_TO_HALFWIDTH_KANA = {}


def _halfwidth_kana(s: str) -> str:
    """Katakana → half-width katakana (the inverse of what NFKC does), as old systems emit."""
    global _TO_HALFWIDTH_KANA
    if not _TO_HALFWIDTH_KANA:
        for cp in range(0xFF61, 0xFFA0):
            full = unicodedata.normalize("NFKC", chr(cp))
            if len(full) == 1:
                _TO_HALFWIDTH_KANA.setdefault(full, chr(cp))
        for cp in range(0x30A1, 0x30FB):  # voiced kana: base + ﾞ / ﾟ
            decomposed = unicodedata.normalize("NFD", chr(cp))
            if len(decomposed) == 2 and decomposed[0] in _TO_HALFWIDTH_KANA:
                mark = {"\u3099": "ﾞ", "\u309a": "ﾟ"}.get(decomposed[1])
                if mark:
                    _TO_HALFWIDTH_KANA.setdefault(chr(cp), _TO_HALFWIDTH_KANA[decomposed[0]] + mark)
    return "".join(_TO_HALFWIDTH_KANA.get(ch, ch) for ch in s)


@dataclass
class Gen:
    """One generated dataset, before insert."""

    slug: str
    org: int  # index into the organisation list
    dept: int | None  # index into that organisation's departments
    title: str
    title_en: str
    description: str
    description_en: str
    spatial: str
    tags: list[str]
    categories: list[str]
    standard: str | None
    licence: str
    formats: list[str]
    state: str
    private: bool
    created: datetime
    modified: datetime
    published_at: datetime | None
    update_frequency: str
    quality: int
    search_tokens: str = ""
    search_title: str = ""
    extra: dict = field(default_factory=dict)


def _year_text(rng: random.Random, year: int) -> str:
    style = rng.random()
    if style < 0.35:
        return vocab.wareki(year) + "度"
    if style < 0.6:
        return f"{year}年度"
    if style < 0.7:
        return f"{year}年".translate(vocab.FULLWIDTH_DIGITS)
    if style < 0.8:
        return f"R{year - 2018}" if year >= 2019 else f"H{year - 1988}"
    if style < 0.9:
        return f"{year}"
    return ""


def organisations() -> list[dict]:
    """The ~200 organisations: 47 prefectures and the municipalities, in a fixed order."""
    out = []
    for i, (name, romaji) in enumerate(vocab.PREFECTURES):
        out.append({"slug": f"pref-{i + 1:02d}", "name": name, "name_en": f"{romaji} Prefecture",
                    "kind": "prefecture"})
    for i, (name, romaji) in enumerate(vocab.MUNICIPALITIES):
        suffix = {"市": "City", "町": "Town", "村": "Village", "区": "City"}[name[-1]]
        out.append({"slug": f"muni-{i + 1:03d}", "name": name, "name_en": f"{romaji} {suffix}",
                    "kind": "municipality"})
    return out[:N_ORGANISATIONS]


def departments(rng: random.Random, n_orgs: int) -> list[list[str]]:
    """Three to five departments per organisation."""
    names = [d for d, _ in vocab.DEPARTMENTS]
    return [sorted(rng.sample(names, rng.randint(3, 5))) for _ in range(n_orgs)]


def generate(n: int, seed: int = 20250601) -> tuple[list[dict], list[list[str]], list[Gen]]:
    """Generate the organisations, their departments and n datasets (deterministic)."""
    from catalog.services.datasets import clean_tag

    rng = random.Random(seed)
    orgs = organisations()
    depts = departments(rng, len(orgs))
    # Big cities publish more: a Zipf-like weight over a shuffled order.
    order = list(range(len(orgs)))
    rng.shuffle(order)
    weights = [0.0] * len(orgs)
    for rank, idx in enumerate(order):
        weights[idx] = 1.0 / (rank + 1) ** 0.7
    licences = list(LICENCE_WEIGHTS)
    licence_w = list(LICENCE_WEIGHTS.values())
    frequencies = ["irregular", "monthly", "annual", "quarterly", "weekly", "daily", "never"]
    freq_w = [30, 25, 30, 8, 3, 2, 2]
    span = int((EPOCH - datetime(2015, 1, 1, tzinfo=UTC)).total_seconds())
    out: list[Gen] = []
    org_idx = rng.choices(range(len(orgs)), weights=weights, k=n)
    for i in range(n):
        oi = org_idx[i]
        org = orgs[oi]
        stem, kind_en, cats, standard, kind_tags, kind_formats = rng.choice(vocab.KINDS)
        year = rng.choice(vocab.YEARS)
        year_text = _year_text(rng, year)
        suffix = rng.choice(vocab.TITLE_SUFFIXES)
        layout = rng.random()
        if layout < 0.45:
            title = f"{org['name']}{stem}{suffix}"
        elif layout < 0.6:
            title = f"【{org['name']}】{stem}{suffix}"
        elif layout < 0.75:
            title = f"{stem}{suffix}（{org['name']}）"
        else:
            title = f"{stem}{suffix}"
        if year_text:
            title += rng.choice([f"（{year_text}）", f" {year_text}", f"_{year_text}"])
        variant = rng.random()
        if variant < 0.05:  # full-width Latin and digits, as typed on a Japanese IME
            title = title.translate(_TO_FULLWIDTH)
        elif variant < 0.08:  # half-width katakana from an old system
            title = _halfwidth_kana(title)
        dept = rng.randrange(len(depts[oi])) if rng.random() < 0.7 else None
        dept_name = depts[oi][dept] if dept is not None else ""
        sentences = [rng.choice(vocab.DESCRIPTION_OPENERS).format(
            org=org["name"], kind=stem, dept=dept_name, year=vocab.wareki(year))]
        sentences += rng.sample(vocab.DESCRIPTION_SENTENCES, rng.randint(2, 5))
        for rare in vocab.RARE_SENTENCES:
            if rng.random() < 0.0005:
                sentences.insert(rng.randint(1, len(sentences)), rare)
        sentences.append("データの形式は" + "、".join(kind_formats) + "です。")
        description = "".join(sentences)
        has_en = rng.random() < 0.3
        title_en = f"{kind_en} ({org['name_en']}, {year})" if has_en else ""
        description_en = (f"{kind_en} data published by {org['name_en']}."
                          if has_en and rng.random() < 0.6 else "")
        spatial = (org["name"] + rng.choice(vocab.SPATIAL_SUFFIXES)) if rng.random() < 0.7 else ""
        tags = list(kind_tags) + rng.sample(vocab.EXTRA_TAGS, rng.randint(0, 3))
        if rng.random() < 0.3:
            tags.append(f"{year}年度")
        tags = list(dict.fromkeys(t for t in (clean_tag(t) for t in tags) if t))
        formats = list(kind_formats)
        if rng.random() < 0.5:
            formats = formats[: rng.randint(1, len(formats))]
        if rng.random() < 0.15 and "PDF" not in formats:
            formats.append("PDF")
        formats = sorted({f.upper() for f in formats})
        r = rng.random()
        if r < 0.95:
            state, private = "published", False
        elif r < 0.97:
            state, private = "draft", False
        elif r < 0.99:
            state, private = "published", True
        else:
            state, private = "deleted", False
        created = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(span))
        modified = created + timedelta(seconds=rng.randrange(int((EPOCH - created).total_seconds()) + 1))
        published_at = created + timedelta(days=rng.randint(0, 14)) if state != "draft" else None
        quality = min(100, 20 + 15 * (len(description) >= 100) + 20 * ("CSV" in formats)
                      + 15 * (standard is not None) + 5 * has_en + 5 + rng.choice([0, 10, 10]))
        out.append(Gen(
            slug=f"ds-{i:06d}", org=oi, dept=dept, title=title, title_en=title_en,
            description=description, description_en=description_en, spatial=spatial,
            tags=tags, categories=list(cats),
            standard=standard if standard and rng.random() < 0.6 else None,
            licence=rng.choices(licences, weights=licence_w)[0], formats=formats,
            state=state, private=private, created=created, modified=modified,
            published_at=published_at,
            update_frequency=rng.choices(frequencies, weights=freq_w)[0], quality=quality,
        ))
    return orgs, depts, out


class _Related:
    """Stands in for a related manager: .all() returns the rows in the database's order."""

    def __init__(self, rows: list) -> None:
        self._rows = rows

    def all(self) -> list:
        return self._rows


def as_indexable(g: Gen, org: dict, dept_name: str, categories: dict, standards: dict):
    """A stand-in for a saved Dataset with what catalog.search.index_fields reads.

    Tags come back from the database ordered by name (Tag.Meta.ordering) and categories by
    (position, slug), so the document text has its parts in the same order as after a save.
    """
    cats = sorted((categories[c] for c in g.categories), key=lambda c: (c.position, c.slug))
    return SimpleNamespace(
        pk=1, title=g.title, title_en=g.title_en, description=g.description,
        description_en=g.description_en, spatial=g.spatial,
        tags=_Related([SimpleNamespace(name=t) for t in sorted(g.tags)]),
        categories=_Related(cats),
        organisation=SimpleNamespace(name=org["name"], name_en=org["name_en"]),
        department_id=1 if dept_name else None, department=SimpleNamespace(name=dept_name),
        standard_id=g.standard, standard=standards.get(g.standard),
    )


def tokenise(gens: list[Gen], orgs: list[dict], depts: list[list[str]]) -> dict:
    """Fill search_tokens / search_title of every dataset; returns timing and volume.

    Calls catalog.search.index_fields itself (jp.search.index_text and
    jp.text.normalize_for_search, Sudachi included) on a stand-in for each dataset, so the
    columns are exactly what the services would store, without a query per dataset.
    """
    from catalog.models import Category, StandardDataset
    from catalog.search import document_text, index_fields

    categories = {c.slug: c for c in Category.objects.all()}
    standards = {s.slug: s for s in StandardDataset.objects.all()}
    items = []
    for g in gens:
        dept_name = depts[g.org][g.dept] if g.dept is not None else ""
        items.append(as_indexable(g, orgs[g.org], dept_name, categories, standards))
    chars = sum(len(document_text(item)) for item in items)
    t0, c0 = time.perf_counter(), time.process_time()
    for g, item in zip(gens, items, strict=True):
        values = index_fields(item)
        g.search_tokens = values["search_tokens"]
        g.search_title = values["search_title"]
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"seconds": seconds, "cpu_seconds": cpu, "chars": chars, "datasets": len(gens),
            "chars_per_second": chars / seconds if seconds else 0.0,
            "chars_per_cpu_second": chars / cpu if cpu else 0.0}


@contextmanager
def explicit_timestamps():
    """Let bulk_create keep our created/modified values instead of auto_now(_add)."""
    from catalog.models import Dataset

    created = Dataset._meta.get_field("created")
    modified = Dataset._meta.get_field("modified")
    saved = (created.auto_now_add, modified.auto_now)
    created.auto_now_add = modified.auto_now = False
    try:
        yield
    finally:
        created.auto_now_add, modified.auto_now = saved


def insert(gens: list[Gen], orgs: list[dict], depts: list[list[str]]) -> dict:
    """Bulk-insert organisations, datasets (the FTS trigger / GIN index fire here), then
    tags, categories and resources. Returns per-step seconds."""
    from django.db import transaction

    from catalog.models import Category, Dataset, Resource, Tag
    from catalog.scoring import stars
    from core.models import Department, Organisation

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with transaction.atomic():
        org_rows = Organisation.objects.bulk_create(
            [Organisation(slug=o["slug"], name=o["name"], name_en=o["name_en"], kind=o["kind"])
             for o in orgs])
        dept_rows = Department.objects.bulk_create(
            [Department(organisation=org_rows[i], name=name)
             for i, names in enumerate(depts) for name in names])
        dept_ids: dict[tuple[int, int], int] = {}
        k = 0
        for i, names in enumerate(depts):
            for j in range(len(names)):
                dept_ids[(i, j)] = dept_rows[k].pk
                k += 1
    timings["organisations"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    ids: list[int] = []
    with explicit_timestamps(), transaction.atomic():
        for start in range(0, len(gens), BATCH):
            rows = []
            for g in gens[start:start + BATCH]:
                fmt = set(g.formats)
                rows.append(Dataset(
                    slug=g.slug, organisation_id=org_rows[g.org].pk,
                    department_id=dept_ids[(g.org, g.dept)] if g.dept is not None else None,
                    title=g.title, title_en=g.title_en, description=g.description,
                    description_en=g.description_en, spatial=g.spatial, licence_id=g.licence,
                    standard_id=g.standard, state=g.state, private=g.private,
                    created=g.created, modified=g.modified, published_at=g.published_at,
                    data_updated_at=g.modified, update_frequency=g.update_frequency,
                    contact_name="担当課", stars=stars(licence_open=g.licence != "other", formats=fmt),
                    quality=g.quality, formats=" ".join(g.formats),
                    search_tokens=g.search_tokens, search_title=g.search_title,
                ))
            ids.extend(d.pk for d in Dataset.objects.bulk_create(rows))
    timings["datasets_and_search_index"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    with transaction.atomic():
        all_tags = sorted({t for g in gens for t in g.tags})
        Tag.objects.bulk_create([Tag(name=t) for t in all_tags])
        tag_ids = dict(Tag.objects.values_list("name", "id"))
        cat_ids = dict(Category.objects.values_list("slug", "id"))
        TagLink = Dataset.tags.through
        CatLink = Dataset.categories.through
        tag_links, cat_links = [], []
        for pk, g in zip(ids, gens, strict=True):
            tag_links += [TagLink(dataset_id=pk, tag_id=tag_ids[t]) for t in g.tags]
            cat_links += [CatLink(dataset_id=pk, category_id=cat_ids[c]) for c in g.categories]
        TagLink.objects.bulk_create(tag_links, batch_size=5000)
        CatLink.objects.bulk_create(cat_links, batch_size=5000)
    timings["tags_and_categories"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_resources = 0
    with transaction.atomic():
        batch = []
        for pk, g in zip(ids, gens, strict=True):
            for pos, fmt in enumerate(g.formats):
                batch.append(Resource(dataset_id=pk, name=f"{g.title}（{fmt}）", format=fmt,
                                      position=pos, current_version=None))
            if len(batch) >= 5000:
                Resource.objects.bulk_create(batch)
                n_resources += len(batch)
                batch = []
        Resource.objects.bulk_create(batch)
        n_resources += len(batch)
    timings["resources"] = time.perf_counter() - t0
    timings["resource_rows"] = n_resources
    timings["tag_links"] = len(tag_links)
    timings["category_links"] = len(cat_links)
    return {"timings": timings, "ids": ids}
