"""The guard's writes: scan resource versions, refuse publication, let an administrator override.

Nothing here stores, logs or audits a detected value: only the scanner's masked findings,
kinds and counts. A 個人番号 is masked completely by the scanner, so even its shape is gone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Dataset, ResourceVersion
from core.actor import Actor
from core.errors import InvalidInput, formatted
from core.models import Role
from core.permissions import require_role
from core.services import audit
from privacy.models import GuardScan

logger = logging.getLogger(__name__)

GUARD_JOB = "privacy.guard_scan"
#: Files up to this size are scanned when uploaded (so that they can be published at once);
#: larger ones are scanned by the ingestion job or the guard's job and stay pending until then.
SYNC_MAX_BYTES = getattr(settings, "PRIVACY_GUARD_SYNC_MAX_BYTES", 20 * 1024 * 1024)
MAX_FINDINGS = 500  # findings kept per version (counts stay complete)
MIN_REASON = 10  # characters an override reason needs at least

#: kind → (Japanese, English) label shown in messages and on the staff page.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "mynumber": ("個人番号", "individual number (My Number)"),
    "passport": ("旅券番号", "passport number"),
    "residence_card": ("在留カード番号", "residence card number"),
    "pension": ("基礎年金番号", "basic pension number"),
    "driving_licence": ("運転免許証番号", "driving licence number"),
    "resident_code": ("住民票コード", "resident record code"),
    "health_insurance": ("健康保険の記号・番号", "health insurance symbol/number"),
    "email": ("メールアドレス", "e-mail address"),
    "phone": ("電話番号", "phone number"),
    "name": ("氏名", "person's name"),
    "birth_date": ("生年月日", "date of birth"),
    "address": ("住所", "address"),
    "houjin": ("法人番号（検査用数字の誤り）", "corporate number (bad check digit)"),
}


def kind_label(kind: str, language: str) -> str:
    """The label of a finding kind in a language ("ja" or "en")."""
    ja, en = KIND_LABELS.get(kind, (kind, kind))
    return en if language.startswith("en") else ja


@dataclass
class Combined:
    """The scan results of a file's tables merged into one outcome."""

    outcome: str = GuardScan.Outcome.CLEAR
    counts: dict[str, int] = field(default_factory=dict)
    findings: list[dict] = field(default_factory=list)
    columns: dict[str, dict] = field(default_factory=dict)
    truncated: bool = False
    tables: int = 0
    rows: int = 0


_RANK = {"clear": 0, "warn": 1, "block": 2}


def combine(tables) -> Combined:
    """Scan each raw table (tabular.engine.types.Table) and merge the results."""
    from privacy.scanner import scan_table

    out = Combined()
    several = len(tables) > 1
    for table in tables:
        result = scan_table(table, max_findings=MAX_FINDINGS)
        out.tables += 1
        out.rows += table.num_rows
        if _RANK[result.outcome] > _RANK[out.outcome]:
            out.outcome = result.outcome
        for kind, n in result.counts.items():
            out.counts[kind] = out.counts.get(kind, 0) + n
        prefix = f"{table.name}: " if several and table.name else ""
        for key, summary in result.columns.items():
            out.columns[prefix + key] = {"column": summary.column, "role": summary.role,
                                         "kinds": dict(summary.kinds), "worst": summary.worst}
        room = MAX_FINDINGS - len(out.findings)
        for finding in result.findings[:max(room, 0)]:
            out.findings.append({
                "sheet": table.name, "row": finding.row, "column": finding.column,
                "header": finding.header, "kind": finding.kind, "severity": finding.severity,
                "masked": finding.masked, "reason_ja": finding.reason_ja,
                "reason_en": finding.reason_en,
            })
        out.truncated = out.truncated or result.truncated or len(result.findings) > room
    return out


def _scan_row(version: ResourceVersion) -> GuardScan:
    scan, _created = GuardScan.objects.get_or_create(version=version)
    return scan


def link_scan(version: ResourceVersion) -> GuardScan:
    """The (unsaved) scan of a link: nothing to read, so unscannable with a note. Links get no
    row: harvesting thousands of links must not cost a write each, and a missing row is never
    taken as pending for a link (only uploads can be withheld)."""
    return GuardScan(version=version, outcome=GuardScan.Outcome.UNSCANNABLE,
                     note=GuardScan.Note.LINK, scanned_at=version.created)


def record_tables(*, version: ResourceVersion, tables) -> GuardScan:
    """Scan the raw tables read from a version's file and store the (masked) result."""
    combined = combine(tables)
    with transaction.atomic():
        scan = GuardScan.objects.select_for_update().filter(version=version).first()
        if scan is None:
            scan = GuardScan(version=version)
        if scan.is_overridden and scan.counts != combined.counts:
            # What the administrator accepted is no longer what the scan finds.
            scan.overridden_by = None
            scan.overridden_at = None
            scan.override_reason = ""
        scan.outcome = combined.outcome
        scan.note = GuardScan.Note.NONE
        scan.counts = combined.counts
        scan.findings = combined.findings
        scan.columns = combined.columns
        scan.truncated = combined.truncated
        scan.tables = combined.tables
        scan.rows_scanned = combined.rows
        scan.scanned_at = timezone.now()
        scan.save()
    # Kinds and counts only, never a value; a clear scan is routine, the others are worth noting.
    logger.log(logging.DEBUG if scan.outcome == "clear" else logging.INFO,
               "guard: version %s %s %s", version.pk, scan.outcome, dict(combined.counts))
    return scan


