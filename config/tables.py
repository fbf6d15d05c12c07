"""Fixed settings tables, kept apart from config/settings.py (which reads the environment):
the periodic jobs Celery beat runs, and the description of the OpenAPI schema."""

from datetime import timedelta

from celery.schedules import crontab

# Every periodic job the system runs.
CELERY_BEAT_SCHEDULE = {
    "expire-overdue-revisions": {
        "task": "workflow.tasks.expire_overdue_revisions",
        "schedule": crontab(minute=5),
    },
    "resend-pending-notifications": {
        "task": "notifications.tasks.resend_pending_emails",
        "schedule": timedelta(minutes=5),
    },
    # Reminders are claimed once per deadline, so running hourly only catches up sooner.
    "deadline-reminders": {
        "task": "notifications.reminders.send_deadline_reminders",
        "schedule": crontab(minute=15),
    },
    "adoption-report-reminders": {
        "task": "notifications.reminders.send_registered_reminders",
        "args": ("adoption_reports",),
        "schedule": crontab(minute=25),
    },
    # Agencies are told once when a round opens and once before it closes (workflow.rounds).
    "round-notices": {
        "task": "notifications.reminders.send_registered_reminders",
        "args": ("rounds",),
        "schedule": crontab(minute=35),
    },
    # A round answered in full before it closed becomes decided once it has closed.
    "settle-rounds": {
        "task": "workflow.tasks.settle_rounds",
        "schedule": crontab(minute=40),
    },
    "daily-digest": {
        "task": "notifications.digest.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # A job whose worker died is failed (and can be started again) once it is stale.
    "fail-stale-exports": {
        "task": "exports.tasks.fail_stale_exports",
        "schedule": timedelta(minutes=10),
    },
    # Documents whose task was lost (broker outage, crash) are issued late, never not at all.
    "issue-missing-documents": {
        "task": "documents.tasks.issue_missing_documents",
        "schedule": timedelta(minutes=10),
    },
    # Export files are kept EXPORT_RETENTION_DAYS days, then deleted with their jobs.
    "purge-old-exports": {
        "task": "exports.tasks.purge_old_exports",
        "schedule": crontab(minute=45),
    },
}

# Official documents are rendered on a queue of their own: a round's hundred certificates never
# hold up the e-mails. Every worker consumes both queues (Procfile, docker-compose.yml).
CELERY_TASK_ROUTES = {"documents.tasks.*": {"queue": "documents"}}

SPECTACULAR_SETTINGS = {
    "TITLE": "Sáng kiến API",
    "DESCRIPTION": "REST API v1 of the provincial reform-initiative system.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge fetched from validator.swagger.io: the page loads nothing from outside.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "InitiativeStatusEnum": "initiatives.models.Status",
        "AdoptionStatusEnum": "adoption.models.Adoption.Status",
        "AgencyKindEnum": "agencies.models.Agency.Kind",
        "AttachmentKindEnum": "initiatives.models.AttachmentKind",
        "NotificationEmailStatusEnum": "notifications.models.Notification.EmailStatus",
    },
}
