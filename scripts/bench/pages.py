"""The pages and endpoints the bench measures, with whom it logs in as for each. A row is
(name, role, path, time budget in ms); role None is an anonymous request, "api" a token."""

QUERY_BUDGET = 15
TIME_BUDGET_MS = 100
SEARCH_BUDGET_MS = 150  # diacritics-insensitive search and the similar-initiatives panel
ROLES = {
    "staff": "staff_tuphap",
    "head": "head_tuphap",
    "reviewer": "reviewer",
    "council": "council1",
    "leader": "leader",
}
SORTS = ["updated", "code", "-code", "title", "-title", "status", "-status"]


def page_list(ids: dict) -> list[tuple[str, str | None, str, int]]:
    """Every measured page; `ids` names the objects to open (bench.runner.pick_ids)."""
    t, s = TIME_BUDGET_MS, SEARCH_BUDGET_MS
    rows = [("floor /healthz", None, "/healthz", t)]
    rows += [(f"home (work list) {role}", role, "/", t) for role in ROLES]
    rows += [
        ("dossier list", "reviewer", "/initiatives/", t),
        ("dossier list (agency staff)", "staff", "/initiatives/", t),
        ("dossier list ?q=cai cach", "reviewer", "/initiatives/?q=cai+cach", s),
        ("dossier list ?status", "reviewer", "/initiatives/?status=department_review", t),
        ("dossier list ?year", "reviewer", f"/initiatives/?year={ids['year']}", t),
        ("dossier list ?field", "reviewer", f"/initiatives/?field={ids['field']}", t),
        ("dossier list ?agency", "reviewer", f"/initiatives/?agency={ids['agency']}", t),
    ]
    rows += [(f"dossier list ?sort={key}", "reviewer", f"/initiatives/?sort={key}", t)
             for key in SORTS]  # fmt: skip
    rows += [
        ("review queue", "reviewer", "/review/", t),
        ("council list (member)", "council", "/council/", t),
        ("councils", "reviewer", "/councils/", t),
        ("decisions", "leader", "/decisions/", t),
        ("dossier page (busy)", "reviewer", f"/initiatives/{ids['busy']}/", t),
        ("dossier page (leader)", "leader", f"/initiatives/{ids['busy']}/", t),
        ("dossier page (draft, similar panel)", "staff", f"/initiatives/{ids['draft']}/", s),
        ("dossier page (in review, similar)", "reviewer", f"/initiatives/{ids['review']}/", s),
        ("dashboard", "leader", "/dashboard/", t),
        ("dashboard initiatives", "leader", "/dashboard/initiatives/", t),
        ("dashboard initiative", "leader", f"/dashboard/initiatives/{ids['busy']}/", t),
        ("dashboard adoptions ?overdue", "leader", "/dashboard/adoptions/?overdue=1", t),
        ("matrix", "leader", "/dashboard/matrix/", t),
        ("registry", None, "/registry/", t),
        ("registry ?q=cai cach", None, "/registry/?q=cai+cach", s),
        ("registry page", None, f"/registry/{ids['busy']}/", t),
        ("similar initiatives", "staff", "/registry/similar/?title=cai+cach+thu+tuc", s),
        ("adoptions (agency head)", "head", "/adoptions/", t),
        ("adoption record", "head", f"/adoptions/{ids['adoption']}/", t),
        ("notification inbox", "reviewer", "/notifications/", t),
        ("rounds", "reviewer", "/rounds/", t),
        ("round page", "reviewer", f"/rounds/{ids['round']}/", t),
        ("persons", "reviewer", "/persons/", t),
        ("persons ?q=nguyen", "reviewer", "/persons/?q=nguyen", s),
        ("person page", "reviewer", f"/persons/{ids['person']}/", t),
        ("API initiatives list", "api", "/api/v1/initiatives/", t),
        ("API initiative detail", "api", f"/api/v1/initiatives/{ids['busy']}/", t),
        ("API notifications", "api", "/api/v1/notifications/", t),
        ("API adoption stats", "api", "/api/v1/stats/adoption/", t),
        ("council papers", "reviewer",
         f"/documents/initiatives/{ids['busy']}/council-papers/", t),
        ("verify a certificate", None, f"/verify/{ids['certificate']}/", t),
        ("API documents of a dossier", "api", f"/api/v1/initiatives/{ids['busy']}/documents/", t),
        ("API verify", None, f"/api/v1/verify/{ids['certificate']}/", t),
    ]  # fmt: skip
    return rows
