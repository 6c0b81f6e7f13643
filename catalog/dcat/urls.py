"""URLs of the DCAT serialisations (included from kanmin/urls.py)."""

from django.urls import path, re_path

from catalog.dcat import views

app_name = "dcat"

EXT = r"(?P<ext>ttl|jsonld|rdf)"

urlpatterns = [
    path("catalog", views.catalog_negotiate, name="catalog"),
    re_path(rf"^catalog\.{EXT}$", views.catalog, name="catalog_ext"),
    re_path(rf"^dataset/(?P<slug>[-a-zA-Z0-9_]+)\.{EXT}$", views.dataset, name="dataset"),
]
