"""Login forms that say when a locked-out person may try again (agencies.lockout)."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from .lockout import refused_login


class LockoutMessageMixin:
    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            refused = refused_login(self.request, self.cleaned_data.get("username"))
            if refused is None:
                raise
            raise ValidationError(refused[0], code="locked_out")


class LoginForm(LockoutMessageMixin, AuthenticationForm):
    """The login page (/accounts/login/)."""


class AdminLoginForm(LockoutMessageMixin, AdminAuthenticationForm):
    """The administration site's login page (/admin/login/)."""
