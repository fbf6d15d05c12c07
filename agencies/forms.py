"""Login forms that say when a locked-out person may try again (agencies.lockout)."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from .lockout import is_locked_out, lockout_ends_at, lockout_message


class LockoutMessageMixin:
    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if not is_locked_out(self.request):
                raise
            ends_at = lockout_ends_at(self.request, self.cleaned_data.get("username"))
            raise ValidationError(lockout_message(ends_at), code="locked_out")


class LoginForm(LockoutMessageMixin, AuthenticationForm):
    """The login page (/accounts/login/)."""


class AdminLoginForm(LockoutMessageMixin, AdminAuthenticationForm):
    """The administration site's login page (/admin/login/)."""
