"""Django admin for core models: site administrators only, every save audited."""

from django.contrib import admin

from core.actor import Actor
from core.models import AuditEntry, Department, Job, Membership, Organisation
from core.services import audit


class AuditedAdmin(admin.ModelAdmin):
    """Admin whose saves and deletes are written to the audit log like service writes."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(actor=Actor.from_request(request),
                     action=f"admin.{obj._meta.model_name}.{'update' if change else 'create'}",
                     target=obj, details={"fields": sorted(form.changed_data)})

    def delete_model(self, request, obj):
        audit.record(actor=Actor.from_request(request),
                     action=f"admin.{obj._meta.model_name}.delete", target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(actor=Actor.from_request(request),
                         action=f"admin.{obj._meta.model_name}.delete", target=obj)
        super().delete_queryset(request, queryset)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    """Organisations."""

    list_display = ("name", "lgcode", "kind", "is_fictional")
    search_fields = ("name", "name_kana", "name_en", "lgcode")


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    """Departments."""

    list_display = ("name", "organisation")


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    """Memberships."""

    list_display = ("user", "organisation", "role")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only view of the audit log."""

    list_display = ("created", "actor_label", "action", "target_type", "target_id", "result")
    list_filter = ("action", "result")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Jobs."""

    list_display = ("kind", "status", "created", "finished")
