"""/api/v1/gomi/{lgcode}/…: areas, categories, collection days and item search as JSON.

Every date is computed by the same selectors as the pages and the iCalendar feed. Errors use
the API's one error shape with the message in Japanese and English.
"""

from __future__ import annotations

from datetime import date

from ninja import Field, Query, Router, Schema

from catalog.api.errors import reader, responses
from core.errors import NotFound, Pair, ServiceError
from gomi import selectors
from gomi.models import Area
from gomi.search import search_items

router = Router(tags=["gomi"])

#: The longest date range one request may ask for.
MAX_RANGE_DAYS = 400


class BadRange(ServiceError):
    """The date range is malformed or too long."""

    status = 400


class AreaOut(Schema):
    """A collection area (地区)."""

    id: int
    name: str


class CategoryOut(Schema):
    """A garbage category as imported (燃やすごみ…), with colour and instructions."""

    id: int
    name: str
    colour: str = ""
    description: str = ""
    how_to: str = ""
    holiday_policy: str


class CollectionOut(Schema):
    """One collection day of a category; notice and moved_from when it is not the usual day."""

    date: date
    category: str = Field(..., description="分別区分の名称（取り込んだとおり）")
    category_id: int
    moved_from: date | None = None
    notice: str = ""


class ItemOut(Schema):
    """A dictionary item with its category."""

    id: int
    name: str
    reading: str = ""
    category: str = ""
    category_id: int | None = None
    notes: str = ""


class RangeQuery(Schema):
    """The date range of a collections request (inclusive)."""

    from_: date = Field(..., alias="from", description="YYYY-MM-DD")
    to: date = Field(..., description="YYYY-MM-DD")


class ItemQuery(Schema):
    """An item search."""

    q: str = Field(..., min_length=1, max_length=100,
                   description="かな・漢字・ローマ字、部分一致・小さな誤りも可")


def _municipality(lgcode: str):
    """The municipality with this code, or the API's 404."""
    found = selectors.municipality_by_lgcode(lgcode)
    if found is None:
        raise NotFound(Pair("その団体コードの自治体はありません",
                                "No municipality has that code"))
    return found


@router.get("/gomi/{lgcode}/areas", response={200: list[AreaOut], **responses(401, 404)},
            operation_id="listGomiAreas", summary="収集地区の一覧 / Collection areas")
def list_areas(request, lgcode: str):
    """The municipality's collection areas in display order."""
    reader(request)
    return [AreaOut(id=a.pk, name=a.name) for a in selectors.areas(_municipality(lgcode))]


@router.get("/gomi/{lgcode}/categories",
            response={200: list[CategoryOut], **responses(401, 404)},
            operation_id="listGomiCategories", summary="分別区分 / Garbage categories")
def list_categories(request, lgcode: str):
    """The municipality's garbage categories."""
    reader(request)
    return [CategoryOut(id=c.pk, name=c.name, colour=c.colour, description=c.description,
                        how_to=c.how_to, holiday_policy=c.holiday_policy)
            for c in selectors.categories(_municipality(lgcode))]


@router.get("/gomi/{lgcode}/areas/{area_id}/collections",
            response={200: list[CollectionOut], **responses(400, 401, 404, 409)},
            operation_id="listGomiCollections",
            summary="収集日 / Collection days of an area in a date range")
def list_collections(request, lgcode: str, area_id: int, params: Query[RangeQuery]):
    """Collections in [from, to] (at most 400 days), by date then category order."""
    reader(request)
    municipality = _municipality(lgcode)
    area = Area.objects.filter(municipality=municipality, pk=area_id).first()
    if area is None:
        raise NotFound(Pair("その地区はありません", "No such area"))
    if params.to < params.from_:
        raise BadRange(Pair("to は from 以降の日付にしてください",
                            "to must not be before from"))
    if (params.to - params.from_).days + 1 > MAX_RANGE_DAYS:
        raise BadRange(Pair(f"期間は{MAX_RANGE_DAYS}日以内にしてください",
                            f"The range may cover at most {MAX_RANGE_DAYS} days"))
    return [CollectionOut(date=c.date, category=c.category.name, category_id=c.category.pk,
                          moved_from=c.moved_from, notice=c.notice)
            for c in selectors.collections_for_area(area, params.from_, params.to)]


@router.get("/gomi/{lgcode}/items", response={200: list[ItemOut], **responses(401, 404, 409)},
            operation_id="searchGomiItems", summary="品目の検索 / Search the sorting dictionary")
def list_items(request, lgcode: str, params: Query[ItemQuery]):
    """Items matching q (kanji, kana, romaji, partial words, small typos), best first."""
    reader(request)
    found = search_items(municipality=_municipality(lgcode), q=params.q)
    return [ItemOut(id=i.pk, name=i.name, reading=i.reading,
                    category=i.category.name if i.category else i.category_text,
                    category_id=i.category_id, notes=i.notes) for i in found]
