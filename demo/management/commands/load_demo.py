"""Load the demo province (DESIGN.md §7): agencies, demo accounts and dossiers in every state.

Idempotent: agencies are matched by code, people by username, dossiers and rounds by title; what
exists is left as it is. Dossiers are created and moved through the real services (demo.dossiers),
so the demo has the same logs, notifications and adoption records as real use; the rounds of the
two previous years (demo.history) are run at their own past dates and decided in one batch
decision each.
"""

from collections import Counter

from django.core.management.base import BaseCommand
from django.db import transaction

from agencies.services import agencies_load_province
from common import clock
from common.text import nfc
from demo.agency_track import DOSSIERS as AGENCY_DOSSIERS
from demo.agency_track import ensure_agency_tracks
from demo.council import ensure_council
from demo.data import DEMO_USERS, DOSSIERS, SUPPORTING_USERS
from demo.dossiers import ensure_dossiers
from demo.history import ensure_history
from demo.people import DEMO_PASSWORD, ensure_people
from initiatives.models import Initiative


class Command(BaseCommand):
    help = (
        "Load the demo province: the Thái Nguyên agencies, the demo accounts (password "
        f"{DEMO_PASSWORD}, refused when DEBUG is off), about 30 dossiers in every state and the "
        "decided rounds of the two previous years. Running it again changes nothing."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        agencies = agencies_load_province()
        people, users_created = ensure_people()
        today = clock.today()
        council = ensure_council(people, today)
        history = ensure_history(people, today, council)
        built = ensure_dossiers(people, today, council)
        # After the provincial dossiers: their agencies file those to the province as before.
        agency_built = ensure_agency_tracks(people, today)
        self._summary(agencies, users_created, built, history)
        self.stdout.write(
            f"Agency level (Sở Tư pháp, UBND phường Phổ Yên): {agency_built} dossiers created, "
            f"{len(AGENCY_DOSSIERS) - agency_built} already present."
        )

    def _summary(self, agencies, users_created, built, history):
        titles = [nfc(spec["title"]) for spec in DOSSIERS]
        by_state = Counter(
            Initiative.objects.filter(title__in=titles).values_list("status", flat=True)
        )
        people = len(DEMO_USERS) + len(SUPPORTING_USERS)
        self.stdout.write(
            f"Agencies: {agencies.created} created, {agencies.updated} updated, "
            f"{agencies.unchanged} unchanged."
        )
        self.stdout.write(f"Users: {users_created} created, {people - users_created} existing.")
        self.stdout.write(f"Dossiers: {built} created, {len(DOSSIERS) - built} already present.")
        self.stdout.write(
            f"Past rounds: {history.rounds} created with {history.dossiers} dossiers, each "
            "decided in one batch decision."
        )
        self.stdout.write(
            "By state: "
            + ", ".join(f"{state}={count}" for state, count in sorted(by_state.items()))
        )
        # API tokens are stored hashed, so none is made here to be shown later: each client asks.
        self.stdout.write(
            "API token (DEBUG on): POST /api/v1/auth/token/ with "
            f'{{"username": "reviewer", "password": "{DEMO_PASSWORD}"}}.'
        )
