"""URLs of the CKAN Action API (both /api/3/action/ and /api/action/, as CKAN serves)."""

from django.urls import path

from catalog.ckan import views

urlpatterns = [
    path("api/3/action/<str:name>", views.action, name="ckan_action"),
    path("api/action/<str:name>", views.action, name="ckan_action_unversioned"),
]
