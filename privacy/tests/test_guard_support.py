"""Helpers for the guard's tests: generated 個人番号, CSV files and a published dataset."""

from __future__ import annotations

import io
import random

from catalog.services import (
    DatasetData,
    ResourceData,
    add_resource,
    create_dataset,
    publish_dataset,
    replace_resource_file,
)
from jp.mynumber import check_digit
from tabular.models import Ingestion
from tabular.services import run_ingestion
from tests.fixtures import actor


def my_numbers(count: int, *, seed: int = 5) -> list[str]:
    """Valid 個人番号 (generated with the check digit), never a real person's."""
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        first = f"{rng.randrange(10**10, 10**11):011d}"
        number = first + str(check_digit(first))
        if number not in out:
            out.append(number)
    return out


NUMBERS = my_numbers(12)


def grouped(number: str, sep: str = "-") -> str:
    """A number written 4-4-4 with a separator."""
    return sep.join([number[:4], number[4:8], number[8:]])


def full_width(text: str) -> str:
    """The same digits written in full width (as Excel users often type them)."""
    return text.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))


def person_csv(header: str = "個人番号", numbers: list[str] | None = None, *,
               forms=None) -> bytes:
    """A CSV of facilities with coordinates and a column of 12-digit numbers."""
    numbers = numbers or NUMBERS
    forms = forms or (lambda n: n)
    lines = [f"名称,緯度,経度,{header}"]
    for i, n in enumerate(numbers):
        lines.append(f"施設{i},35.{6800 + i},139.{6900 + i},{forms(n)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


CLEAN_CSV = ("名称,緯度,経度,備考\n" + "".join(
    f"公園{i},35.{6800 + i},139.{6900 + i},なし\n" for i in range(12))).encode("utf-8")


def upload(data: bytes, name: str):
    """A named in-memory upload."""
    stream = io.BytesIO(data)
    stream.name = name
    return stream


def ingest(version) -> Ingestion:
    """Run the ingestion job of a version in this process."""
    ingestion = Ingestion.objects.get(version=version)
    run_ingestion(ingestion)
    ingestion.refresh_from_db()
    return ingestion


def absent(body: bytes | str, numbers=NUMBERS) -> bool:
    """True when no number appears in the body, in plain, grouped or full-width form."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    for n in numbers:
        for form in (n, grouped(n), grouped(n, " "), grouped(n, "."), full_width(n)):
            if form in text:
                return False
    return True


def make_blocked_dataset(org, editor):
    """A published dataset whose resource got a new version holding 個人番号 (both ingested)."""
    who = actor(editor)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug="facilities", title="施設一覧"))
    resource = add_resource(actor=who, dataset=dataset, data=ResourceData(name="施設"),
                            upload=upload(CLEAN_CSV, "facilities.csv"))
    publish_dataset(actor=who, dataset=dataset)
    ingest(resource.current_version)
    replace_resource_file(actor=who, resource=resource,
                          upload=upload(person_csv(), "facilities.csv"))
    resource.refresh_from_db()
    ingest(resource.current_version)
    dataset.refresh_from_db()
    return dataset, resource


def make_withheld_only(org, editor):
    """A published dataset with a second resource whose only version holds 個人番号."""
    who = actor(editor)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug="people", title="名簿"))
    add_resource(actor=who, dataset=dataset, data=ResourceData(name="一覧"),
                 upload=upload(CLEAN_CSV, "list.csv"))
    publish_dataset(actor=who, dataset=dataset)
    resource = add_resource(actor=who, dataset=dataset, data=ResourceData(name="名簿"),
                            upload=upload(person_csv(), "people.csv"))
    resource.refresh_from_db()
    ingest(resource.current_version)
    return dataset, resource
