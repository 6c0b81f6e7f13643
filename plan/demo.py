"""The demo municipality's plan: 三川町's measures (an example plan) loaded into デモ市."""

from __future__ import annotations

import dataclasses

from plan import importer
from plan.models import Plan
from plan.services.plans import update_plan

DEMO_EXAMPLE = "mikawa"


def load_demo_plan(organisation, stdout) -> Plan | None:
    """Load the example plan into the demo organisation once, renamed and made public."""
    path = importer.example_path(DEMO_EXAMPLE)
    if not path.is_file():
        stdout.write(f"plan: {path.name} がないため計画は読み込みません / "
                     f"no {path.name}, no demo plan")
        return None
    doc = importer.read_file(path)
    doc = dataclasses.replace(doc, title=doc.title.replace(doc.municipality_name,
                                                           organisation.name),
                              title_en=f"{organisation.name_en} Data Utilisation Plan "
                                       f"(demo, after {doc.municipality_name_en})")
    actor = importer.loader_actor()
    result = importer.load(actor=actor, doc=doc, organisation=organisation)
    if result.created:
        update_plan(actor=actor, plan=result.plan, is_public=True,
                    reason="デモ用に公開 / published for the demo")
    stdout.write(f"plan: {result.plan.title} (id {result.plan.pk}, "
                 f"{result.measures} measures, {result.kpis} KPIs)")
    return result.plan
