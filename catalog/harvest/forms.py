"""The staff form for a new harvest source; it parses, the service validates and writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import HarvestSource


class HarvestSourceForm(forms.Form):
    """A harvest source: where from, what kind, and which organisation the datasets land in."""

    organisation = forms.ChoiceField(label=_("登録先の団体"),
                                     help_text=_("収集したデータセットはこの団体のものとして公開されます"))
    kind = forms.ChoiceField(label=_("種類"), choices=HarvestSource.Kind.choices)
    url = forms.CharField(
        label=_("収集元のURL"), max_length=2000,
        help_text=_("CKAN・Kanmin はサイトのURL（例: https://opendata.example.lg.jp）、"
                    "DCAT はカタログのURL（例: https://example.lg.jp/catalog.ttl）"),
        widget=forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )
    title = forms.CharField(label=_("名称"), max_length=200, required=False)
    remote_organisation = forms.CharField(
        label=_("収集元の団体（識別名）"), max_length=100, required=False,
        help_text=_("CKAN・Kanmin の収集元で、この団体のデータセットだけを収集します"),
    )
    schedule = forms.ChoiceField(label=_("収集の頻度"), choices=HarvestSource.Schedule.choices,
                                 initial=HarvestSource.Schedule.DAILY)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {o.slug: o for o in organisations}
        self.fields["organisation"].choices = [(o.slug, o.name) for o in organisations]
