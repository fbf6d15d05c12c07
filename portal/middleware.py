from django.conf import settings
from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user who chose another language than the default sees it at every visit,
    unless they switched this session (the language cookie). Otherwise LocaleMiddleware's
    choice stands. The language switch stores the choice in the profile, so e-mails follow it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        preferred = getattr(user, "language", "") if user is not None else ""
        if (
            user.is_authenticated
            and not chosen
            and preferred
            and preferred != settings.LANGUAGE_CODE
        ):
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
        return self.get_response(request)
