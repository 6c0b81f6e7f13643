"""The processing state of a resource's current version: for the page and its JSON endpoint."""

from __future__ import annotations

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tabular.models import Ingestion
from tabular.views.common import language, resource_tables

#: Steps the engine reports through its progress callback, in plain language.
STEP_LABELS = {
    "": gettext_lazy("順番待ち"),
    "queued": gettext_lazy("順番待ち"),
    "analysing": gettext_lazy("ファイルの解析"),
    "reading": gettext_lazy("ファイルの読み込み"),
    "decoding": gettext_lazy("文字コードの判定"),
    "parsing": gettext_lazy("表の読み取り"),
    "matching": gettext_lazy("標準データセットとの照合"),
    "validating": gettext_lazy("値の検証"),
    "converting": gettext_lazy("変換と保存"),
    "ready": gettext_lazy("完了"),
}


def step_label(step: str) -> str:
    """A step in plain language (unknown steps are shown as they are)."""
    return str(STEP_LABELS.get(step or "", step))


def progress_message(ingestion: Ingestion) -> str:
    """One sentence for the live region: state, step, rows done and errors so far."""
    if ingestion.state == Ingestion.State.FAILED:
        return _("処理に失敗しました（%(step)s）：%(reason)s") % {
            "step": step_label(ingestion.error_step or ingestion.step),
            "reason": ingestion.error_message(language()),
        }
    if ingestion.state == Ingestion.State.READY:
        return _("処理が終わりました。%(rows)s 行、エラー %(errors)s 件。") % {
            "rows": intcomma(ingestion.rows_done), "errors": intcomma(ingestion.error_count)}
    return _("%(state)s：%(step)s。%(rows)s 行を処理済み、これまでのエラー %(errors)s 件。") % {
        "state": ingestion.get_state_display(), "step": step_label(ingestion.step),
        "rows": intcomma(ingestion.rows_done), "errors": intcomma(ingestion.error_count),
    }


def status_dict(ingestion: Ingestion) -> dict:
    """The fields of the status endpoint (also what the page shows without JavaScript)."""
    failed = ingestion.state == Ingestion.State.FAILED
    return {
        "state": ingestion.state,
        "state_label": str(ingestion.get_state_display()),
        "step": ingestion.step,
        "step_label": step_label(ingestion.step),
        "rows_done": ingestion.rows_done,
        "error_count": ingestion.error_count,
        "encoding": ingestion.encoding or None,
        "finished": ingestion.is_finished,
        "ready": ingestion.state == Ingestion.State.READY,
        "failed": failed,
        "error": ({"code": ingestion.error_code,
                   "step": ingestion.error_step,
                   "step_label": step_label(ingestion.error_step),
                   "message": ingestion.error_message(language())} if failed else None),
        "message": progress_message(ingestion),
    }


def status_json(request, slug: str, resource_id: int):
    """The processing state of the resource's current version as JSON (polled every 2 s)."""
    found = resource_tables(request, slug, resource_id)
    if found.ingestion is None:
        message = _("このリソースは表として処理されません")
        response = JsonResponse({"state": None, "message": message}, status=404)
    else:
        response = JsonResponse(status_dict(found.ingestion))
    response["Cache-Control"] = "no-store"
    return response
