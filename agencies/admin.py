from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .forms import AdminLoginForm
from .models import Agency, ApiToken, Membership, User

# The admin's login page says when a locked-out person may try again, as /accounts/login/ does.
admin.site.login_form = AdminLoginForm


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "short_name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active", "parent__kind")
    search_fields = ("code", "name", "short_name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    ordering = ("name",)
    fieldsets = (
        (None, {"fields": ("code", "name", "short_name", "kind", "parent", "is_active")}),
        (_("Provenance"), {"fields": ("source",), "classes": ("collapse",)}),
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("agency", "role")
    autocomplete_fields = ("agency",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "full_name",
        "email",
        "language",
        "is_staff",
        "is_demo",
        "is_active",
    )
    list_filter = (*DjangoUserAdmin.list_filter, "is_demo", "language", "memberships__role")
    search_fields = ("username", "full_name", "email")
    ordering = ("username",)
    inlines = (MembershipInline,)
    actions = ("unlock_logins", "revoke_api_tokens")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone", "language")}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_demo",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    @admin.action(description=_("Unlock login (forget failed login attempts)"))
    def unlock_logins(self, request, queryset):
        usernames = list(queryset.values_list("username", flat=True))
        services.logins_unlock(usernames=usernames)
        self.message_user(
            request,
            ngettext(
                "%(count)d account can log in again at once.",
                "%(count)d accounts can log in again at once.",
                len(usernames),
            )
            % {"count": len(usernames)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Revoke all API tokens"))
    def revoke_api_tokens(self, request, queryset):
        revoked = sum(services.api_tokens_revoke_all(user=user) for user in queryset)
        self.message_user(
            request,
            ngettext("%(count)d API token revoked.", "%(count)d API tokens revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are taken through the API and shown once; here they can only be seen and revoked
    (deleted)."""

    list_display = ("key_start", "user", "created_at", "expires_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__full_name", "token_key")
    fields = ("key_start", "user", "created_at", "expires_at", "last_used_at")
    readonly_fields = fields

    @admin.display(description=_("key (first characters)"), ordering="token_key")
    def key_start(self, token):
        return f"{token.token_key}…"

    @admin.display(description=_("created"), ordering="created")
    def created_at(self, token):
        return token.created

    @admin.display(description=_("expires"), ordering="expiry")
    def expires_at(self, token):
        return token.expiry

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency__kind")
    search_fields = ("user__username", "user__full_name", "agency__code", "agency__name")
    list_select_related = ("user", "agency")
    autocomplete_fields = ("user", "agency")
