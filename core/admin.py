"""Django admin for core models (writes from the admin still go through audit via services
where a service exists; the admin is for site administrators only)."""

from django.contrib import admin

from core.models import AuditEntry, Department, Job, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Organisations."""

    list_display = ("name", "lgcode", "kind", "is_fictional")
    search_fields = ("name", "name_kana", "name_en", "lgcode")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    """Departments."""

    list_display = ("name", "organisation")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
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
