"""Typed request and response bodies of the native API (ninja.Schema, i.e. pydantic)."""

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


def Text(max_length: int | None = None):
    """A string without NUL characters, at most max_length long."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_no_nul)]


Frequency = Literal["irregular", "daily", "weekly", "monthly", "quarterly", "annual", "never"]
State = Literal["draft", "published"]
Sort = Literal["relevance", "modified", "created", "title", "name"]


class Error(Schema):
    """Every error: a code, the message in Japanese and English, and per-field messages."""

    error: Literal["bad_request", "unauthorized", "forbidden", "not_found", "invalid", "too_large"]
    message: str = Field(description="「日本語 / English」")
    fields: dict[str, list[str]] = Field(default_factory=dict)


class OrganizationRef(Schema):
    slug: str
    name: str
    name_en: str
    lgcode: str | None = Field(description="全国地方公共団体コード (6 digits)")


class Organization(OrganizationRef):
    id: UUID
    kind: Literal["municipality", "prefecture", "other"]
    name_kana: str
    description: str
    website: str
    is_fictional: bool
    dataset_count: int = Field(description="Published datasets the caller can see")
    url: str


class Licence(Schema):
    id: str
    title: str
    title_en: str
    url: str
    is_open: bool


class Category(Schema):
    slug: str
    name: str
    name_en: str
    dataset_count: int


class StandardDataset(Schema):
    slug: str
    number: str
    title: str
    title_en: str
    dataset_count: int


class Version(Schema):
    number: int
    url: str
    filename: str
    format: str
    size: int | None
    sha256: str
    is_upload: bool
    created: datetime


class Resource(Schema):
    id: UUID
    name: str
    name_en: str
    description: str
    format: str
    position: int
    url: str = Field(description="The current version's download URL (or link)")
    version: int | None
    created: datetime
    modified: datetime
    versions: list[Version]


class DatasetSummary(Schema):
    id: UUID
    slug: str
    title: str
    title_en: str
    organization: OrganizationRef
    licence: str
    tags: list[str]
    categories: list[str]
    formats: list[str]
    standard: str | None
    state: State
    private: bool
    stars: int
    quality: int
    modified: datetime
    published_at: datetime | None
    url: str


class Dataset(DatasetSummary):
    description: str
    description_en: str
    licence_detail: Licence
    department: str | None
    contact_name: str
    contact_email: str
    contact_phone: str
    update_frequency: Frequency
    temporal_start: date | None
    temporal_end: date | None
    spatial: str
    created: datetime
    data_updated_at: datetime | None
    resources: list[Resource]


class DatasetList(Schema):
    count: int
    limit: int
    offset: int
    results: list[DatasetSummary]


class DatasetQuery(Schema):
    """Filters of the dataset list (the same as the search page's), sorting and paging."""

    q: Text(200) = ""
    organization: list[Text(100)] = Field(default_factory=list)
    category: list[Text(60)] = Field(default_factory=list)
    tag: list[Text(100)] = Field(default_factory=list)
    format: list[Text(20)] = Field(default_factory=list)
    licence: list[Text(40)] = Field(default_factory=list)
    standard: list[Text(80)] = Field(default_factory=list)
    include_private: bool = Field(False, description="Members: include private datasets")
    include_drafts: bool = Field(False, description="Members: include drafts")
    sort: Sort = "relevance"
    limit: int = Field(20, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=1_000_000)


class DatasetFields(Schema):
    """Editable fields of a dataset; in a PATCH, only the fields sent are changed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"title_en": "AED locations", "update_frequency": "monthly"}]
        }
    )

    slug: Text(100) | None = None
    title: Text(300) | None = None
    title_en: Text(300) | None = None
    description: Text(100_000) | None = None
    description_en: Text(100_000) | None = None
    tags: list[Text(100)] | None = Field(None, max_length=50)
    categories: list[Text(60)] | None = Field(None, max_length=20)
    licence: Text(40) | None = None
    department: int | None = Field(None, ge=1, le=2**62)
    contact_name: Text(200) | None = None
    contact_email: Text(254) | None = None
    contact_phone: Text(40) | None = None
    update_frequency: Frequency | None = None
    temporal_start: date | None = None
    temporal_end: date | None = None
    spatial: Text(200) | None = None
    standard: Text(80) | None = None
    private: bool | None = None


class DatasetCreate(DatasetFields):
    """A new dataset (created as a draft; publish it with /publish)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organization": "demo-city",
                    "slug": "demo-public-toilets",
                    "title": "公衆トイレ一覧",
                    "title_en": "Public toilets",
                    "tags": ["トイレ"],
                    "categories": ["facilities"],
                    "licence": "cc-by-4.0",
                    "update_frequency": "annual",
                    "standard": "public-toilets",
                }
            ]
        }
    )

    organization: Text(100) = Field(description="The organisation's slug")
    slug: Text(100)
    title: Text(300)


class ResourceLink(Schema):
    """A resource that points at a URL."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://example.jp/aed.geojson",
                    "name": "AED設置箇所（地図）",
                    "format": "GEOJSON",
                }
            ]
        }
    )

    url: Text(2000)
    name: Text(300) = ""
    name_en: Text(300) = ""
    description: Text(10_000) = ""
    format: Text(20) = Field("", description="Empty: taken from the URL's extension")
