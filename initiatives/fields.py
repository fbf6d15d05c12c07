"""The vocabulary of the TT 18 application (Circular 18/2013/TT-BKHCN, Annex I), defined once.

The agency's form, the API's serializers, the admin, the dossier page, the model and the
services all read their field lists from here.
"""

# The application in the order of the paper form. `code` and `agency` are set by the system.
PAPER_FORM = (
    "code", "title", "field", "agency", "author_is_investor", "investor", "state_funded",
    "problem", "first_applied_on", "first_application_ends_on", "description", "applicability",
    "confidential_info", "conditions", "benefits_author", "benefits_first_adopters",
    "benefit_amount_vnd", "round",
    "truthfulness_declared", "public_order_declared", "no_ip_protection_declared",
)  # fmt: skip
SYSTEM_SET = ("code", "agency")

# The declaration made on submitting: the application is truthful (TT 18, Annex I), and the
# solution is none of what NĐ 13/2012/NĐ-CP, Điều 3.2 excludes (contrary to public order or
# morality; under intellectual-property protection). Each is ticked separately.
DECLARATION_FIELDS = ("truthfulness_declared", "public_order_declared", "no_ip_protection_declared")

# What the agency fills in: the web form, the API and initiative_update accept these only.
AGENCY_FIELDS = tuple(name for name in PAPER_FORM if name not in SYSTEM_SET)

# What names the request (the admin's first fieldset); the rest is the application's body.
HEADING_FIELDS = ("title", "field", "round")
BODY_FIELDS = tuple(name for name in AGENCY_FIELDS if name not in HEADING_FIELDS)

# Written by the leadership's decision (workflow's recognize), never by the agency.
DECISION_FIELDS = ("decision_number", "decision_date", "scope")
# Who signed that decision, in what capacity (its signature block).
SIGNER_FIELDS = ("signer_name", "signer_authority")
# The later decision revoking the recognition (state `revoked`).
REVOCATION_FIELDS = ("revocation_number", "revocation_date")
# A ministry's decision recognizing the initiative nationwide (scope `national`).
NATIONAL_FIELDS = ("national_decision_number", "national_decision_date", "national_issuer")
# The agency's appeal against a refusal or a non-recognition (workflow: appeal, resolve_appeal).
APPEAL_FIELDS = ("appealed_from", "appeal_filed_at", "appeal_due", "appeal_complex", "appeal_final")

# The rows of the two tables of people; `order` is their position in the table.
PERSON_FIELDS = ("full_name", "birth_date", "workplace", "position", "qualification")
AUTHOR_FIELDS = (*PERSON_FIELDS, "contribution_percent")
PARTICIPANT_FIELDS = (*PERSON_FIELDS, "task")
