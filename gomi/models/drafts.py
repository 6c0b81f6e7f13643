"""Staged (unpublished) changes of a municipality's collection schedule: the draft.

Staff edits of rules, holiday policies, closures and the closure policy are kept here until
someone publishes the draft; residents' pages, feeds, mails, the API and the open data never
read these rows (gomi.selectors overlays them only when asked with ``draft=True``).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from gomi.models.schedule import Area, Category, Closure, Rule


class DraftChange(models.Model):
    """One staged change of the schedule; payload has the shape Rule or Closure store.

    rule: {weekdays, nth, biweekly, months, dates, remarks (None = keep)};
    holiday_policy / closure_policy: {policy}; closure_add: {start, end, center, note};
    closure_delete: a snapshot {start, end, center, note} of the closure to remove.
    """

    class Kind(models.TextChoices):
        RULE = "rule", _("収集ルール")
        HOLIDAY_POLICY = "holiday_policy", _("祝日の扱い")
        CLOSURE_ADD = "closure_add", _("休止期間の追加")
        CLOSURE_DELETE = "closure_delete", _("休止期間の削除")
        CLOSURE_POLICY = "closure_policy", _("休止期間の扱い")

    municipality = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="gomi_draft_changes")
    kind = models.CharField(_("変更の種類"), max_length=20, choices=Kind.choices)
    # CASCADE: deleting an area, category or closure drops what was staged for it.
    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="draft_changes")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="draft_changes")
    closure = models.ForeignKey(Closure, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="draft_changes")
    payload = models.JSONField(_("変更後の値"), default=dict, blank=True)
    created_by = models.CharField(_("変更した人"), max_length=150, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "category"], condition=Q(kind="rule"),
                                    name="gomi_draft_unique_rule"),
            models.UniqueConstraint(fields=["category"], condition=Q(kind="holiday_policy"),
                                    name="gomi_draft_unique_holiday_policy"),
            models.UniqueConstraint(fields=["closure"], condition=Q(kind="closure_delete"),
                                    name="gomi_draft_unique_closure_delete"),
            models.UniqueConstraint(fields=["municipality"],
                                    condition=Q(kind="closure_policy"),
                                    name="gomi_draft_unique_closure_policy"),
        ]
        verbose_name = _("未公開の変更")
        verbose_name_plural = _("未公開の変更")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def as_rule(self) -> Rule:
        """The staged rule as an unsaved Rule row (kind rule only)."""
        p = self.payload
        return Rule(area=self.area, category=self.category, weekdays=p.get("weekdays", []),
                    nth=p.get("nth", []), biweekly=p.get("biweekly", []),
                    months=p.get("months", []), dates=p.get("dates", []),
                    remarks=p.get("remarks") or [])

    def as_closure(self) -> Closure:
        """The staged closure (added, or the snapshot of a deleted one) as an unsaved row."""
        p = self.payload
        return Closure(municipality=self.municipality, start=date.fromisoformat(p["start"]),
                       end=date.fromisoformat(p["end"]), center=p.get("center", ""),
                       note=p.get("note", ""))

    @property
    def policy(self) -> str:
        """The staged policy (kinds holiday_policy and closure_policy)."""
        return str(self.payload.get("policy", ""))
