"""Settings of the procedure as the law defines it, each overridable from the environment
(README: configuration). Imported by config/settings.py."""

import os

from .env import env_bool

# The procedure (NĐ 13/2012/NĐ-CP, TT 18/2013/TT-BKHCN). The Department of S&T asks for
# corrections once, with a complete list, during its review of the application; the agency has
# at least one calendar month to reply (counted with calendar-month arithmetic, not 30 days).
REVISION_REQUESTS_MAX = int(os.environ.get("REVISION_REQUESTS_MAX", "1"))
REVISION_REPLY_MIN_MONTHS = int(os.environ.get("REVISION_REPLY_MIN_MONTHS", "1"))
REVISION_REPLY_MAX_MONTHS = int(os.environ.get("REVISION_REPLY_MAX_MONTHS", "3"))
# A dossier is accepted into a council set up by decision (Hội đồng sáng kiến). Only a
# province that still allows it lets the reviewer hand-pick an ad-hoc panel of council members.
COUNCIL_ADHOC_PANELS = env_bool("COUNCIL_ADHOC_PANELS", False)
# The leader's decision number must follow the province's numbering (NĐ 30/2020 layout,
# "125/QĐ-UBND"); compared after NFC normalisation. The example is what the error message shows.
DECISION_NUMBER_PATTERN = os.environ.get("DECISION_NUMBER_PATTERN", r"^\d+/QĐ-UBND$")
DECISION_NUMBER_EXAMPLE = os.environ.get("DECISION_NUMBER_EXAMPLE", "125/QĐ-UBND")
# An agency's own (cơ sở) decisions carry its own abbreviation: "07/QĐ-STP", "12/QĐ-UBND".
AGENCY_DECISION_NUMBER_PATTERN = os.environ.get(
    "AGENCY_DECISION_NUMBER_PATTERN", r"^\d+/QĐ-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$"
)
AGENCY_DECISION_NUMBER_EXAMPLE = os.environ.get("AGENCY_DECISION_NUMBER_EXAMPLE", "07/QĐ-STP")
# A provincial dossier carries the agency's own (cơ sở) recognition decision among its
# attachments, as the province requires before it considers an initiative.
REQUIRE_AGENCY_RECOGNITION_ATTACHMENT = env_bool("REQUIRE_AGENCY_RECOGNITION_ATTACHMENT", True)
# Rounds (đợt xét): "rolling" takes dossiers all year; "rounds" takes a dossier only while a
# round covering its field is open. Agencies are reminded N days before a round closes.
ROUNDS_MODE = os.environ.get("ROUNDS_MODE", "rolling")
ROUND_CLOSING_REMIND_DAYS = int(os.environ.get("ROUND_CLOSING_REMIND_DAYS", "7"))

# Official documents (issue 12, DESIGN §9). The number of each kind of document the system
# issues itself, per year from 1 without gaps: {seq} the number in the year, {year} the year.
# A receipt takes its number from the intake book. Override one kind with
# DOCUMENT_NUMBER_FORMAT_<KIND>, e.g. DOCUMENT_NUMBER_FORMAT_CERTIFICATE="{seq:03d}/GCN-UBND".
_DOCUMENT_NUMBER_DEFAULTS = {
    "receipt": "{seq}/{year}",
    "revision_notice": "{seq}/TB-SKHCN",
    "refusal_notice": "{seq}/TB-SKHCN",
    "non_recognition_notice": "{seq}/TB-UBND",
    "certificate": "{seq:03d}/GCN-SKKN",
    "minutes": "{seq}/BB-HĐSK",
}
# The same books kept by an agency for its own cơ sở track, {agency} its code ("STP").
AGENCY_DOCUMENT_NUMBER_FORMATS = {
    "revision_notice": "{seq}/TB-{agency}",
    "refusal_notice": "{seq}/TB-{agency}",
    "non_recognition_notice": "{seq}/TB-{agency}",
    "certificate": "{seq:03d}/GCN-{agency}",
    "minutes": "{seq}/BB-HĐSK-{agency}",
}
DOCUMENT_NUMBER_FORMATS = {
    kind: os.environ.get(f"DOCUMENT_NUMBER_FORMAT_{kind.upper()}", default)
    for kind, default in _DOCUMENT_NUMBER_DEFAULTS.items()
}
# The bodies named at the top left of a document (NĐ 30/2020): the province's committee, and
# the department that receives and checks applications under it.
DOCUMENT_PROVINCE_BODY = os.environ.get("DOCUMENT_PROVINCE_BODY", "")  # "" → from PROVINCE_NAME
DOCUMENT_DEPARTMENT_BODY = os.environ.get("DOCUMENT_DEPARTMENT_BODY", "Sở Khoa học và Công nghệ")
