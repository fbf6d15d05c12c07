"""The batch decision of a round (workflow.round_decision.round_decide): the leader fills the
shared decision once, ticks the dossiers to recognize and gives a reason for each one to
decline, checks a summary (the act cannot be undone), then confirms. A refused batch comes
back with each dossier's problems beside it and every typed value kept."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..round_decision import BatchRefused, may_decide_round, round_decide
from ..round_forms import RoundDecisionForm
from ..round_page import awaiting_decision
from ..rounds import may_see_round_page, round_detail
from .base import PageView, require_role


def decision_rows(item, data=None, problems=None) -> list[dict]:
    """One row per dossier the leader may decide: those awaiting the decision, and any posted
    one (it may have changed state meanwhile: it is kept to show why it was refused). One
    query, whatever the size of the round."""
    problems = problems or {}
    posted = _posted_ids(data) if data is not None else set()
    rows = []
    for initiative in awaiting_decision(item, posted):
        recommended = initiative.council_recommends
        key = f"recognize_{initiative.pk}"
        checked = recommended if data is None else bool(data.get(key))
        rows.append({
            "initiative": initiative,
            "recommended": recommended,
            "checked": checked,
            "reason": "" if data is None else data.get(f"reason_{initiative.pk}", ""),
            "problems": problems.get(initiative.code or str(initiative.pk), []),
        })  # fmt: skip
    return rows


def _posted_ids(data) -> set[int]:
    ids = set()
    for key in data:
        prefix, _sep, rest = key.partition("_")
        if prefix in ("recognize", "reason") and rest.isdigit():
            ids.add(int(rest))
    return ids


def choices(rows) -> dict:
    """The service's lists: ticked → recognize (its reason, if any, goes with it); unticked with
    a reason → decline; unticked without a reason → left awaiting the decision."""
    recognize = [row["initiative"].pk for row in rows if row["checked"]]
    decline = {
        row["initiative"].pk: row["reason"]
        for row in rows
        if not row["checked"] and row["reason"].strip()
    }
    reasons = {row["initiative"].pk: row["reason"] for row in rows if row["checked"]}
    return {"recognize": recognize, "decline": decline, "reasons": reasons}


def summary(rows) -> dict[str, list]:
    """What the confirmation lists: recognized, declined (with a reason), left waiting."""
    parts = {"recognized": [], "declined": [], "left": []}
    for row in rows:
        part = "recognized" if row["checked"] else "declined" if row["reason"].strip() else "left"
        parts[part].append(row)
    return parts


class RoundDecideView(PageView):
    template_name = "workflow/round_decide.html"

    def check_access(self, user):
        require_role(may_see_round_page(user) and may_decide_round(user))
        self.round = round_detail(self.kwargs["pk"])
        if self.round is None:
            raise Http404(_("Round not found."))

    def get(self, request, *args, **kwargs):
        return redirect("workflow:round", self.round.pk)

    def post(self, request, *args, **kwargs):
        form = RoundDecisionForm(request.POST)
        rows = decision_rows(self.round, request.POST)
        action = request.POST.get("action")
        if not form.is_valid() or action not in ("review", "confirm"):
            return self.page(form, rows)
        if action == "review":
            return self.page(form, rows, confirming=True, summary=summary(rows))
        try:
            done = round_decide(round=self.round, actor=request.user, **form.cleaned_data,
                                **choices(rows))  # fmt: skip
        except BatchRefused as error:
            for field, problems in error.fields.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
            rows = decision_rows(self.round, request.POST, error.dossiers)
            known = {row["initiative"].code for row in rows}
            unknown = [m for code, ms in error.dossiers.items() if code not in known for m in ms]
            return self.page(form, rows, unknown=unknown, refused=True)
        messages.success(
            request,
            _("Decision recorded: %(recognized)s recognized, %(declined)s declined.")
            % {"recognized": len(done["recognized"]), "declined": len(done["declined"])},
        )
        return redirect("workflow:round", self.round.pk)

    def page(self, form, rows, **extra):
        return self.render_to_response(
            self.get_context_data(round=self.round, form=form, rows=rows, **extra)
        )


def decision_context(item, user) -> dict:
    """What the round page needs to show the (blank) decision form to a leader."""
    if not may_decide_round(user):
        return {}
    rows = decision_rows(item)
    return {"decide_form": RoundDecisionForm(), "rows": rows} if rows else {}
