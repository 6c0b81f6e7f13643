"""The demo municipality gets the Mikawa example as its plan, once."""

from io import StringIO

import pytest

from plan.demo import load_demo_plan
from plan.importer import example_path

pytestmark = pytest.mark.django_db


def test_demo_plan_is_loaded_once_and_public(org):
    assert example_path("mikawa").is_file()  # shipped with Kanmin: the demo depends on it
    first = load_demo_plan(org, StringIO())
    second = load_demo_plan(org, StringIO())
    assert first == second and first.is_public and first.title.startswith(org.name)
