"""The demo province's past (issue 11): one round a year for the two years before the load
year, each decided by one batch decision of the Chairman, read by demo.history.

Dates are (month, day) in the round's year — the year `years_ago` before the load year, so the
history moves with the day the loader runs; demo.history moves a date that falls on a weekend
or a public holiday to the next working day. Authors reuse the keys of demo.data.AUTHORS with
the same agency, so the same persons gain recognitions in several years (Nguyễn Thị Lan of Sở
Tư pháp has one in each of the last three years).

A dossier is recognized unless it has a `decline` reason (the council scored it low, the
Chairman declines it in the same decision); `rollout` sends it to other agencies, whose
`adoptions` report (as demo.data's) before the rollout is closed.
"""

from .data import HIGH_SCORES, LOW_SCORES

# --- Round of two years ago -----------------------------------------------------------------------

_TWO_YEARS_AGO = [
    {
        "title": (
            "Nhận hồ sơ và trả Phiếu lý lịch tư pháp qua dịch vụ bưu chính công ích cho người "
            "dân ở xa trung tâm tỉnh"
        ),
        "agency": "STP",
        "by": "staff_tuphap",
        "submitted": (4, 16),
        "applied_days_ago": 150,
        "problem": (
            "Người dân các xã vùng cao phải đi lại hai lần, trung bình 60 km mỗi lượt, để nộp "
            "hồ sơ và nhận Phiếu lý lịch tư pháp tại Sở."
        ),
        "description": (
            "Phối hợp với Bưu điện tỉnh nhận hồ sơ tại 120 điểm bưu điện văn hoá xã, chuyển về "
            "Sở trong ngày và phát Phiếu tận nhà; người dân tra cứu hành trình hồ sơ bằng mã "
            "bưu gửi."
        ),
        "applicability": "Áp dụng cho mọi thủ tục cấp Phiếu lý lịch tư pháp của Sở.",
        "conditions": "Thoả thuận phối hợp với Bưu điện tỉnh; cước phí do người dân chi trả.",
        "benefits_author": "Giảm một nửa số lượt đi lại; 38% hồ sơ được nhận qua bưu chính.",
        "benefits_first_adopters": "Thời gian người dân chờ tại bộ phận một cửa giảm rõ rệt.",
        "benefit_amount_vnd": 640_000_000,
        "authors": [("lan", 70), ("thang", 30)],
        "participants": [
            ("Nguyễn Văn Toàn", "Nhân viên Bưu điện văn hoá xã", "Nhận hồ sơ thí điểm"),
        ],
        "rollout": ["UBND-PHOYEN", "UBND-SONGCONG"],
        "adoptions": [
            (
                "UBND-PHOYEN",
                "applied",
                {
                    "result_summary": "Nhận 214 hồ sơ qua bưu chính, trả kết quả tận nhà.",
                    "dossiers_handled": 214,
                },
            ),
            (
                "UBND-SONGCONG",
                "applied",
                {
                    "result_summary": "Nhận 158 hồ sơ qua bưu chính; không có hồ sơ thất lạc.",
                    "dossiers_handled": 158,
                },
            ),
        ],
        "close": "Các đơn vị được giao đã áp dụng và báo cáo kết quả; kết thúc triển khai.",
    },
    {
        "title": (
            "Bộ câu hỏi – đáp thủ tục hành chính thường gặp tra cứu bằng mã QR tại quầy tiếp "
            "nhận hồ sơ"
        ),
        "agency": "TTPVHCC",
        "by": "staff_ttpvhcc",
        "submitted": (4, 23),
        "applied_days_ago": 120,
        "field": "chuyen_doi_so",
        "problem": (
            "Cán bộ tiếp nhận mất nhiều thời gian trả lời lặp lại cùng một câu hỏi về thành "
            "phần hồ sơ, lệ phí và thời hạn giải quyết."
        ),
        "description": (
            "Tổng hợp 320 câu hỏi thường gặp theo từng lĩnh vực, đăng trên trang thông tin của "
            "Trung tâm; mỗi quầy niêm yết mã QR dẫn tới nhóm câu hỏi của lĩnh vực đó."
        ),
        "applicability": "Áp dụng tại Trung tâm và bộ phận một cửa các cấp.",
        "conditions": "Cập nhật khi thủ tục thay đổi; in mã QR khổ A5 tại mỗi quầy.",
        "benefits_author": "Thời gian hướng dẫn mỗi lượt giảm từ 12 xuống 5 phút.",
        "benefits_first_adopters": "Người dân chuẩn bị hồ sơ đúng ngay từ lần đầu.",
        "authors": [("nhung", 60), ("dinh", 40)],
        "participants": [],
    },
    {
        "title": (
            "Tổ công nghệ số cộng đồng hướng dẫn người cao tuổi nộp hồ sơ trực tuyến tại nhà "
            "văn hoá tổ dân phố"
        ),
        "agency": "UBND-PHOYEN",
        "by": "head_phoyen",
        "submitted": (5, 7),
        "applied_days_ago": 200,
        "field": "chuyen_doi_so",
        "scores": HIGH_SCORES,
        "problem": (
            "Người cao tuổi ít dùng điện thoại thông minh nên gần như không nộp hồ sơ trực "
            "tuyến, phải nhờ người khác hoặc đến trụ sở."
        ),
        "description": (
            "Mỗi tổ dân phố có một tổ công nghệ số gồm đoàn viên thanh niên và công an khu vực, "
            "trực tối thứ Bảy tại nhà văn hoá để hướng dẫn cài VNeID và nộp hồ sơ."
        ),
        "applicability": "Áp dụng tại mọi xã, phường có nhà văn hoá tổ dân phố, thôn, xóm.",
        "conditions": "Một điểm phát sóng wifi; danh sách thủ tục thường dùng in sẵn.",
        "benefits_author": "Tỷ lệ hồ sơ trực tuyến của người trên 60 tuổi tăng từ 4% lên 31%.",
        "benefits_first_adopters": "Người cao tuổi tự nộp được hồ sơ gia hạn thẻ BHYT.",
        "authors": [("khanh", 100)],
        "participants": [
            ("Trần Quang Huy", "Bí thư Đoàn phường", "Điều phối tổ công nghệ số"),
        ],
        "rollout": ["UBND-PHANDINHPHUNG", "UBND-SONGCONG"],
        "adoptions": [
            (
                "UBND-PHANDINHPHUNG",
                "applied",
                {
                    "result_summary": "12 tổ công nghệ số hoạt động; 1.030 lượt hướng dẫn.",
                    "dossiers_handled": 1030,
                },
            ),
            (
                "UBND-SONGCONG",
                "applied",
                {
                    "result_summary": "9 tổ công nghệ số; 760 lượt hướng dẫn người cao tuổi.",
                    "dossiers_handled": 760,
                },
            ),
        ],
        "close": "Mô hình đã được nhân rộng tại các phường được giao.",
    },
    {
        "title": "Sổ theo dõi hồ sơ đất đai bằng bảng tính dùng chung tại UBND phường Sông Công",
        "agency": "UBND-SONGCONG",
        "by": "head_songcong",
        "submitted": (5, 19),
        "applied_days_ago": 90,
        "scores": LOW_SCORES,
        "problem": "Hồ sơ đất đai chuyển qua nhiều bộ phận, khó biết hồ sơ đang ở đâu.",
        "description": (
            "Lập bảng tính dùng chung trên mạng nội bộ, mỗi bộ phận ghi ngày nhận và ngày "
            "chuyển hồ sơ đất đai."
        ),
        "applicability": "Áp dụng tại bộ phận địa chính của UBND phường.",
        "conditions": "Máy tính nối mạng nội bộ.",
        "benefits_author": "Tra cứu được vị trí hồ sơ trong phường.",
        "benefits_first_adopters": "Chưa có số liệu đánh giá.",
        "authors": [("ngoc", 50), ("tuan", 50)],
        "participants": [],
        "decline": (
            "Giải pháp mới dừng ở bảng tính dùng chung, chưa có tính mới so với phần mềm một "
            "cửa điện tử đang áp dụng; hiệu quả chưa được chứng minh bằng số liệu."
        ),
    },
]

