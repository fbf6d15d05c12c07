"""The vocabulary of adoption records and their reports, defined once for the agency's forms,
the API's serializers, the admin and the services."""

# What an adopting agency reports each period (form, API, admin, adoption.services.report_add).
REPORT_FIELDS = (
    "period",
    "result_summary",
    "processing_days_before",
    "processing_days_after",
    "dossiers_handled",
    "cost_saved_vnd",
)

# What the adopting agency changes on its record (adoption.services.adoption_update).
RECORD_FIELDS = ("status", "started_on", "applied_on", "reason")