def record_unscannable(*, version: ResourceVersion, note: str) -> GuardScan:
    """Note that no reader understands a version's file (treated like a warning)."""
    scan = _scan_row(version)
    scan.outcome = GuardScan.Outcome.UNSCANNABLE
    scan.note = note
    scan.counts, scan.findings, scan.columns = {}, [], {}
    scan.truncated = False
    scan.tables = scan.rows_scanned = 0
    scan.scanned_at = timezone.now()
    scan.save()
    return scan


def _is_tabular(version: ResourceVersion) -> bool:
    from tabular.services import is_tabular

    return is_tabular(version)


def scan_file_now(*, version: ResourceVersion, final: bool) -> GuardScan:
    """Read a version's file with the tabular reader and scan it. When the reader fails, the
    version is unscannable if ``final``, else it stays pending (its ingestion decides)."""
    from core.services.storage import path_of
    from tabular.engine.read import read_file
    from tabular.engine.types import TabularError

    try:
        read = read_file(path_of(version.stored_file), filename=version.filename)
    except TabularError:
        if final:
            return record_unscannable(version=version, note=GuardScan.Note.UNREADABLE)
        return _scan_row(version)
    return record_tables(version=version, tables=read.tables)


def scan_new_version(*, version: ResourceVersion) -> GuardScan:
    """Scan a fresh version: small files at once, large non-tabular files by the guard's job
    (large tabular files by their ingestion)."""
    if not version.is_upload:
        return link_scan(version)
    tabular = _is_tabular(version)
    if (version.size or 0) <= SYNC_MAX_BYTES:
        return scan_file_now(version=version, final=not tabular)
    # Until a scan is stored, a missing row already withholds the version; the row makes the
    # pending state visible to staff.
    scan = GuardScan.objects.create(version=version)
    if not tabular:
        from core import jobs

        jobs.enqueue_job(actor=Actor.system(), kind=GUARD_JOB,
                         organisation=version.resource.dataset.organisation,
                         target=str(version.pk))
    return scan


# Publication -----------------------------------------------------------------------------


def _summary(scan: GuardScan, language: str) -> str:
    parts = []
    for kind, n in sorted(scan.counts.items(), key=lambda kv: -kv[1]):
        example = next((f["masked"] for f in scan.findings if f["kind"] == kind), "")
        label = kind_label(kind, language)
        parts.append(f"{label} {n}件（例: {example}）" if language == "ja"
                     else f"{label}: {n} (e.g. {example})")
    return ("、" if language == "ja" else "; ").join(parts)


def withheld_scans(dataset: Dataset) -> list[GuardScan]:
    """Scans of the dataset's live resources' current versions that block publication."""
    scans = GuardScan.objects.filter(
        version__resource__dataset=dataset, version__resource__deleted=False,
    ).select_related("version__resource")
    return [s for s in scans
            if s.version.resource.current_version_id == s.version_id and s.is_withheld]


def check_publishable(dataset: Dataset) -> None:
    """Refuse publication while a current version is blocked (not overridden) or pending."""
    withheld = withheld_scans(dataset)
    if not withheld:
        return
    ja_lines, en_lines = [], []
    for scan in withheld:
        name = scan.version.resource.name
        if scan.outcome == GuardScan.Outcome.PENDING:
            ja_lines.append(f"リソース「{name}」は個人情報の検査が終わっていません。")
            en_lines.append(f"Resource “{name}” has not been checked for personal data yet.")
        else:
            ja_lines.append(f"リソース「{name}」から個人情報が見つかりました: "
                            f"{_summary(scan, 'ja')}。")
            en_lines.append(f"Personal data was found in resource “{name}”: "
                            f"{_summary(scan, 'en')}.")
    from core.errors import Pair

    message = Pair(
        "個人情報の検査により公開できません。" + " ".join(ja_lines)
        + " 該当箇所を削除した版を登録するか、管理者が理由を記録して公開を許可してください。",
        "This dataset cannot be published because of the personal-data check. "
        + " ".join(en_lines)
        + " Upload a version without it, or ask an administrator to allow it with a reason.",
    )
    raise InvalidInput(message, field_errors={"resources": [message]})


# Override --------------------------------------------------------------------------------


def override_block(*, actor: Actor, scan: GuardScan, reason: str) -> GuardScan:
    """Let an administrator publish a blocked version anyway, with a written reason (audited)."""
    resource = scan.version.resource
    organisation = resource.dataset.organisation
    require_role(actor, organisation, Role.ADMIN)
    reason = (reason or "").strip()
    if scan.outcome != GuardScan.Outcome.BLOCK or scan.is_overridden:
        raise InvalidInput(_("この版は公開不可と判定されていないため、解除できません"))
    if len(reason) < MIN_REASON:
        raise InvalidInput(
            formatted(_("解除の理由を%(n)s文字以上で書いてください"), n=MIN_REASON),
            field_errors={"reason": [_("理由が短すぎます")]},
        )
    with transaction.atomic():
        scan.overridden_by = actor.user
        scan.override_reason = reason
        scan.overridden_at = timezone.now()
        scan.save(update_fields=["overridden_by", "override_reason", "overridden_at"])
        audit.record(actor=actor, action="privacy.guard_override", target=resource,
                     organisation=organisation,
                     details={"dataset": resource.dataset.slug, "version": scan.version.number,
                              "counts": dict(scan.counts), "reason": reason})
    return scan


def rescan(*, actor: Actor, scan: GuardScan) -> GuardScan:
    """Scan a version again (editors), e.g. after the scanner was improved."""
    version = scan.version
    require_role(actor, version.resource.dataset.organisation, Role.EDITOR)
    if not version.is_upload:
        return link_scan(version)
    result = scan_file_now(version=version, final=True)
    audit.record(actor=actor, action="privacy.guard_rescan", target=version.resource,
                 organisation=version.resource.dataset.organisation,
                 details={"version": version.number, "outcome": result.outcome})
    return result
