"""Writes of the workflow: one service per transition, grouped by who takes it.

pipeline.py   the common path of every transition (lock, checks, log, signal)
agency.py     submit, resubmit, withdraw
review.py     request_revision, reject, accept (the Department of S&T)
council.py    complete_scoring
leadership.py recognize, decline, start_rollout, close_rollout; revocation.py revoke;
              national.py records a ministry's nationwide recognition
appeals.py    appeal, resolve_appeal (and marking an appeal complex)
system.py     expire
edits.py      the administrator's corrections, logged in the audit trail

Callers import from `workflow.services`; the modules are its parts.
"""

from .agency import initiative_resubmit, initiative_submit, initiative_withdraw
from .appeals import appeal_mark_complex, initiative_appeal, initiative_resolve_appeal
from .council import initiative_complete_scoring
from .edits import initiative_admin_edit
from .leadership import (
    initiative_close_rollout,
    initiative_decline,
    initiative_recognize,
    initiative_start_rollout,
)
from .national import initiative_record_national
from .review import (
    initiative_accept,
    initiative_reject,
    initiative_request_revision,
)
from .revocation import initiative_revoke
from .system import initiative_expire

# Dispatch by name, for the API, the admin and the web views.
SERVICES = {
    "submit": initiative_submit,
    "resubmit": initiative_resubmit,
    "withdraw": initiative_withdraw,
    "request_revision": initiative_request_revision,
    "reject": initiative_reject,
    "accept": initiative_accept,
    "complete_scoring": initiative_complete_scoring,
    "recognize": initiative_recognize,
    "decline": initiative_decline,
    "start_rollout": initiative_start_rollout,
    "close_rollout": initiative_close_rollout,
    "revoke": initiative_revoke,
    "appeal": initiative_appeal,
    "resolve_appeal": initiative_resolve_appeal,
}

__all__ = [
    "SERVICES",
    "appeal_mark_complex",
    "initiative_accept",
    "initiative_admin_edit",
    "initiative_appeal",
    "initiative_close_rollout",
    "initiative_complete_scoring",
    "initiative_decline",
    "initiative_expire",
    "initiative_recognize",
    "initiative_record_national",
    "initiative_reject",
    "initiative_request_revision",
    "initiative_resolve_appeal",
    "initiative_resubmit",
    "initiative_revoke",
    "initiative_start_rollout",
    "initiative_submit",
    "initiative_withdraw",
]