# --- Round of last year ---------------------------------------------------------------------------

_LAST_YEAR = [
    {
        "title": (
            "Video hướng dẫn hoà giải ở cơ sở phát trên loa truyền thanh và trang mạng xã hội "
            "của xã, phường"
        ),
        "agency": "STP",
        "by": "staff_tuphap",
        "submitted": (4, 8),
        "applied_days_ago": 180,
        "problem": (
            "Hoà giải viên ở cơ sở phần lớn kiêm nhiệm, ít được tập huấn, lúng túng với các vụ "
            "việc tranh chấp đất đai và hôn nhân gia đình."
        ),
        "description": (
            "Xây dựng 24 video ngắn (3–5 phút) dựng theo tình huống thật, kèm bản tin phát "
            "trên loa truyền thanh; mỗi video có phiếu hỏi đáp để hoà giải viên tự kiểm tra."
        ),
        "applicability": "Dùng cho tổ hoà giải của tất cả thôn, tổ dân phố trong tỉnh.",
        "conditions": "Tài khoản mạng xã hội của UBND xã, phường; hệ thống loa truyền thanh.",
        "benefits_author": "Tỷ lệ hoà giải thành tăng từ 78% lên 86% ở các xã thí điểm.",
        "benefits_first_adopters": "Hoà giải viên mới nắm được trình tự hoà giải ngay.",
        "authors": [("lan", 60), ("phuong", 40)],
        "participants": [
            ("Đặng Thị Thuỳ", "Công chức tư pháp – hộ tịch phường Phổ Yên", "Dựng tình huống"),
        ],
        "rollout": ["UBND-PHOYEN", "UBND-PHANDINHPHUNG"],
        "adoptions": [
            (
                "UBND-PHOYEN",
                "applied",
                {
                    "result_summary": "Phát 24 số trên loa truyền thanh; 31 hoà giải viên dự.",
                    "dossiers_handled": 46,
                },
            ),
            (
                "UBND-PHANDINHPHUNG",
                "applied",
                {
                    "result_summary": "Hoà giải thành 19/22 vụ việc sau khi áp dụng.",
                    "dossiers_handled": 22,
                },
            ),
        ],
        "close": "Các đơn vị được giao đều đã áp dụng; video được dùng lâu dài.",
    },
    {
        "title": (
            "Bản đồ số các điểm hỗ trợ dịch vụ công trực tuyến trên Zalo OA của UBND phường Phổ Yên"
        ),
        "agency": "UBND-PHOYEN",
        "by": "staff_phoyen",
        "submitted": (4, 22),
        "applied_days_ago": 160,
        "field": "chuyen_doi_so",
        "problem": (
            "Người dân không biết điểm nào có người hỗ trợ nộp hồ sơ trực tuyến, giờ nào, "
            "nên vẫn dồn về trụ sở UBND phường."
        ),
        "description": (
            "Gắn 27 điểm hỗ trợ (nhà văn hoá, bưu điện, trường học) lên bản đồ số trong Zalo OA "
            "của phường, kèm giờ trực và người phụ trách, cập nhật hằng tuần."
        ),
        "applicability": "Áp dụng cho UBND cấp xã có tài khoản Zalo OA.",
        "conditions": "Zalo OA đã xác thực; một công chức cập nhật dữ liệu.",
        "benefits_author": "Lượt người dân đến trụ sở chỉ để hỏi thủ tục giảm 40%.",
        "benefits_first_adopters": "Điểm hỗ trợ gần nhà được tìm thấy trong vài giây.",
        "authors": [("duc", 70), ("chien", 30)],
        "participants": [],
    },
    {
        "title": (
            "Phần mềm theo dõi hồ sơ đất đai có cảnh báo hạn xử lý, liên thông với bộ phận "
            "một cửa phường Sông Công"
        ),
        "agency": "UBND-SONGCONG",
        "by": "staff_songcong",
        "submitted": (5, 6),
        "applied_days_ago": 140,
        "field": "chuyen_doi_so",
        "scores": HIGH_SCORES,
        "problem": (
            "Bảng tính dùng chung không cảnh báo hồ sơ sắp quá hạn; 11% hồ sơ đất đai năm trước "
            "bị trả muộn."
        ),
        "description": (
            "Phần mềm nhận dữ liệu hồ sơ từ hệ thống một cửa điện tử, tính hạn theo từng bước, "
            "nhắn tin cảnh báo cho công chức và lãnh đạo trước hạn hai ngày."
        ),
        "applicability": "Áp dụng tại UBND cấp xã dùng hệ thống một cửa điện tử của tỉnh.",
        "conditions": "Kết nối API của hệ thống một cửa điện tử; máy chủ của UBND phường.",
        "benefits_author": "Hồ sơ đất đai trả muộn giảm từ 11% xuống 1,5%.",
        "benefits_first_adopters": "Lãnh đạo phường theo dõi được hồ sơ tồn đọng hằng ngày.",
        "benefit_amount_vnd": 210_000_000,
        "authors": [("tuan", 60), ("ngoc", 40)],
        "participants": [],
    },
    {
        "title": (
            "Mô hình “Tổ dân phố không giấy tờ”: tiếp nhận ý kiến và thông báo qua nhóm Zalo "
            "tại phường Phan Đình Phùng"
        ),
        "agency": "UBND-PHANDINHPHUNG",
        "by": "head_phandinhphung",
        "submitted": (5, 13),
        "applied_days_ago": 130,
        "field": "chuyen_doi_so",
        "problem": (
            "Thông báo của phường đến tổ dân phố chậm, in giấy tốn kém; ý kiến của người dân "
            "ít được phản hồi."
        ),
        "description": (
            "Mỗi tổ dân phố một nhóm Zalo do tổ trưởng quản lý; thông báo, lịch tiêm chủng, "
            "thu phí được gửi điện tử, ý kiến được chuyển về phường và trả lời trong 3 ngày."
        ),
        "applicability": "Áp dụng tại các tổ dân phố, thôn, xóm trong tỉnh.",
        "conditions": "Tổ trưởng tổ dân phố được hướng dẫn quản trị nhóm.",
        "benefits_author": "Giảm 90% văn bản giấy gửi tổ dân phố; 97% ý kiến được trả lời.",
        "benefits_first_adopters": "Người dân nhận thông báo ngay trong ngày.",
        "authors": [("truong", 50), ("trang", 50)],
        "participants": [],
    },
    {
        "title": "Phiếu khảo sát giấy về mức độ hài lòng phát kèm giấy hẹn trả kết quả",
        "agency": "TTPVHCC",
        "by": "staff_ttpvhcc",
        "submitted": (5, 21),
        "applied_days_ago": 100,
        "scores": LOW_SCORES,
        "problem": "Chưa có số liệu về mức độ hài lòng của người dân theo từng quầy.",
        "description": "In phiếu khảo sát 5 câu hỏi ở mặt sau giấy hẹn, người dân bỏ vào thùng.",
        "applicability": "Áp dụng tại Trung tâm.",
        "conditions": "In phiếu, thùng phiếu.",
        "benefits_author": "Thu được khoảng 300 phiếu mỗi tháng.",
        "benefits_first_adopters": "Chưa đánh giá.",
        "authors": [("dinh", 100)],
        "participants": [],
        "decline": (
            "Khảo sát bằng phiếu giấy là cách làm phổ biến, đã được quy định tại Quyết định "
            "đánh giá chỉ số hài lòng; không đáp ứng yêu cầu về tính mới."
        ),
    },
]

