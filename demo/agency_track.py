"""The agencies' own (cơ sở) track in the demo (issue 13): Sở Tư pháp and UBND phường Phổ Yên
recognize initiatives at agency level here — an initiative secretary, a council of their own
people set up by their head's decision, the head deciding —, with dossiers at several steps, and
one cơ sở-recognized initiative of Sở Tư pháp proposed to the province and submitted there.
Driven through the real services like every demo dossier; idempotent (matched by title)."""

from datetime import date, timedelta

from agencies.models import Agency
from common.text import nfc
from initiatives.models import Initiative
from workflow.council_body import Council, CouncilMember
from workflow.promotion import initiative_promote
from workflow.scenarios import Cast, advance
from workflow.services import initiative_submit

from .dossiers import create_dossier
from .past import on

TRACKS = {
    "STP": {
        "secretary": "secretary_tuphap", "head": "head_tuphap", "staff": "staff_tuphap",
        "members": ["hd_tuphap1", "hd_tuphap2", "hd_tuphap3"], "signer": "director",
        "council": ("Hội đồng sáng kiến Sở Tư pháp", "15/QĐ-STP", "Giám đốc Sở Tư pháp"),
        "suffix": "QĐ-STP",
    },
    "UBND-PHOYEN": {
        "secretary": "secretary_phoyen", "head": "head_phoyen", "staff": "staff_phoyen",
        "members": ["hd_phoyen1", "hd_phoyen2", "hd_phoyen3"], "signer": "chairman",
        "council": ("Hội đồng sáng kiến phường Phổ Yên", "08/QĐ-UBND",
                    "Chủ tịch UBND phường Phổ Yên"),
        "suffix": "QĐ-UBND",
    },
}  # fmt: skip
COUNCIL_ROLES = ("chair", "secretary", "member")


def _spec(agency, title, state, authors, *, promote=False, **text) -> dict:
    body = {
        "problem": "Thủ tục còn nhiều bước thủ công, người dân phải đi lại nhiều lần.",
        "description": f"{title}: quy trình mới được số hoá và công khai từng bước xử lý.",
        "applicability": "Áp dụng được tại các phòng, bộ phận một cửa của cơ quan.",
        "conditions": "Có đường truyền Internet và phần mềm một cửa điện tử.",
        "benefits_author": "Giảm 40% thời gian giải quyết thủ tục.",
        "benefits_first_adopters": "Người dân nhận kết quả nhanh, không phải đi lại.",
    }
    return {"agency": agency, "title": title, "state": state, "level": "agency",
            "authors": authors, "participants": [], "applied_days_ago": 120,
            "promote": promote, **body, **text}  # fmt: skip


DOSSIERS = [
    _spec("STP", "Tra cứu tình trạng hồ sơ chứng thực qua mã QR trên giấy hẹn", "recognized",
          [("lan", 60), ("hung", 40)], promote=True),
    _spec("STP", "Mẫu hoá văn bản góp ý dự thảo quy phạm pháp luật gửi qua hệ thống điện tử",
          "awaiting_decision", [("lan", 100)]),
    _spec("STP", "Sổ theo dõi trợ giúp pháp lý lưu động điện tử", "council_review",
          [("lan", 70), ("hung", 30)]),
    _spec("STP", "Nhắc hạn thi hành án dân sự tự động cho cán bộ thụ lý", "department_review",
          [("lan", 100)]),
    _spec("UBND-PHOYEN", "Hòm thư góp ý trực tuyến của tổ dân phố", "recognized",
          [("duc", 100)]),
    _spec("UBND-PHOYEN", "Lịch tiếp công dân đặt trước qua Zalo phường", "refused",
          [("duc", 100)]),
    _spec("UBND-PHOYEN", "Bản đồ số các điểm thu gom rác thải của phường", "draft",
          [("duc", 60), ("khanh", 40)]),
]  # fmt: skip


def ensure_agency_tracks(people, today: date) -> int:
    """Turn the two tracks on, set up their councils, build the dossiers not there yet."""
    agencies = {a.code: a for a in Agency.objects.filter(code__in=TRACKS)}
    councils = {}
    for code, track in TRACKS.items():
        Agency.objects.filter(pk=agencies[code].pk).update(runs_agency_track=True)
        agencies[code].runs_agency_track = True
        councils[code] = _council(agencies[code], track, people, today)
    existing = set(Initiative.objects.filter(level="agency").values_list("title", flat=True))
    built = 0
    for spec in DOSSIERS:
        if nfc(spec["title"]) not in existing:
            _build(spec, people, agencies, councils[spec["agency"]], today)
            built += 1
    return built


def _council(agency, track, people, today) -> Council:
    name, number, signer = track["council"]
    council = Council.objects.filter(body=agency, decision_number=number).first()
    if council is not None:
        return council
    decided = today - timedelta(days=200)
    with on(decided):
        council = Council.objects.create(
            name=name, body=agency, decision_number=number, decision_date=decided,
            decision_signer=signer, term_starts_on=decided,
        )  # fmt: skip
        for order, (username, role) in enumerate(zip(track["members"], COUNCIL_ROLES, strict=True)):
            user = people[username]
            CouncilMember.objects.create(council=council, user=user, role=role, order=order,
                                         full_name=user.get_full_name())  # fmt: skip
    return council


def _build(spec, people, agencies, council, today):
    track = TRACKS[spec["agency"]]
    staff = people[track["staff"]]
    initiative = create_dossier(spec | {"by": track["staff"]}, people, agencies, today)
    cast = Cast(
        agency_user=staff, reviewer=people[track["secretary"]],
        council=[people[u] for u in track["members"]], council_body=council,
        leader=people[track["head"]], agency_head=people[track["head"]],
        signer_authority=track["signer"], decision_suffix=track["suffix"],
    )  # fmt: skip
    initiative = advance(initiative, spec["state"], cast, today=today)
    if spec["promote"]:
        draft = initiative_promote(initiative=initiative, actor=staff)
        initiative_submit(initiative=draft, actor=staff)
