"""Admin helpers that know no domain."""


class ReadOnlyAdminMixin:
    """Shown, never written through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
