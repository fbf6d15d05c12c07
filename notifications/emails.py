"""E-mails of notifications: plain text and HTML, in the recipient's language."""

from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .services import absolute_url


def build_email(notification) -> EmailMultiAlternatives:
    recipient = notification.recipient
    language = recipient.language or settings.LANGUAGE_CODE
    context = {
        "notification": notification,
        "recipient": recipient,
        "language": language,
        "link": absolute_url(notification.url or "/"),
        "settings_link": absolute_url("/notifications/settings/"),
        "province_name": settings.PROVINCE_NAME,
    }
    with translation.override(language):
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    email = EmailMultiAlternatives(
        notification.subject,
        text,
        to=[recipient.email],
        headers={"Message-ID": message_id(notification)},
    )
    email.attach_alternative(html, "text/html")
    return email


def message_id(notification) -> str:
    """The same Message-ID every time a notification is sent: should it ever go out twice (a
    worker dying between the SMTP server's acceptance and the row being marked sent), mail
    systems that drop duplicates by Message-ID show it once, and the copies are recognisable."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    created = int(notification.created_at.timestamp())
    return f"<notification.{notification.pk}.{created}@{domain}>"
