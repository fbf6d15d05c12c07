"""The demo province's past (demo.history_data): for each of the two years before the load
year, a round ("Đợt I năm <year>") whose dossiers are submitted, accepted, scored by the
provincial council, decided by the Chairman in one batch decision
(workflow.round_decision.round_decide) and, for some, rolled out and closed.

Every step runs through the real services at its own date (demo.past.on), so the intake book,
the codes (SK-<year>-…), deadlines, logs and notifications belong to that year, and the authors'
persons gain recognitions across several years. A round is built whole or not at all: it is
skipped when the round (by title, or year and number) or any of its dossiers (by title) exists,
or when the council in place was set up after the round opened (a demo database from before).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from agencies.models import Agency
from common.text import nfc
from initiatives.models import Initiative
from notifications.models import Notification
from notifications.services import notification_mark_read
from workflow.models import Round
from workflow.round_decision import round_decide
from workflow.rounds import round_add_dossiers, round_save
from workflow.scenarios import STEPS, Cast
from workflow.services import initiative_close_rollout

from .data import COUNCIL
from .dossiers import create_dossier
from .history_data import ACCEPT_AFTER_DAYS, ROUNDS
from .past import next_working_day, on, working_day
from .rollout import adopt

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass
class Built:
    rounds: int = 0
    dossiers: int = 0


def ensure_history(people, today: date, council) -> Built:
    """Build the past rounds not there yet; what was built."""
    agencies = {a.code: a for a in Agency.objects.all()}
    built = Built()
    for spec in ROUNDS:
        year = today.year - spec["years_ago"]
        if _present(spec, year) or not _council_sits(council, year, spec):
            continue
        _Round(spec, year, people, agencies, council).build()
        built.rounds += 1
        built.dossiers += len(spec["dossiers"])
    return built


def round_title(spec, year: int) -> str:
    return f"Đợt {ROMAN[spec['number']]} năm {year}"


def _present(spec, year: int) -> bool:
    same = Q(title=round_title(spec, year)) | Q(year=year, number=spec["number"])
    titles = [nfc(d["title"]) for d in spec["dossiers"]]
    return (
        Round.objects.filter(same).exists() or Initiative.objects.filter(title__in=titles).exists()
    )


def _council_sits(council, year: int, spec) -> bool:
    starts = council.term_starts_on or council.decision_date
    return starts <= working_day(year, spec["opens"])


class _Round:
    """One past round, built stage by stage in the order the days come."""

    def __init__(self, spec, year, people, agencies, council):
        self.spec, self.year, self.people, self.agencies = spec, year, people, agencies
        self.council = council
        self.reviewer, self.leader = people["reviewer"], people["leader"]
        self.dossiers: list[tuple[dict, Initiative, Cast]] = []

    def day(self, name: str) -> date:
        return working_day(self.year, self.spec[name])

    def build(self) -> None:
        with on(self.day("created")):
            self.intake = round_save(actor=self.reviewer, data=self._round_data())
        self._submit_and_accept()
        self._score()
        self._decide()
        self._roll_out()
        _read_old_notifications(self.day("read"))

    def _round_data(self) -> dict:
        return {
            "year": self.year,
            "number": self.spec["number"],
            "title": round_title(self.spec, self.year),
            "opens_on": self.day("opens"),
            "closes_on": self.day("closes"),
            "council": self.council,
        }

    def _submit_and_accept(self) -> None:
        """Each dossier is drafted and submitted on its day (and put in the round by the
        standing office, as in rolling mode), then accepted for the council ACCEPT_AFTER_DAYS
        later — all in the order of the days, so codes, book numbers and logs follow it."""
        events = []
        for spec in self.spec["dossiers"]:
            submitted = working_day(self.year, spec["submitted"])
            accepted = next_working_day(submitted + timedelta(days=ACCEPT_AFTER_DAYS))
            events += [(submitted, 10, self._file, spec), (accepted, 14, self._accept, spec)]
        built = {}
        for day, hour, action, spec in sorted(events, key=lambda event: event[:2]):
            with on(day, hour=hour):
                built[spec["title"]] = action(spec, day, built.get(spec["title"]))
        self.dossiers = [built[spec["title"]] for spec in self.spec["dossiers"]]

    def _file(self, spec, day, _built):
        initiative = create_dossier(spec, self.people, self.agencies, day)
        cast = self._cast(spec)
        initiative = STEPS["submit"](initiative, cast, day)
        round_add_dossiers(actor=self.reviewer, intake=self.intake, initiatives=[initiative])
        return spec, initiative, cast

    def _accept(self, spec, day, built):
        _spec, initiative, cast = built
        return spec, STEPS["accept"](initiative, cast, day), cast

    def _score(self) -> None:
        for stage, hour in (("scoring", 15), ("meeting", 9)):
            day = self.day(stage)
            step = STEPS["score" if stage == "scoring" else "complete_scoring"]
            with on(day, hour=hour):
                self.dossiers = [(s, step(i, c, day), c) for s, i, c in self.dossiers]

    def _decide(self) -> None:
        """The Chairman's one decision: the dossiers the council recommends are recognized,
        those with a reason in the data declined, in the same sitting."""
        day = self.day("decision")
        signer, authority = self.spec["signer"]
        decline = {i.pk: s["decline"] for s, i, _c in self.dossiers if "decline" in s}
        with on(day, hour=16):
            round_decide(
                round=self.intake, actor=self.leader,
                decision_number=self.spec["decision_number"], decision_date=day,
                signer_name=signer, signer_authority=authority, decline=decline,
            )  # fmt: skip
        self.dossiers = [(s, Initiative.objects.get(pk=i.pk), c) for s, i, c in self.dossiers]

    def _roll_out(self) -> None:
        rolled = [(s, i, c) for s, i, c in self.dossiers if s.get("rollout")]
        started = self.day("rollout")
        with on(started, hour=10):
            rolled = [(s, STEPS["start_rollout"](i, c, started), c) for s, i, c in rolled]
        reported = self.day("reports")
        with on(reported, hour=10):
            for spec, initiative, _cast in rolled:
                for code, status, detail in spec.get("adoptions", ()):
                    adopt(initiative, self.agencies[code], status, detail, self.people, reported)
        closed = self.day("closed")
        with on(closed, hour=15):
            for spec, initiative, _cast in rolled:
                initiative_close_rollout(initiative=initiative, actor=self.leader,
                                         comment=spec.get("close", ""))  # fmt: skip

    def _cast(self, spec) -> Cast:
        cast = Cast(
            agency_user=self.people[spec["by"]],
            reviewer=self.reviewer,
            council=[self.people[username] for username in COUNCIL],
            council_body=self.council,
            leader=self.leader,
            rollout_agencies=[self.agencies[code] for code in spec.get("rollout", ())],
        )
        if "scores" in spec:
            cast.scores = spec["scores"]
        return cast


def _read_old_notifications(day: date) -> None:
    """By the end of the year its people have read that year's notices (never a later one)."""
    with on(day, hour=17):
        unread = Notification.objects.filter(read_at__isnull=True, created_at__lte=timezone.now())
        for recipient_id, pk in unread.values_list("recipient_id", "pk").order_by("pk"):
            notification_mark_read(recipient=recipient_id, notification_id=pk)
