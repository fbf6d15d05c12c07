"""The demo province's people and dossiers (DESIGN.md §7), read by the demo loader (demo/).

Dossiers name the state they are driven to (through workflow.scenarios.advance) and, optionally,
a follow-up step (`then`) that ends somewhere the standard path does not: a partly scored
council, a resubmission, a withdrawal, a leader's refusal, a closed rollout.
Dates are days before the day the loader runs, so the data stays valid on any day.
"""

# --- People ---------------------------------------------------------------------------------------
# (username, full name, [(role, agency code)]). Everyone here is a demo account.

DEMO_USERS = [
    ("staff_tuphap", "Nguyễn Thị Lan", [("agency_staff", "STP")]),
    ("head_tuphap", "Trần Văn Hùng", [("agency_head", "STP")]),
    ("staff_phoyen", "Lê Minh Đức", [("agency_staff", "UBND-PHOYEN")]),
    ("reviewer", "Phạm Thu Hà", [("reviewer", "SKHCN")]),
    ("council1", "Hoàng Văn Nam", [("council_member", "SKHCN")]),
    ("council2", "Vũ Thị Mai", [("council_member", "SNV")]),
    ("council3", "Đỗ Quang Vinh", [("council_member", "VPUBND")]),
    ("council4", "Nguyễn Thanh Bình", [("council_member", "UBND-TINH")]),
    ("council5", "Lê Thị Thu Hương", [("council_member", "STC")]),
    ("council6", "Trịnh Quốc Khánh", [("council_member", "SXD")]),
    ("leader", "Ngô Thanh Sơn", [("leader", "UBND-TINH")]),
    # The agencies' own (cơ sở) track: Sở Tư pháp's and Phổ Yên's initiative secretaries (their
    # heads, head_tuphap and head_phoyen, decide at that level).
    ("secretary_tuphap", "Đinh Thị Thu", [("initiative_secretary", "STP")]),
    ("secretary_phoyen", "Lý Văn Hòa", [("initiative_secretary", "UBND-PHOYEN")]),
    ("admin", "Đinh Công Thành", []),
]
# Supporting people, so that dossiers come from several agencies and rollouts have reporters.
SUPPORTING_USERS = [
    ("head_phoyen", "Dương Văn Khánh", [("agency_head", "UBND-PHOYEN")]),
    ("staff_ttpvhcc", "Lương Thị Hồng Nhung", [("agency_staff", "TTPVHCC")]),
    ("staff_phandinhphung", "Trịnh Thu Trang", [("agency_staff", "UBND-PHANDINHPHUNG")]),
    ("head_phandinhphung", "Mai Xuân Trường", [("agency_head", "UBND-PHANDINHPHUNG")]),
    ("staff_songcong", "Nông Văn Tuấn", [("agency_staff", "UBND-SONGCONG")]),
    ("head_songcong", "Hà Thị Bích Ngọc", [("agency_head", "UBND-SONGCONG")]),
    ("staff_daitu", "Lý Thị Hoa", [("agency_staff", "UBND-DAITU")]),
    ("staff_xaydung", "Đào Minh Quân", [("agency_staff", "SXD")]),
    # The agencies' own councils (demo.agency_track).
    ("hd_tuphap1", "Lương Văn Bình", [("council_member", "STP")]),
    ("hd_tuphap2", "Hà Thị Ngọc Anh", [("council_member", "STP")]),
    ("hd_tuphap3", "Tạ Quang Huy", [("council_member", "STP")]),
    ("hd_phoyen1", "Nguyễn Văn Toàn", [("council_member", "UBND-PHOYEN")]),
    ("hd_phoyen2", "Triệu Thị Lụa", [("council_member", "UBND-PHOYEN")]),
    ("hd_phoyen3", "Đặng Minh Hải", [("council_member", "UBND-PHOYEN")]),
]
SUPERUSERS = {"admin"}
# Everyone of the provincial council with an account: they score each dossier they sit on
# (unless recused: council6 works at Sở Xây dựng, which submits a dossier).
COUNCIL = ("council1", "council2", "council3", "council4", "council5", "council6")

# The provincial initiative council, set up by the Chairman's decision (NĐ 13/2012, Điều 8):
# (username or None for an outside expert, role, position[, full name of the expert]). Every
# member of the demo council is a demo account, so the whole council can be played through the
# API; it votes by secret ballot (bỏ phiếu kín), as Thái Nguyên's council does.
PROVINCIAL_COUNCIL = {
    "name": "Hội đồng sáng kiến tỉnh",
    "decision_number": "1234/QĐ-UBND",
    # (years before the load year, month, day): before the oldest round of demo.history_data.
    "decided": (2, 2, 10),
    "decision_signer": "Chủ tịch UBND tỉnh Thái Nguyên",
    "quorum": (2, 3),
    "voting": "secret",
    "members": [
        ("council4", "chair", "Phó Chủ tịch UBND tỉnh"),
        ("council2", "vice_chair", "Phó Giám đốc Sở Nội vụ"),
        ("council1", "secretary", "Trưởng phòng Quản lý khoa học, Sở KH&CN"),
        ("council3", "member", "Phó Chánh Văn phòng UBND tỉnh"),
        ("council5", "member", "Phó Giám đốc Sở Tài chính"),
        ("council6", "member", "Trưởng phòng Quản lý xây dựng, Sở Xây dựng"),
    ],
}

# --- Reusable pieces ------------------------------------------------------------------------------

LOW_SCORES = {"novelty": 14, "applicability": 12, "benefit": 15}
HIGH_SCORES = {"novelty": 34, "applicability": 26, "benefit": 25}
STP_ROLLOUT = ["UBND-PHOYEN", "UBND-SONGCONG", "UBND-DAITU", "UBND-GIASANG", "UBND-DINHHOA"]

# --- Authors --------------------------------------------------------------------------------------
# key: (full name, date of birth dd/mm/yyyy, position, qualification[, workplace]); the workplace
# defaults to the submitting agency.

# fmt: off
AUTHORS = {
    "lan": ("Nguyễn Thị Lan", "14/03/1988", "Chuyên viên Phòng Hành chính tư pháp", "Cử nhân Luật"),
    "hung": ("Trần Văn Hùng", "02/09/1975", "Phó Giám đốc Sở", "Thạc sĩ Luật"),
    "bao": ("Phan Quốc Bảo", "21/11/1983", "Trưởng phòng Hành chính tư pháp", "Thạc sĩ Luật"),
    "phuong": (
        "Lò Thị Phương", "08/06/1986", "Phó Trưởng phòng Xây dựng và kiểm tra văn bản",
        "Thạc sĩ Luật",
    ),
    "thang": ("Vi Văn Thắng", "30/01/1981", "Chuyên viên chính", "Thạc sĩ Kinh tế"),
    "duc": ("Lê Minh Đức", "19/07/1992", "Công chức Văn phòng – Thống kê", "Kỹ sư CNTT"),
    "khanh": ("Dương Văn Khánh", "11/04/1978", "Chủ tịch UBND phường", "Thạc sĩ Quản lý công"),
    "chien": (
        "Hứa Văn Chiến", "05/12/1985", "Công chức Địa chính – Xây dựng", "Kỹ sư Quản lý đất đai",
    ),
    "yen": (
        "Tạ Thị Hải Yến", "23/02/1990", "Chuyên viên Phòng Tiêu chuẩn – Đo lường – Chất lượng",
        "Kỹ sư", "Sở Khoa học và Công nghệ",
    ),
    "nhung": (
        "Lương Thị Hồng Nhung", "09/10/1989", "Viên chức Phòng Tiếp nhận và trả kết quả",
        "Cử nhân Hành chính học",
    ),
    "dinh": ("Quách Văn Định", "17/05/1980", "Phó Giám đốc Trung tâm", "Thạc sĩ Quản lý công"),
    "trang": (
        "Trịnh Thu Trang", "27/08/1994", "Công chức Văn hoá – Xã hội", "Cử nhân Công tác xã hội",
    ),
    "truong": ("Mai Xuân Trường", "13/01/1976", "Chủ tịch UBND phường", "Thạc sĩ Quản lý kinh tế"),
    "thanh": (
        "Lục Văn Thành", "02/02/1987", "Công chức Văn phòng – Thống kê", "Cử nhân Lưu trữ học",
    ),
    "tuan": ("Nông Văn Tuấn", "06/06/1991", "Công chức Tài chính – Kế toán", "Cử nhân Kế toán"),
    "ngoc": ("Hà Thị Bích Ngọc", "29/09/1982", "Chủ tịch UBND phường", "Thạc sĩ Quản lý công"),
    "hoa": ("Lý Thị Hoa", "15/04/1993", "Công chức Kinh tế", "Kỹ sư Nông học"),
    "lien": ("Hoàng Thị Liên", "03/03/1987", "Công chức Tư pháp – Hộ tịch", "Cử nhân Luật"),
    "quan": (
        "Đào Minh Quân", "12/12/1986", "Chuyên viên Phòng Quản lý hoạt động xây dựng",
        "Kiến trúc sư",
    ),
}
# fmt: on

