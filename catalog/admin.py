"""Django admin for catalog reference lists (datasets are edited on the staff screens)."""

from django.contrib import admin

from catalog.models import Category, Dataset, Licence, StandardDataset


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    """Licences."""

    list_display = ("id", "title", "is_open")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """Categories."""

    list_display = ("slug", "name", "name_en")


@admin.register(StandardDataset)
class StandardDatasetAdmin(admin.ModelAdmin):
    """Standard datasets."""

    list_display = ("number", "title", "slug")


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    """Datasets, read-only here: edits go through the staff screens and services."""

    list_display = ("title", "organisation", "state", "private", "modified")
    list_filter = ("state", "private")
    search_fields = ("slug", "title")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
