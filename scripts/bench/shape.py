"""What the bench data set looks like: the spread of states, the paths that lead to them and the
names and words it is made of. Pure data and small helpers; build.py writes the rows."""

import random
from contextlib import contextmanager

# Share of the dossiers in each state (rollout is fixed apart: 1% of the dossiers, as 1,000
# initiatives in rollout at 100,000 dossiers).
WEIGHTS = {
    "draft": 10,
    "department_review": 10,
    "revision_requested": 5,
    "council_review": 8,
    "awaiting_decision": 5,
    "recognized": 12,
    "closed": 6,
    "refused": 12,
    "rejected": 14,
    "appeal_review": 2,
    "revoked": 1,
    "withdrawn": 8,
}
ROLLOUT_SHARE = 100  # one dossier in 100 is in rollout

# The transitions that lead to each state (after the first `submit`), and who makes them.
PATHS = {
    "draft": [],
    "department_review": ["submit"],
    "revision_requested": ["submit", "request_revision"],
    "council_review": ["submit", "accept"],
    "awaiting_decision": ["submit", "accept", "complete_scoring"],
    "recognized": ["submit", "accept", "complete_scoring", "recognize"],
    "rollout": ["submit", "accept", "complete_scoring", "recognize", "start_rollout"],
    "closed": ["submit", "accept", "complete_scoring", "recognize", "start_rollout",
               "close_rollout"],
    "refused": ["submit", "reject"],
    "rejected": ["submit", "accept", "complete_scoring", "decline"],
    "appeal_review": ["submit", "accept", "complete_scoring", "decline", "appeal"],
    "revoked": ["submit", "accept", "complete_scoring", "recognize", "revoke"],
    "withdrawn": ["submit", "withdraw"],
}  # fmt: skip
TARGETS = {
    "submit": ("draft", "department_review"),
    "request_revision": ("department_review", "revision_requested"),
    "resubmit": ("revision_requested", "department_review"),
    "accept": ("department_review", "council_review"),
    "reject": ("department_review", "refused"),
    "withdraw": ("department_review", "withdrawn"),
    "complete_scoring": ("council_review", "awaiting_decision"),
    "recognize": ("awaiting_decision", "recognized"),
    "decline": ("awaiting_decision", "rejected"),
    "appeal": ("rejected", "appeal_review"),
    "start_rollout": ("recognized", "rollout"),
    "close_rollout": ("rollout", "closed"),
    "revoke": ("recognized", "revoked"),
}
ACTOR = {
    "submit": "staff",
    "resubmit": "staff",
    "withdraw": "staff",
    "appeal": "head",
    "request_revision": "reviewer",
    "accept": "reviewer",
    "reject": "reviewer",
    "complete_scoring": "reviewer",
    "recognize": "leader",
    "decline": "leader",
    "revoke": "leader",
    "start_rollout": "leader",
    "close_rollout": "leader",
}
ROLE = {"staff": "agency_staff", "head": "agency_head", "reviewer": "reviewer", "leader": "leader"}
PAST_COUNCIL = {"council_review", "awaiting_decision", "recognized", "rollout", "closed",
                "rejected", "appeal_review", "revoked"}  # fmt: skip
DECIDED = {"recognized", "rollout", "closed", "rejected", "appeal_review", "revoked"}
RECOGNIZED = {"recognized", "rollout", "closed", "revoked"}
OPEN = {"draft", "department_review", "revision_requested", "council_review",
        "awaiting_decision", "appeal_review"}  # fmt: skip
LOGS_PER_DOSSIER = 12  # at most, submitted dossiers; drafts have none: about 10 per dossier


def state_counts(total: int) -> dict[str, int]:
    """How many dossiers in each state, summing to `total` (rollout: 1%)."""
    rollout = max(1, total // ROLLOUT_SHARE)
    rest = total - rollout
    weight = sum(WEIGHTS.values())
    counts = {state: rest * share // weight for state, share in WEIGHTS.items()}
    counts["recognized"] += rest - sum(counts.values())
    counts["rollout"] = rollout
    return counts


def path_for(state: str, length: int = LOGS_PER_DOSSIER) -> list[str]:
    """The transitions of a dossier now in `state`, padded with revision rounds (request and
    resubmission during the Department's review) up to about `length` rows."""
    path = PATHS[state]
    if not path:
        return []
    cycles = max(0, (length - len(path)) // 2)
    return ["submit", *["request_revision", "resubmit"] * cycles, *path[1:]]


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Ma", "Nông", "Hà", "Lương", "Triệu", "Mai"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Quang", "Thanh", "Đức", "Ngọc", "Hữu", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
         "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong",
         "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"]  # fmt: skip
TOPICS = ["Cải cách thủ tục hành chính", "Ứng dụng công nghệ thông tin", "Số hóa hồ sơ",
          "Nâng cao chất lượng phục vụ", "Tiết kiệm chi phí", "Chuyển đổi số",
          "Quản lý văn bản điện tử", "Tiếp nhận hồ sơ trực tuyến", "Đơn giản hóa quy trình",
          "Cải cách hành chính một cửa"]  # fmt: skip
OBJECTS = ["cấp giấy phép xây dựng", "đăng ký hộ tịch", "chứng thực bản sao",
           "giải quyết đất đai", "bảo hiểm xã hội", "thu ngân sách", "quản lý tài sản công",
           "lưu trữ hồ sơ", "phản ánh kiến nghị", "đào tạo cán bộ"]  # fmt: skip


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def title(rng: random.Random, n: int) -> str:
    return f"{rng.choice(TOPICS)} trong {rng.choice(OBJECTS)} (số {n})"


@contextmanager
def explicit_timestamps(*models):
    """Let bulk_create keep the timestamps given (auto_now / auto_now_add off meanwhile)."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def insert(model, rows, batch_size: int = 5000) -> None:
    """Insert rows whose primary keys nobody needs back: COPY on PostgreSQL (psycopg 3), in
    batches of bulk_create elsewhere. The values are prepared as Django would save them."""
    from django.db import connection
    from django.db.models import AutoField

    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows, batch_size=batch_size)
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoField)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields])


def insert_tuples(model, columns: list[str], rows: list[tuple]) -> None:
    """Like insert, for rows given as tuples of `columns` (attribute names): the fastest path
    for the largest table, the transition log."""
    import json

    from django.db import connection

    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows],
                                  batch_size=5000)  # fmt: skip
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    statement = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([json.dumps(v) if isinstance(v, dict | list) else v for v in row])