# --- The rounds -----------------------------------------------------------------------------------
# A dossier is accepted ACCEPT_AFTER_DAYS after it is submitted; every council member scores on
# `scoring`, the council meets on `meeting`, the Chairman's one decision is dated `decision`;
# rollouts start on `rollout`, adopting agencies report on `reports`, the rollout closes on
# `closed`; the inbox of that year is read by `read`.

ACCEPT_AFTER_DAYS = 10

ROUNDS = [
    {
        "years_ago": 2,
        "number": 1,
        "created": (2, 24), "opens": (4, 1), "closes": (5, 31), "scoring": (6, 17),
        "meeting": (6, 25), "decision": (7, 9), "rollout": (7, 23), "reports": (10, 14),
        "closed": (12, 16), "read": (12, 28),
        "decision_number": "1426/QĐ-UBND",
        "signer": ("Lê Quang Tiến", "chairman"),
        "dossiers": _TWO_YEARS_AGO,
    },
    {
        "years_ago": 1,
        "number": 1,
        "created": (2, 18), "opens": (3, 16), "closes": (5, 29), "scoring": (6, 19),
        "meeting": (6, 30), "decision": (7, 14), "rollout": (7, 28), "reports": (10, 20),
        "closed": (12, 15), "read": (12, 26),
        "decision_number": "1781/QĐ-UBND",
        "signer": ("Lê Quang Tiến", "chairman"),
        "dossiers": _LAST_YEAR,
    },
]  # fmt: skip
