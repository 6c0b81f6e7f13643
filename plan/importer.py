"""Load a plan file (kanmin-plan/1, YAML or JSON) into an organisation through the services.

Validation is the pure ``plan.engine.schema``; this module finds or creates the organisation
(by the file's 全国地方公共団体コード), checks metric keys against the registry, and calls
``plan.services.plans.create_plan``. The command line and the demo loader use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core import metrics as registry
from core.actor import Actor
from core.errors import InvalidInput, NotFound, formatted
from core.models import Organisation
from core.services.organisations import create_organisation
from plan.engine.schema import PlanDoc, PlanFormatInvalid, parse_text, validate
from plan.models import Plan
from plan.services.plans import create_plan

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
EXAMPLES = ("kashihara", "mikawa", "kisosaki", "miyakonojo")
LOADER_USERNAME = "plan-loader"


@dataclass(frozen=True, kw_only=True)
class LoadResult:
    """What loading a plan did: the plan, whether it was new, and counts for the command."""

    plan: Plan
    created: bool
    organisation_created: bool
    measures: int
    kpis: int


def read_document(text: str) -> PlanDoc:
    """Parse and validate plan text; PlanFormatInvalid lists every problem with its path."""
    return validate(parse_text(text), known_metrics={m.key for m in registry.metrics()})


def read_file(path: Path) -> PlanDoc:
    """Read and validate a plan file (UTF-8)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("計画ファイルはUTF-8で保存してください")) from exc
    except OSError as exc:
        raise NotFound(formatted(_("ファイルを開けません: %(path)s"), path=str(path))) from exc
    return read_document(text)


def example_path(name: str) -> Path:
    """The file of a shipped example plan (kashihara, mikawa, kisosaki, miyakonojo)."""
    if name not in EXAMPLES:
        raise NotFound(formatted(_("例の計画がありません: %(name)s（%(names)s）"), name=name,
                                 names=", ".join(EXAMPLES)))
    return EXAMPLES_DIR / f"{name}.yaml"


def loader_actor() -> Actor:
    """The platform account that loads plans from the command line (cannot log in)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=LOADER_USERNAME, defaults={"is_superuser": True, "is_active": False})
    if created or user.has_usable_password() or user.is_active:
        user.set_unusable_password()
        user.is_active = False
        user.is_superuser = True
        user.save()
    return Actor(user=user)


def _organisation(actor: Actor, doc: PlanDoc) -> tuple[Organisation, bool]:
    org = Organisation.objects.filter(lgcode=doc.lgcode).first()
    if org is not None:
        return org, False
    slug = slugify(doc.municipality_name_en) or f"lg-{doc.lgcode}"
    if Organisation.objects.filter(slug=slug).exists():
        slug = f"{slug}-{doc.lgcode}"
    org = create_organisation(actor=actor, slug=slug, name=doc.municipality_name,
                              name_en=doc.municipality_name_en, lgcode=doc.lgcode)
    return org, True


def load(*, actor: Actor, doc: PlanDoc, organisation: Organisation | None = None) -> LoadResult:
    """Load a validated plan; a plan of the same title already in the organisation is kept."""
    org_created = False
    if organisation is None:
        organisation, org_created = _organisation(actor, doc)
    existing = Plan.objects.filter(organisation=organisation, title=doc.title).first()
    plan = existing or create_plan(actor=actor, organisation=organisation, doc=doc)
    return LoadResult(plan=plan, created=existing is None, organisation_created=org_created,
                      measures=plan.measures.count(),
                      kpis=sum(m.kpis.count() for m in plan.measures.all()))


__all__ = ["LoadResult", "PlanFormatInvalid", "example_path", "load", "loader_actor",
           "read_document", "read_file"]
