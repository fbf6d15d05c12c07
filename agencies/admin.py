from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.text import fold

from . import person_services, services
from .forms import AdminLoginForm
from .models import Agency, ApiToken, Membership, Person, PersonMergeLog, User

# The admin's login page says when a locked-out person may try again, as /accounts/login/ does.
admin.site.login_form = AdminLoginForm


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "short_name",
        "kind",
        "parent",
        "is_active",
        "runs_agency_track",
    )
    list_filter = ("kind", "is_active", "runs_agency_track", "parent__kind")
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


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """The person registry. Two rows that are the same human are merged with the action (the
    first selected, oldest, is kept); a person with authorships is never deleted."""

    list_display = ("full_name", "birth_date", "agency", "civil_servant_code", "user")
    list_filter = ("agency__kind",)
    search_fields = ("full_name", "folded_name", "civil_servant_code")
    list_select_related = ("agency", "user")
    autocomplete_fields = ("agency",)
    raw_id_fields = ("user",)
    fields = ("full_name", "birth_date", "agency", "civil_servant_code", "user")
    actions = ["merge_selected"]

    def get_search_results(self, request, queryset, search_term):
        # Diacritics-insensitive: "nguyen van an" finds "Nguyễn Văn An".
        return super().get_search_results(request, queryset, fold(search_term))

    @admin.action(description=_("Merge the selected persons (the same human) into the oldest"))
    def merge_selected(self, request, queryset):
        persons = list(queryset.order_by("id"))
        if len(persons) != 2:
            self.message_user(request, _("Select exactly two persons to merge."), messages.ERROR)
            return
        keep, drop = persons
        try:
            log = person_services.person_merge(keep=keep, drop=drop, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            for message in getattr(error, "messages", [str(error)]):
                self.message_user(request, message, messages.ERROR)
            return
        self.message_user(
            request,
            _("%(drop)s was merged into %(keep)s (%(count)s authorships moved).")
            % {"drop": log.dropped_name, "keep": keep, "count": log.authorships_moved},
        )


@admin.register(PersonMergeLog)
class PersonMergeLogAdmin(admin.ModelAdmin):
    list_display = (
        "at",
        "kept",
        "dropped_name",
        "dropped_birth_date",
        "authorships_moved",
        "actor",
    )
    list_select_related = ("kept", "actor")
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