# --- Dossiers -------------------------------------------------------------------------------------
# authors: (key in AUTHORS, contribution %)
# participants: (full name, position, task in the first application)
# adoptions (rollout): (agency code, "in_progress" | "applied" | "not_applicable", report | reason)

DOSSIERS = [
    # --- Sở Tư pháp -------------------------------------------------------------------------------
    {
        "title": "Cấp Phiếu lý lịch tư pháp qua ứng dụng VNeID và trả kết quả bản điện tử",
        "agency": "STP",
        "by": "staff_tuphap",
        "state": "draft",
        "field": "chuyen_doi_so",
        "applied_days_ago": 35,
        "problem": (
            "Người dân vẫn phải đến Sở Tư pháp nộp tờ khai và nhận Phiếu lý lịch tư pháp bản "
            "giấy; hồ sơ nộp trực tuyến phải kê khai lại thông tin đã có trong Cơ sở dữ liệu "
            "quốc gia về dân cư."
        ),
        "description": (
            "Tích hợp tờ khai yêu cầu cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID, tự động "
            "điền thông tin nhân thân từ dữ liệu dân cư; thanh toán lệ phí trực tuyến; ký số và "
            "trả Phiếu bản điện tử vào kho dữ liệu của công dân trên VNeID."
        ),
        "applicability": "Áp dụng cho toàn bộ hồ sơ cấp Phiếu lý lịch tư pháp số 1 của công dân.",
        "conditions": (
            "Công dân có tài khoản định danh điện tử mức độ 2; Sở có chứng thư số tổ chức."
        ),
        "benefits_author": (
            "Người dân không phải đến trụ sở; giảm khoảng 70% thời gian kê khai, hồ sơ không "
            "phải nhập lại."
        ),
        "benefits_first_adopters": "Giảm tải cho bộ phận tiếp nhận tại Trung tâm PVHCC tỉnh.",
        "authors": [
            ("lan", 70),
            ("hung", 30),
        ],
        "participants": [
            ("Bùi Thị Thanh Hương", "Chuyên viên", "Thử nghiệm tiếp nhận hồ sơ trên VNeID"),
        ],
    },
    {
        "title": (
            "Số hoá sổ hộ tịch lưu trữ giai đoạn 1995–2015 phục vụ cấp bản sao trích lục trực tuyến"
        ),
        "agency": "STP",
        "by": "staff_tuphap",
        "state": "department_review",
        "field": "chuyen_doi_so",
        "applied_days_ago": 120,
        "benefit_amount_vnd": 380_000_000,
        "problem": (
            "Sổ hộ tịch giấy giai đoạn 1995–2015 lưu tại cấp xã bị xuống cấp, khó tra cứu; "
            "việc cấp bản sao trích lục phải chờ tra tìm thủ công từ 3 đến 5 ngày."
        ),
        "description": (
            "Xây dựng quy trình số hoá theo lô: quét sổ, nhập liệu các trường thông tin chính, "
            "đối chiếu hai lần và cập nhật vào Cơ sở dữ liệu hộ tịch điện tử; phân công theo cụm "
            "xã, có phiếu kiểm soát chất lượng từng quyển sổ."
        ),
        "applicability": "Áp dụng được cho 92 xã, phường trong tỉnh sau sắp xếp đơn vị hành chính.",
        "conditions": "Máy quét khổ A3, phần mềm hộ tịch dùng chung, 2 cán bộ nhập liệu mỗi cụm.",
        "benefits_author": (
            "Đã số hoá 41.200 trang sổ; thời gian cấp bản sao trích lục giảm từ 3 ngày xuống "
            "trong ngày."
        ),
        "benefits_first_adopters": "Không còn phải lục tìm sổ gốc khi người dân yêu cầu.",
        "authors": [
            ("lan", 50),
            ("bao", 50),
        ],
        "participants": [
            ("Hà Văn Lợi", "Công chức tư pháp – hộ tịch xã Đại Từ", "Số hoá thí điểm 120 quyển sổ"),
            ("Đặng Thị Thuỳ", "Công chức tư pháp – hộ tịch phường Phổ Yên", "Đối chiếu dữ liệu"),
        ],
    },
    {
        "title": (
            "Thẩm định dự thảo văn bản quy phạm pháp luật bằng phiếu điện tử liên thông trên "
            "hệ thống quản lý văn bản"
        ),
        "agency": "STP",
        "by": "head_tuphap",
        "state": "revision_requested",
        "applied_days_ago": 150,
        "problem": (
            "Hồ sơ đề nghị thẩm định dự thảo văn bản quy phạm pháp luật được gửi bản giấy, "
            "thường thiếu thành phần, phải trả lại nhiều lần."
        ),
        "description": (
            "Ban hành phiếu đề nghị thẩm định điện tử có danh mục thành phần hồ sơ bắt buộc; "
            "cơ quan chủ trì gửi qua hệ thống quản lý văn bản và điều hành; Sở Tư pháp theo dõi "
            "thời hạn 10 ngày và trả báo cáo thẩm định có ký số."
        ),
        "applicability": "Áp dụng với mọi dự thảo nghị quyết, quyết định quy phạm cấp tỉnh.",
        "conditions": "Các sở, ngành sử dụng chung hệ thống quản lý văn bản và điều hành của tỉnh.",
        "benefits_author": "Tỷ lệ hồ sơ phải trả lại giảm từ 35% xuống 8%.",
        "benefits_first_adopters": "Rút ngắn bình quân 4 ngày cho mỗi hồ sơ thẩm định.",
        "authors": [
            ("hung", 40),
            ("phuong", 60),
        ],
        "participants": [],
    },
    {
        "title": (
            "Bộ công cụ tính chi phí tuân thủ để rà soát, đơn giản hoá thủ tục hành chính "
            "lĩnh vực tư pháp"
        ),
        "agency": "STP",
        "by": "staff_tuphap",
        "state": "council_review",
        "applied_days_ago": 200,
        "benefit_amount_vnd": 1_250_000_000,
        "problem": (
            "Việc rà soát thủ tục hành chính chủ yếu định tính, chưa lượng hoá được chi phí "
            "người dân bỏ ra nên khó chọn thủ tục ưu tiên cắt giảm."
        ),
        "description": (
            "Bảng tính theo phương pháp của Nghị định 63/2010/NĐ-CP, có sẵn danh mục thủ tục "
            "tư pháp, thời gian, số lần đi lại, phí, lệ phí; tự tính chi phí tuân thủ trước và "
            "sau phương án đơn giản hoá."
        ),
        "applicability": "Dùng được cho các sở, ngành khi rà soát thủ tục hành chính hằng năm.",
        "conditions": "Cán bộ đầu mối kiểm soát thủ tục hành chính được tập huấn 1 buổi.",
        "benefits_author": (
            "Đề xuất cắt giảm 12 thủ tục, tiết kiệm ước tính 1,25 tỷ đồng/năm chi phí tuân thủ."
        ),
        "benefits_first_adopters": "Báo cáo rà soát có số liệu, được UBND tỉnh phê duyệt nhanh.",
        "confidential_info": "Bảng tính có công thức trọng số nội bộ, chưa công bố.",
        "authors": [
            ("lan", 35),
            ("thang", 35),
            ("hung", 30),
        ],
        "participants": [
            ("Ma Thị Kim Oanh", "Chuyên viên Sở Nội vụ", "Đối chiếu danh mục thủ tục"),
        ],
        "then": ("sheets", {"submitted": ["council1", "council2"]}),
    },
    {
        "title": (
            "Rút ngắn thời hạn cấp Phiếu lý lịch tư pháp từ 10 xuống 6 ngày làm việc nhờ "
            "tra cứu liên thông dữ liệu"
        ),
        "agency": "STP",
        "by": "head_tuphap",
        "state": "awaiting_decision",
        "applied_days_ago": 240,
        "scores": HIGH_SCORES,
        "problem": (
            "Việc xác minh án tích phải gửi văn bản giấy tới Công an tỉnh và Toà án, thời gian "
            "chờ chiếm phần lớn thời hạn 10 ngày làm việc."
        ),
        "description": (
            "Thiết lập kênh tra cứu, xác minh điện tử có ký số giữa Sở Tư pháp, Công an tỉnh và "
            "Toà án nhân dân tỉnh; chuẩn hoá mẫu phiếu xác minh; theo dõi thời hạn trên phần mềm."
        ),
        "applicability": "Toàn bộ hồ sơ cấp Phiếu lý lịch tư pháp tại tỉnh.",
        "conditions": "Quy chế phối hợp giữa ba cơ quan; tài khoản trên hệ thống văn bản điện tử.",
        "benefits_author": "Thời gian giải quyết bình quân giảm từ 9,2 xuống 5,6 ngày làm việc.",
        "benefits_first_adopters": "Tỷ lệ hồ sơ trả đúng hẹn đạt 100% trong 6 tháng áp dụng.",
        "authors": [
            ("hung", 60),
            ("bao", 40),
        ],
        "participants": [
            ("Triệu Văn Khoa", "Cán bộ Phòng Hồ sơ Công an tỉnh", "Xác minh điện tử thí điểm"),
        ],
    },
    {
        "title": (
            "Sổ tay hướng dẫn thủ tục hộ tịch cho công chức tư pháp – hộ tịch sau sắp xếp "
            "chính quyền địa phương hai cấp"
        ),
        "agency": "STP",
        "by": "staff_tuphap",
        "state": "recognized",
        "applied_days_ago": 300,
        "problem": (
            "Sau sắp xếp, nhiều công chức tư pháp – hộ tịch mới đảm nhiệm, lúng túng khi giải "
            "quyết các trường hợp hộ tịch có yếu tố nước ngoài và đăng ký lại."
        ),
        "description": (
            "Biên soạn sổ tay 46 tình huống thường gặp kèm sơ đồ quy trình, mẫu biểu và căn cứ "
            "pháp lý; bản điện tử tra cứu bằng mã QR, cập nhật khi văn bản thay đổi."
        ),
        "applicability": "Dùng cho công chức tư pháp – hộ tịch của 92 xã, phường.",
        "conditions": "Không cần đầu tư thiết bị; cập nhật định kỳ 6 tháng.",
        "benefits_author": "Giảm 60% số câu hỏi nghiệp vụ gửi về Sở; hạn chế sai sót khi đăng ký.",
        "benefits_first_adopters": "Công chức mới tự xử lý được phần lớn tình huống.",
        "authors": [
            ("lan", 100),
        ],
        "participants": [
            ("Đặng Thị Thuỳ", "Công chức tư pháp – hộ tịch phường Phổ Yên", "Dùng thử sổ tay"),
        ],
        "then": ("adopt_voluntary", "staff_daitu"),
    },
    {
        "title": "Chứng thực bản sao điện tử từ bản chính tại bộ phận một cửa cấp xã",
        "agency": "STP",
        "by": "head_tuphap",
        "state": "rollout",
        "applied_days_ago": 320,
        "benefit_amount_vnd": 2_100_000_000,
        "rollout": STP_ROLLOUT,
        "problem": (
            "Người dân phải chứng thực nhiều bản sao giấy cho mỗi thủ tục, tốn chi phí đi lại "
            "và lệ phí; bản sao giấy không dùng được khi nộp hồ sơ trực tuyến."
        ),
        "description": (
            "Quy trình chứng thực bản sao điện tử từ bản chính theo Nghị định 45/2020/NĐ-CP: "
            "quét bản chính, đối chiếu, ký số của người có thẩm quyền, lưu vào kho dữ liệu của "
            "công dân để dùng lại cho nhiều thủ tục."
        ),
        "applicability": "Áp dụng tại bộ phận một cửa của tất cả UBND cấp xã.",
        "conditions": "Máy quét, chữ ký số của lãnh đạo UBND xã, tài khoản Hệ thống chứng thực.",
        "benefits_author": "Mỗi năm tiết kiệm ước tính 2,1 tỷ đồng chi phí sao y, đi lại.",
        "benefits_first_adopters": "Bản sao điện tử được dùng lại cho trung bình 3 thủ tục.",
        "authors": [
            ("hung", 50),
            ("lan", 50),
        ],
        "participants": [
            ("Đặng Thị Thuỳ", "Công chức tư pháp – hộ tịch phường Phổ Yên", "Áp dụng thí điểm"),
        ],
        "adoptions": [
            (
                "UBND-PHOYEN",
                "applied",
                {
                    "result_summary": "Đã chứng thực điện tử 1.240 bản sao; 85% hồ sơ trực tuyến "
                    "dùng bản sao điện tử.",
                    "processing_days_before": "1",
                    "processing_days_after": "0.5",
                    "dossiers_handled": 1240,
                    "cost_saved_vnd": 62_000_000,
                },
            ),
            (
                "UBND-SONGCONG",
                "in_progress",
                {
                    "result_summary": "Đã cấp chữ ký số cho lãnh đạo, đang tập huấn một cửa.",
                    "dossiers_handled": 180,
                },
            ),
            ("UBND-DAITU", "in_progress", None),
        ],
    },
    {
        "title": (
            "Hướng dẫn liên thông điện tử đăng ký khai sinh – đăng ký thường trú – cấp thẻ "
            "bảo hiểm y tế cho trẻ em dưới 6 tuổi tại cấp xã"
        ),
        "agency": "STP",
        "by": "staff_tuphap",
        "state": "rollout",
        "applied_days_ago": 330,
        "scores": HIGH_SCORES,
        "rollout": ["UBND-PHOYEN", "UBND-PHANDINHPHUNG"],
        "problem": (
            "Tỷ lệ hồ sơ liên thông khai sinh nộp trực tuyến thấp do người dân và cán bộ cấp xã "
            "chưa nắm quy trình, nhiều hồ sơ bị từ chối vì sai thông tin."
        ),
        "description": (
            "Bộ hướng dẫn từng bước có ảnh chụp màn hình, video ngắn và danh sách lỗi thường gặp; "
            "tổ công tác của Sở hỗ trợ trực tiếp 2 tuần đầu tại mỗi xã."
        ),
        "applicability": "Áp dụng tại tất cả UBND cấp xã.",
        "conditions": "Cán bộ một cửa được tập huấn; có màn hình hướng dẫn tại khu vực chờ.",
        "benefits_author": "Tỷ lệ hồ sơ liên thông trực tuyến tăng từ 22% lên 78%.",
        "benefits_first_adopters": "Số hồ sơ bị từ chối do sai thông tin giảm 5 lần.",
        "authors": [
            ("bao", 60),
            ("lan", 40),
        ],
        "participants": [],
        "adoptions": [
            (
                "UBND-PHOYEN",
                "applied",
                {
                    "result_summary": "Toàn bộ hồ sơ khai sinh được liên thông trực tuyến.",
                    "processing_days_before": "5",
                    "processing_days_after": "2",
                    "dossiers_handled": 412,
                },
            ),
            (
                "UBND-PHANDINHPHUNG",
                "applied",
                {
                    "result_summary": "Đạt 91% hồ sơ liên thông nộp trực tuyến.",
                    "processing_days_before": "5",
                    "processing_days_after": "2",
                    "dossiers_handled": 530,
                    "cost_saved_vnd": 15_900_000,
                },
            ),
        ],
        "then": ("close_rollout", "Các đơn vị được giao đều đã áp dụng và báo cáo kết quả."),
    },
    {
        "title": "Phần mềm quản lý đội ngũ hoà giải viên ở cơ sở",
        "agency": "STP",
        "by": "staff_tuphap",
        "state": "department_review",
        "applied_days_ago": 60,
        "problem": "Danh sách hoà giải viên ở các tổ hoà giải chưa được cập nhật sau sáp nhập.",
        "description": (
            "Bảng tính trực tuyến dùng chung để các xã cập nhật danh sách hoà giải viên, số vụ "
            "việc hoà giải thành, không thành."
        ),
        "applicability": "Các xã, phường có tổ hoà giải.",
        "conditions": "Có tài khoản dùng chung.",
        "benefits_author": "Dự kiến giảm thời gian tổng hợp báo cáo.",
        "benefits_first_adopters": "",
        "authors": [
            ("thang", 100),
        ],
        "participants": [],
        "then": (
            "reject",
            {
                "grounds": ["not_a_solution"],
                "comment": (
                    "Nội dung đơn là việc dùng chung một bảng tính để tổng hợp số liệu báo cáo, "
                    "không phải là giải pháp kỹ thuật, giải pháp quản lý, giải pháp tác nghiệp "
                    "hay giải pháp ứng dụng tiến bộ kỹ thuật theo Điều 3 Nghị định "
                    "13/2012/NĐ-CP."
                ),
            },
        ),
    },
    {
        "title": (
            "Liên thông đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ "
            "dưới 6 tuổi trên một phiếu điện tử"
        ),
        "agency": "STP",
        "by": "staff_tuphap",
        # Refused as a duplicate; the head of the Department of Justice appealed: the appeal
        # waits for the reviewer.
        "state": "refused",
        "field": "chuyen_doi_so",
        "applied_days_ago": 150,
        "problem": (
            "Cha mẹ phải khai ba lần cùng một thông tin cho ba thủ tục đăng ký khai sinh, "
            "thường trú và cấp thẻ bảo hiểm y tế của trẻ."
        ),
        "description": (
            "Một phiếu điện tử dùng chung trên Cổng dịch vụ công: công chức tư pháp – hộ tịch "
            "tiếp nhận, chuyển dữ liệu sang công an và bảo hiểm xã hội, trả ba kết quả cùng lúc."
        ),
        "applicability": "Tất cả UBND cấp xã trong tỉnh.",
        "conditions": "Kết nối Cơ sở dữ liệu hộ tịch điện tử với hệ thống của công an, BHXH.",
        "benefits_author": "Thời gian giải quyết giảm từ 7 ngày xuống 2 ngày làm việc.",
        "benefits_first_adopters": "Người dân chỉ khai một lần.",
        "authors": [
            ("bao", 60),
            ("lan", 40),
        ],
        "participants": [],
        "then": (
            "appeal",
            {
                "by": "head_tuphap",
                "grounds": (
                    "Giải pháp khác với sáng kiến đã được công nhận: liên thông ba thủ tục trên "
                    "một phiếu, không chỉ cấp bản sao điện tử. Đề nghị xem xét lại quyết định từ "
                    "chối chấp nhận đơn."
                ),
            },
        ),
    },
    {
        "title": "Tra cứu tiến độ giải quyết hồ sơ lý lịch tư pháp qua tin nhắn Zalo",
        "agency": "STP",
        "by": "staff_tuphap",
        # Refused, appealed, and the refusal upheld: the outcome is final.
        "state": "refused",
        "applied_days_ago": 200,
        "problem": "Người dân phải gọi điện hỏi tiến độ cấp Phiếu lý lịch tư pháp.",
        "description": "Gửi tin nhắn Zalo tự động khi hồ sơ chuyển bước xử lý.",
        "applicability": "Sở Tư pháp.",
        "conditions": "Tài khoản Zalo OA của Sở.",
        "benefits_author": "Giảm 60% cuộc gọi hỏi tiến độ.",
        "benefits_first_adopters": "",
        "authors": [
            ("lan", 100),
        ],
        "participants": [],
        "then": (
            "appeal",
            {
                "by": "head_tuphap",
                "grounds": "Đề nghị xem xét lại: tính năng tin nhắn Zalo là giải pháp mới.",
                "resolution": (
                    "upheld",
                    "Tính năng thông báo tiến độ qua tin nhắn đã được triển khai chung trên Cổng "
                    "dịch vụ công quốc gia; giữ nguyên quyết định từ chối chấp nhận đơn.",
                ),
            },
        ),
    },
    # --- UBND phường Phổ Yên ----------------------------------------------------------------------
    {
        "title": (
            "Nhắc lịch hẹn trả kết quả thủ tục hành chính qua Zalo OA của UBND phường Phổ Yên"
        ),
        "agency": "UBND-PHOYEN",
        "by": "staff_phoyen",
        "state": "draft",
        "field": "chuyen_doi_so",
        "applied_days_ago": 25,
        "problem": "Nhiều người dân quên ngày hẹn, đến sớm hoặc không đến nhận kết quả.",
        "description": (
            "Khi tiếp nhận, cán bộ một cửa đăng ký số điện thoại của người nộp vào Zalo OA của "
            "phường; hệ thống gửi tin nhắn khi hồ sơ có kết quả và nhắc lại sau 3 ngày."
        ),
        "applicability": "Áp dụng được ở mọi bộ phận một cửa cấp xã.",
        "conditions": "Tài khoản Zalo OA đã xác thực của UBND phường.",
        "benefits_author": "",
        "benefits_first_adopters": "",
        "authors": [
            ("duc", 100),
        ],
        "participants": [],
    },
    {
        "title": (
            "Tổ hỗ trợ số tại bộ phận một cửa phường hướng dẫn người dân nộp hồ sơ dịch vụ "
            "công trực tuyến toàn trình"
        ),
        "agency": "UBND-PHOYEN",
        "by": "staff_phoyen",
        "state": "revision_requested",
        "applied_days_ago": 180,
        "problem": (
            "Tỷ lệ hồ sơ trực tuyến toàn trình của phường chỉ đạt 18%; người cao tuổi và lao "
            "động tự do không biết cách tạo tài khoản, ký số, thanh toán trực tuyến."
        ),
        "description": (
            "Thành lập Tổ hỗ trợ số gồm đoàn viên thanh niên và cán bộ một cửa, trực tại khu vực "
            "chờ; hướng dẫn người dân tự nộp hồ sơ trên điện thoại của mình thay vì nộp giấy."
        ),
        "applicability": "Phù hợp với các phường, xã đông dân cư.",
        "conditions": "Wi-Fi miễn phí tại bộ phận một cửa; 2–3 tình nguyện viên mỗi ngày.",
        "benefits_author": "Tỷ lệ hồ sơ trực tuyến toàn trình tăng lên 64% sau 5 tháng.",
        "benefits_first_adopters": "Giảm thời gian chờ tại quầy, người dân tự theo dõi hồ sơ.",
        "authors": [
            ("duc", 55),
            ("khanh", 45),
        ],
        "participants": [
            ("Chu Thị Ngọc Ánh", "Bí thư Đoàn phường", "Điều phối tình nguyện viên"),
        ],
        "then": (
            "resubmit",
            "Đã bổ sung số liệu hồ sơ trực tuyến từng tháng và biên bản họp "
            "hội đồng sáng kiến cơ sở.",
        ),
    },
    {
        "title": (
            "Số hoá hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực đất đai ngay khi "
            "tiếp nhận tại bộ phận một cửa phường"
        ),
        "agency": "UBND-PHOYEN",
        "by": "head_phoyen",
        "state": "council_review",
        "applied_days_ago": 210,
        "problem": (
            "Hồ sơ đất đai chuyển giấy giữa bộ phận một cửa, công chức địa chính và Chi nhánh "
            "Văn phòng đăng ký đất đai, dễ thất lạc và khó theo dõi."
        ),
        "description": (
            "Quét và ký số thành phần hồ sơ ngay tại quầy, luân chuyển hoàn toàn trên Hệ thống "
            "thông tin giải quyết thủ tục hành chính; kết quả được số hoá trước khi trả."
        ),
        "applicability": "Các xã, phường có nhiều hồ sơ đất đai.",
        "conditions": "Máy quét tốc độ cao; phân quyền ký số cho công chức địa chính.",
        "benefits_author": "Không thất lạc hồ sơ; thời gian luân chuyển nội bộ giảm 2 ngày.",
        "benefits_first_adopters": "Người dân tra cứu được tiến độ từng bước.",
        "authors": [
            ("khanh", 40),
            ("chien", 60),
        ],
        "participants": [],
        "then": (
            "request_revision",
            (
                "Hội đồng đề nghị bổ sung: (1) số liệu hồ sơ đất đai trước và sau khi áp dụng; "
                "(2) ý kiến của Chi nhánh Văn phòng đăng ký đất đai về việc luân chuyển điện tử."
            ),
        ),
    },
    {
        "title": "Mô hình “Một cửa không chờ”: đặt lịch hẹn trực tuyến tại UBND phường Phổ Yên",
        "agency": "UBND-PHOYEN",
        "by": "staff_phoyen",
        "state": "council_review",
        "applied_days_ago": 160,
        "benefit_amount_vnd": 240_000_000,
        "problem": "Giờ cao điểm, người dân chờ trung bình 45 phút để được tiếp nhận hồ sơ.",
        "description": (
            "Người dân đặt lịch qua Cổng dịch vụ công hoặc mã QR niêm yết tại tổ dân phố, chọn "
            "khung 15 phút; quầy ưu tiên người có lịch hẹn; ki-ốt gọi số tự động."
        ),
        "applicability": "Áp dụng được ở tất cả bộ phận một cửa cấp xã và Trung tâm PVHCC.",
        "conditions": "Phần mềm đặt lịch dùng chung của tỉnh; màn hình gọi số.",
        "benefits_author": "Thời gian chờ bình quân giảm còn 8 phút.",
        "benefits_first_adopters": "Mức độ hài lòng tăng từ 86% lên 97%.",
        "authors": [
            ("duc", 70),
            ("khanh", 30),
        ],
        "participants": [
            ("Đặng Thị Thuỳ", "Công chức tư pháp – hộ tịch", "Tiếp nhận theo lịch hẹn"),
        ],
        "then": ("sheets", {"submitted": ["council1"], "drafts": ["council2"]}),
    },
    {
        "title": (
            "Tra cứu tình trạng hồ sơ thủ tục hành chính bằng mã QR in trên giấy tiếp nhận "
            "và hẹn trả kết quả"
        ),
        "agency": "UBND-PHOYEN",
        "by": "staff_phoyen",
        "state": "recognized",
        # The council did not recommend it; the leader recognized it with a written reason.
        "scores": LOW_SCORES,
        "decision_reason": (
            "Giải pháp không phát sinh chi phí, đã giảm 75% cuộc gọi hỏi tiến độ tại phường Phổ "
            "Yên và áp dụng được ngay trên hệ thống dùng chung của tỉnh; công nhận để nhân rộng."
        ),
        "field": "chuyen_doi_so",
        "applied_days_ago": 270,
        "benefit_amount_vnd": 95_000_000,
        "problem": (
            "Người dân phải gọi điện hoặc đến trụ sở hỏi tiến độ hồ sơ; cán bộ một cửa mất nhiều "
            "thời gian trả lời."
        ),
        "description": (
            "Giấy tiếp nhận in kèm mã QR dẫn tới trang tra cứu tiến độ của hồ sơ trên Cổng dịch "
            "vụ công; quét bằng camera điện thoại, không cần đăng nhập."
        ),
        "applicability": "Áp dụng ngay cho mọi đơn vị dùng Hệ thống giải quyết TTHC của tỉnh.",
        "conditions": "Cấu hình mẫu giấy tiếp nhận trên hệ thống; không phát sinh chi phí.",
        "benefits_author": "Số cuộc gọi hỏi tiến độ giảm 75%.",
        "benefits_first_adopters": "Người dân chủ động theo dõi, đến nhận đúng hẹn.",
        "authors": [
            ("duc", 100),
        ],
        "participants": [],
        "then": ("adopt_voluntary", "staff_songcong"),
    },
    {
        "title": (
            "Chuyển đổi hệ thống quản lý chất lượng của UBND cấp xã từ TCVN ISO 9001:2008 sang "
            "TCVN ISO 9001:2015 gắn với môi trường điện tử"
        ),
        "agency": "UBND-PHOYEN",
        "by": "head_phoyen",
        "state": "rollout",
        "applied_days_ago": 340,
        "benefit_amount_vnd": 450_000_000,
        "scores": HIGH_SCORES,
        "rollout": ["UBND-PHANDINHPHUNG", "UBND-SONGCONG", "UBND-DAITU"],
        "problem": (
            "Hệ thống quản lý chất lượng của nhiều xã vẫn theo TCVN ISO 9001:2008, hồ sơ ISO "
            "giấy trùng lặp với quy trình điện tử trên Hệ thống giải quyết thủ tục hành chính."
        ),
        "description": (
            "Bộ tài liệu mẫu theo TCVN ISO 9001:2015 dành cho UBND cấp xã: bối cảnh tổ chức, "
            "quản lý rủi ro, quy trình nội bộ được số hoá, biểu mẫu điện tử, kế hoạch đánh giá "
            "nội bộ; hướng dẫn chuyển đổi trong 3 tháng."
        ),
        "applicability": "Áp dụng cho toàn bộ UBND cấp xã trong tỉnh.",
        "conditions": "Ban chỉ đạo ISO của xã; 1 đợt tư vấn, đánh giá nội bộ.",
        "benefits_author": (
            "Giảm 40% biểu mẫu giấy; rút ngắn thời gian chuyển đổi từ 9 còn 3 tháng."
        ),
        "benefits_first_adopters": "Đạt đánh giá nội bộ lần đầu, không có điểm không phù hợp lớn.",
        "authors": [
            ("khanh", 50),
            ("duc", 30),
            ("yen", 20),
        ],
        "participants": [
            ("Hứa Văn Chiến", "Công chức Địa chính – Xây dựng", "Quy trình lĩnh vực đất đai"),
        ],
        "adoptions": [
            (
                "UBND-PHANDINHPHUNG",
                "applied",
                {
                    "result_summary": "Đã công bố hệ thống QLCL theo TCVN ISO 9001:2015.",
                    "dossiers_handled": 64,
                    "cost_saved_vnd": 30_000_000,
                },
            ),
            (
                "UBND-SONGCONG",
                "applied",
                {
                    "result_summary": "Hoàn thành chuyển đổi; 58 quy trình nội bộ được số hoá.",
                    "dossiers_handled": 58,
                },
            ),
            (
                "UBND-DAITU",
                "in_progress",
                {
                    "result_summary": "Đang xây dựng tài liệu, dự kiến công bố trong quý tới.",
                },
            ),
        ],
        "then": ("close_rollout", "Kết thúc đợt nhân rộng; xã Đại Từ tiếp tục báo cáo riêng."),
    },
    {
        "title": "Bảng điện tử công khai tiến độ giải quyết hồ sơ tại nhà văn hoá tổ dân phố",
        "agency": "UBND-PHOYEN",
        "by": "staff_phoyen",
        "state": "awaiting_decision",
        "applied_days_ago": 230,
        "scores": LOW_SCORES,
        "problem": "Người dân ở tổ dân phố xa trụ sở khó nắm được tiến độ hồ sơ.",
        "description": (
            "Lắp màn hình LED tại 4 nhà văn hoá, hiển thị danh sách hồ sơ đã có kết quả."
        ),
        "applicability": "Các tổ dân phố có nhà văn hoá và đường truyền Internet.",
        "conditions": "Kinh phí mua màn hình khoảng 35 triệu đồng/điểm.",
        "benefits_author": "Người dân biết hồ sơ đã có kết quả mà không cần đến trụ sở.",
        "benefits_first_adopters": "",
        "authors": [
            ("duc", 100),
        ],
        "participants": [],
        "then": (
            "decline",
            (
                "Hội đồng không đề nghị công nhận: giải pháp chủ yếu là đầu tư thiết bị, "
                "trùng chức năng công khai tiến độ đã có trên Cổng dịch vụ công và mã QR tra cứu."
            ),
        ),
    },
    {
        "title": "Số hoá hồ sơ đất đai và trả kết quả đo đạc qua mã QR tại UBND phường Phổ Yên",
        "agency": "UBND-PHOYEN",
        "by": "staff_phoyen",
        # Not recognized after the council; the chairman of the ward appealed: the appeal waits
        # for the provincial leadership.
        "state": "rejected",
        "applied_days_ago": 240,
        "problem": "Hồ sơ đo đạc địa chính lưu giấy, người dân phải đến nhận kết quả trực tiếp.",
        "description": (
            "Quét và gắn mã QR cho hồ sơ đo đạc; người dân tra cứu và nhận bản điện tử kết quả."
        ),
        "applicability": "Các phường có khối lượng hồ sơ đất đai lớn.",
        "conditions": "Máy quét, phần mềm quản lý hồ sơ địa chính của phường.",
        "benefits_author": "Giảm 2 lượt đi lại cho mỗi hồ sơ đo đạc.",
        "benefits_first_adopters": "Tra cứu hồ sơ cũ trong vài phút.",
        "authors": [
            ("chien", 70),
            ("duc", 30),
        ],
        "participants": [],
        "then": (
            "appeal",
            {
                "by": "head_phoyen",
                "grounds": (
                    "Số liệu hiệu quả đã được bổ sung sau 6 tháng áp dụng (1.240 hồ sơ); đề nghị "
                    "Hội đồng đánh giá lại."
                ),
            },
        ),
    },
    # --- Trung tâm Phục vụ hành chính công tỉnh ---------------------------------------------------
    {
        "title": (
            "Phân luồng hồ sơ tại Trung tâm Phục vụ hành chính công bằng ki-ốt lấy số thứ tự "
            "theo lĩnh vực"
        ),
        "agency": "TTPVHCC",
        "by": "staff_ttpvhcc",
        "state": "department_review",
        "applied_days_ago": 90,
        "problem": (
            "Người dân xếp hàng sai quầy, quầy lĩnh vực đất đai quá tải trong khi quầy khác vắng."
        ),
        "description": (
            "Ki-ốt hỏi 2–3 câu để xác định lĩnh vực, in số thứ tự kèm quầy phục vụ; phần mềm tự "
            "điều chuyển số sang quầy dự phòng khi hàng chờ vượt 10 người."
        ),
        "applicability": "Trung tâm PVHCC tỉnh và bộ phận một cửa các phường lớn.",
        "conditions": (
            "Ki-ốt, phần mềm xếp hàng có API; cán bộ quầy dự phòng được đào tạo đa lĩnh vực."
        ),
        "benefits_author": "Thời gian chờ lớn nhất giảm từ 70 xuống 25 phút.",
        "benefits_first_adopters": "Phân bổ công việc giữa các quầy đều hơn.",
        "authors": [
            ("nhung", 60),
            ("dinh", 40),
        ],
        "participants": [],
    },
    {
        "title": "Trợ lý ảo hỏi đáp thủ tục hành chính trên Cổng dịch vụ công tỉnh Thái Nguyên",
        "agency": "TTPVHCC",
        "by": "staff_ttpvhcc",
        "state": "council_review",
        "field": "chuyen_doi_so",
        "applied_days_ago": 140,
        "benefit_amount_vnd": 520_000_000,
        "problem": "Tổng đài hỗ trợ quá tải; 60% câu hỏi lặp lại về thành phần hồ sơ, phí, lệ phí.",
        "description": (
            "Trợ lý ảo trả lời theo bộ thủ tục hành chính đã công bố của tỉnh, dẫn link nộp hồ "
            "sơ trực tuyến; câu hỏi chưa trả lời được chuyển cho cán bộ trong giờ hành chính."
        ),
        "applicability": "Cổng dịch vụ công và trang thông tin của các sở, xã.",
        "conditions": "Dữ liệu thủ tục hành chính được chuẩn hoá; cán bộ cập nhật câu trả lời.",
        "benefits_author": "Trả lời tự động 78% câu hỏi; cuộc gọi tới tổng đài giảm một nửa.",
        "benefits_first_adopters": "Người dân được trả lời ngoài giờ hành chính.",
        "confidential_info": "Tài khoản quản trị và cấu hình mô hình ngôn ngữ của nhà cung cấp.",
        "authors": [
            ("dinh", 50),
            ("nhung", 50),
        ],
        "participants": [
            ("Lâm Đức Huy", "Kỹ sư Trung tâm CNTT", "Tích hợp với Cổng dịch vụ công"),
        ],
    },
    {
        "title": (
            "Quy trình số hoá hồ sơ và trả kết quả điện tử tại Bộ phận Một cửa theo Nghị định "
            "107/2021/NĐ-CP"
        ),
        "agency": "TTPVHCC",
        "by": "staff_ttpvhcc",
        "state": "rollout",
        "applied_days_ago": 310,
        "benefit_amount_vnd": 1_600_000_000,
        "rollout": [
            "UBND-PHOYEN",
            "UBND-PHANDINHPHUNG",
            "UBND-SONGCONG",
            "UBND-BACKAN",
            "UBND-DUCXUAN",
            "UBND-CHOMOI",
        ],
        "problem": (
            "Tỷ lệ số hoá hồ sơ, kết quả giải quyết thủ tục hành chính còn thấp, kết quả số hoá "
            "không được tái sử dụng nên người dân vẫn phải nộp lại giấy tờ."
        ),
        "description": (
            "Quy trình 5 bước: tiếp nhận – quét – bóc tách dữ liệu – ký số – lưu kho dữ liệu; "
            "kiểm tra tái sử dụng kết quả đã số hoá trước khi yêu cầu người dân nộp giấy; bảng "
            "theo dõi tỷ lệ số hoá theo từng quầy."
        ),
        "applicability": "Bộ phận một cửa các cấp trong tỉnh.",
        "conditions": (
            "Máy quét, chữ ký số cho cán bộ một cửa, kho dữ liệu điện tử của tổ chức, cá nhân."
        ),
        "benefits_author": (
            "Tỷ lệ số hoá kết quả đạt 100%; 30% hồ sơ tái sử dụng dữ liệu đã số hoá."
        ),
        "benefits_first_adopters": "Giảm giấy tờ phải nộp, tiết kiệm chi phí sao chụp.",
        "authors": [
            ("nhung", 100),
        ],
        "participants": [],
        "adoptions": [
            (
                "UBND-PHANDINHPHUNG",
                "applied",
                {
                    "result_summary": "100% hồ sơ tiếp nhận được số hoá; tái sử dụng 412 kết quả.",
                    "processing_days_before": "3",
                    "processing_days_after": "2",
                    "dossiers_handled": 2150,
                    "cost_saved_vnd": 43_000_000,
                },
            ),
            (
                "UBND-PHOYEN",
                "in_progress",
                {
                    "result_summary": "Đã số hoá 72% hồ sơ tiếp nhận trong tháng.",
                    "dossiers_handled": 860,
                },
            ),
        ],
    },
    {
        "title": "Đánh giá mức độ hài lòng của người dân bằng máy tính bảng tại quầy tiếp nhận",
        "agency": "TTPVHCC",
        "by": "staff_ttpvhcc",
        "state": "withdrawn",
        "applied_days_ago": 70,
        "problem": "Phiếu khảo sát giấy ít được người dân điền, số liệu tổng hợp chậm.",
        "description": "Đặt máy tính bảng tại mỗi quầy, người dân chấm điểm sau khi được phục vụ.",
        "applicability": "Trung tâm PVHCC và bộ phận một cửa cấp xã.",
        "conditions": "Máy tính bảng, phần mềm khảo sát.",
        "benefits_author": "Số lượt đánh giá tăng gấp 6 lần.",
        "benefits_first_adopters": "",
        "authors": [
            ("nhung", 100),
        ],
        "participants": [],
    },
    # --- UBND phường Phan Đình Phùng --------------------------------------------------------------
    {
        "title": (
            "Đoàn viên thanh niên hỗ trợ người cao tuổi nộp hồ sơ dịch vụ công trực tuyến "
            "toàn trình tại nhà"
        ),
        "agency": "UBND-PHANDINHPHUNG",
        "by": "staff_phandinhphung",
        "state": "revision_requested",
        "applied_days_ago": 100,
        "problem": (
            "Người cao tuổi, người khuyết tật khó đến trụ sở và không tự nộp hồ sơ trực tuyến."
        ),
        "description": (
            "Người dân gọi đường dây nóng hoặc báo tổ trưởng tổ dân phố; đoàn viên đến tận nhà "
            "hỗ trợ nộp hồ sơ trực tuyến toàn trình bằng tài khoản định danh của chính người dân."
        ),
        "applicability": "Các phường, xã có tổ chức Đoàn cơ sở.",
        "conditions": "Đoàn viên được tập huấn; điện thoại thông minh có kết nối 4G.",
        "benefits_author": "Đã hỗ trợ 326 lượt hồ sơ, chủ yếu chế độ chính sách và hộ tịch.",
        "benefits_first_adopters": "Người cao tuổi không phải đi lại.",
        "authors": [
            ("trang", 60),
            ("truong", 40),
        ],
        "participants": [
            ("Nguyễn Hải Đăng", "Bí thư Đoàn phường", "Tổ chức đội hình tình nguyện"),
        ],
    },
    {
        "title": (
            "Quản lý văn bản đi – đến và hồ sơ công việc hoàn toàn điện tử tại UBND phường "
            "Phan Đình Phùng"
        ),
        "agency": "UBND-PHANDINHPHUNG",
        "by": "head_phandinhphung",
        "state": "awaiting_decision",
        "field": "chuyen_doi_so",
        "applied_days_ago": 260,
        "benefit_amount_vnd": 180_000_000,
        "problem": (
            "Sau sáp nhập, lượng văn bản của phường tăng gấp ba; văn bản giấy và điện tử song "
            "song gây chậm trễ, khó lập hồ sơ công việc."
        ),
        "description": (
            "Quy định 100% văn bản đi ký số, văn bản đến chỉ xử lý trên hệ thống quản lý văn bản "
            "và điều hành; lập hồ sơ công việc điện tử theo danh mục; lưu trữ điện tử theo "
            "Nghị định 30/2020/NĐ-CP."
        ),
        "applicability": "Tất cả UBND cấp xã và các cơ quan chuyên môn.",
        "conditions": "Chữ ký số cá nhân cho công chức; danh mục hồ sơ được phê duyệt.",
        "benefits_author": "Tiết kiệm 180 triệu đồng/năm chi phí in ấn, gửi văn bản.",
        "benefits_first_adopters": "Thời gian xử lý văn bản đến giảm từ 2,5 còn 1 ngày.",
        "authors": [
            ("truong", 50),
            ("trang", 20),
            ("thanh", 30),
        ],
        "participants": [],
    },
    {
        "title": (
            "Ký số cá nhân cho cán bộ bộ phận một cửa để trả kết quả điện tử có giá trị pháp lý"
        ),
        "agency": "UBND-PHANDINHPHUNG",
        "by": "staff_phandinhphung",
        "state": "rollout",
        "applied_days_ago": 280,
        "rollout": ["UBND-GIASANG", "UBND-QUYETTHANG", "UBND-PHOYEN", "UBND-SONGCONG"],
        "problem": "Kết quả điện tử phải chờ lãnh đạo ký số, nhiều hồ sơ đơn giản bị chậm.",
        "description": (
            "Phân cấp cho cán bộ một cửa ký số sao y kết quả điện tử theo quy chế của UBND phường; "
            "nhật ký ký số được kiểm tra hằng tuần."
        ),
        "applicability": "Các UBND cấp xã đã cấp chữ ký số cá nhân cho công chức.",
        "conditions": "Quy chế phân cấp ký; chữ ký số cá nhân.",
        "benefits_author": "Hồ sơ đơn giản được trả kết quả điện tử trong ngày.",
        "benefits_first_adopters": "Lãnh đạo phường giảm khối lượng ký sao y.",
        "authors": [
            ("trang", 50),
            ("thanh", 50),
        ],
        "participants": [],
        "adoptions": [
            (
                "UBND-PHOYEN",
                "in_progress",
                {
                    "result_summary": "Đã ban hành quy chế phân cấp ký, chờ cấp chữ ký số cá nhân.",
                },
            ),
            (
                "UBND-SONGCONG",
                "not_applicable",
                "Phường đã giao lãnh đạo ký số trực tiếp trên hệ thống, thời gian trả kết quả đã "
                "trong ngày; không cần phân cấp thêm.",
            ),
        ],
        "then": (
            "revoke",
            {
                "number": "215/QĐ-UBND",
                "reason": "Việc phân cấp ký số sao y trái quy định về thẩm quyền ký văn bản; "
                "hủy bỏ quyết định công nhận sáng kiến.",
            },
        ),
    },
    {
        "title": "Hộp thư góp ý điện tử về thủ tục hành chính qua mã QR tại tổ dân phố",
        "agency": "UBND-PHANDINHPHUNG",
        "by": "staff_phandinhphung",
        "state": "department_review",
        "applied_days_ago": 50,
        "problem": "Hộp thư góp ý giấy hầu như không được sử dụng.",
        "description": "Niêm yết mã QR dẫn tới biểu mẫu góp ý trực tuyến tại 28 tổ dân phố.",
        "applicability": "Các phường, xã.",
        "conditions": "Biểu mẫu trực tuyến; cán bộ tổng hợp hằng tuần.",
        "benefits_author": "Nhận 94 ý kiến trong 2 tháng.",
        "benefits_first_adopters": "",
        "authors": [
            ("trang", 100),
        ],
        "participants": [],
        "then": ("withdraw", "Đơn vị rút hồ sơ để bổ sung số liệu, sẽ nộp lại ở đợt xét sau."),
    },
    # --- UBND phường Sông Công --------------------------------------------------------------------
    {
        "title": (
            "Thu phí, lệ phí không dùng tiền mặt tại bộ phận một cửa phường bằng mã QR ngân hàng"
        ),
        "agency": "UBND-SONGCONG",
        "by": "staff_songcong",
        "state": "council_review",
        "field": "tai_chinh",
        "applied_days_ago": 190,
        "benefit_amount_vnd": 60_000_000,
        "problem": "Thu lệ phí bằng tiền mặt mất thời gian kiểm đếm, nộp kho bạc, dễ sai sót.",
        "description": (
            "Mỗi quầy có mã QR động sinh theo hồ sơ, số tiền và nội dung chuyển khoản tự điền; "
            "đối soát tự động với tài khoản thu của phường cuối ngày."
        ),
        "applicability": "Tất cả bộ phận một cửa có thu phí, lệ phí.",
        "conditions": "Tài khoản chuyên thu; kết nối dịch vụ đối soát của ngân hàng.",
        "benefits_author": "92% giao dịch không dùng tiền mặt; không còn chênh lệch quỹ.",
        "benefits_first_adopters": "Người dân không phải chuẩn bị tiền lẻ.",
        "authors": [
            ("tuan", 70),
            ("ngoc", 30),
        ],
        "participants": [],
        "then": ("sheets", {"submitted": list(COUNCIL)}),
    },
    {
        "title": (
            "Bộ câu hỏi – đáp mẫu về thủ tục hộ tịch, chứng thực cho cán bộ một cửa phường mới "
            "sau sắp xếp"
        ),
        "agency": "UBND-SONGCONG",
        "by": "head_songcong",
        "state": "recognized",
        "applied_days_ago": 250,
        "problem": "Cán bộ một cửa mới điều động trả lời người dân chưa thống nhất.",
        "description": (
            "120 câu hỏi – đáp mẫu theo từng thủ tục, có ví dụ hồ sơ đúng, sai; sử dụng khi "
            "hướng dẫn trực tiếp và qua điện thoại."
        ),
        "applicability": "Bộ phận một cửa các phường, xã mới sau sắp xếp.",
        "conditions": "Cập nhật khi thủ tục hành chính thay đổi.",
        "benefits_author": "Tỷ lệ hồ sơ phải bổ sung giảm từ 19% xuống 6%.",
        "benefits_first_adopters": "Người dân được hướng dẫn một lần, đầy đủ.",
        "authors": [
            ("ngoc", 40),
            ("tuan", 60),
        ],
        "participants": [],
        "then": (
            "revoke",
            {
                "number": "216/QĐ-UBND",
                "reason": "Phát hiện bộ câu hỏi – đáp sao chép tài liệu của tỉnh khác đã được "
                "công nhận; hủy bỏ quyết định công nhận.",
            },
        ),
    },
    {
        "title": "Phần mềm theo dõi tiến độ giải quyết đơn thư kiến nghị tại UBND phường Sông Công",
        "agency": "UBND-SONGCONG",
        "by": "staff_songcong",
        "state": "revision_requested",
        "applied_days_ago": 80,
        "problem": "Đơn thư kiến nghị theo dõi bằng sổ, khó biết đơn nào sắp quá hạn.",
        "description": "Bảng theo dõi trực tuyến có cảnh báo màu theo hạn giải quyết.",
        "applicability": "Các phường, xã.",
        "conditions": "Máy tính có kết nối Internet.",
        "benefits_author": "Không còn đơn quá hạn trong 3 tháng áp dụng.",
        "benefits_first_adopters": "",
        "authors": [
            ("tuan", 100),
        ],
        "participants": [],
        "then": (
            "withdraw",
            "Tỉnh đã triển khai phần mềm xử lý đơn thư dùng chung; đơn vị rút hồ sơ.",
        ),
    },
    # --- UBND xã Đại Từ ---------------------------------------------------------------------------
    {
        "title": "Hỗ trợ nông dân đăng ký mã số vùng trồng chè trực tuyến tại xã Đại Từ",
        "agency": "UBND-DAITU",
        "by": "staff_daitu",
        "state": "draft",
        "field": "nong_nghiep",
        "applied_days_ago": 40,
        "problem": "Hộ trồng chè phải lên huyện cũ nộp hồ sơ cấp mã số vùng trồng.",
        "description": (
            "Cán bộ nông nghiệp xã hướng dẫn và nộp hồ sơ trực tuyến thay cho tổ hợp tác."
        ),
        "applicability": "Các xã vùng chè Tân Cương, La Bằng, Phú Xuyên.",
        "conditions": "",
        "benefits_author": "",
        "benefits_first_adopters": "",
        "authors": [
            ("hoa", 100),
        ],
        "participants": [],
    },
    {
        "title": "Chứng thực bản sao từ bản chính và trả kết quả điện tử tại UBND xã Đại Từ",
        "agency": "UBND-DAITU",
        "by": "staff_daitu",
        # Refused as a duplicate of the recognized "Chứng thực bản sao điện tử" (STP).
        "state": "refused",
        "applied_days_ago": 110,
        "problem": "Người dân phải chờ lấy bản sao chứng thực giấy.",
        "description": "Chứng thực bản sao điện tử, gửi kết quả qua thư điện tử cho người dân.",
        "applicability": "UBND xã Đại Từ.",
        "conditions": "Chữ ký số của lãnh đạo xã.",
        "benefits_author": "Người dân nhận bản sao ngay trong ngày.",
        "benefits_first_adopters": "",
        "authors": [
            ("hoa", 50),
            ("lien", 50),
        ],
        "participants": [],
    },
    # --- Sở Xây dựng ------------------------------------------------------------------------------
    {
        "title": (
            "Cấp giấy phép xây dựng nhà ở riêng lẻ trực tuyến với bộ bản vẽ thiết kế mẫu điển hình"
        ),
        "agency": "SXD",
        "by": "staff_xaydung",
        "state": "awaiting_decision",
        "applied_days_ago": 150,
        "scores": {"novelty": 22, "applicability": 18, "benefit": 17},
        "problem": (
            "Hộ gia đình phải thuê đơn vị tư vấn lập bản vẽ cho nhà ở đơn giản, hồ sơ cấp phép "
            "nộp trực tuyến thường thiếu bản vẽ đúng quy cách."
        ),
        "description": (
            "Công bố 12 mẫu thiết kế nhà ở riêng lẻ 1–3 tầng phù hợp quy chuẩn; người dân chọn "
            "mẫu khi nộp hồ sơ trực tuyến toàn trình, chỉ bổ sung mặt bằng vị trí."
        ),
        "applicability": "Khu dân cư nông thôn và đô thị chưa có thiết kế đô thị riêng.",
        "conditions": "Bộ mẫu thiết kế được thẩm định; tích hợp vào biểu mẫu điện tử.",
        "benefits_author": "Tiết kiệm 5–8 triệu đồng chi phí thiết kế cho mỗi hộ.",
        "benefits_first_adopters": "Tỷ lệ hồ sơ hợp lệ ngay lần đầu tăng lên 80%.",
        "authors": [
            ("quan", 100),
        ],
        "participants": [],
        "then": (
            "decline",
            (
                "Hội đồng không đề nghị công nhận (điểm trung bình dưới ngưỡng); bộ mẫu thiết kế "
                "chưa được thẩm định theo quy chuẩn nên chưa chứng minh được khả năng áp dụng."
            ),
        ),
    },
]
