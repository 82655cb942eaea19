"""Every string the dashboard shows, in Vietnamese (the default) and English.

Templates call `t(message_id, **values)`; a missing id shows the id itself (and the
catalog test fails), never an empty string.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sync.problems import Problem
from sync.server.db import aware

LANGUAGES = ("vi", "en")
DEFAULT = "vi"

MESSAGES: dict[str, dict[str, str]] = {
    "app.name": {"vi": "Học Vụ Số · Quản trị", "en": "Học Vụ Số · Administration"},
    "app.title": {"vi": "Bảng điều khiển", "en": "Dashboard"},
    # navigation
    "nav.overview": {"vi": "Tổng quan", "en": "Overview"},
    "nav.units": {"vi": "Đơn vị", "en": "Units"},
    "nav.assignments": {"vi": "Giao học phần", "en": "Assignments"},
    "nav.packs": {"vi": "Gói nội dung", "en": "Packs"},
    "nav.items": {"vi": "Phân tích câu hỏi", "en": "Item analysis"},
    "nav.enrol": {"vi": "Ghi danh", "en": "Enrolment"},
    "nav.bundles": {"vi": "Tệp đồng bộ ngoại tuyến", "en": "Offline bundles"},
    "nav.certificates": {"vi": "Chứng chỉ", "en": "Certificates"},
    "nav.attempts": {"vi": "Bài thi chờ duyệt", "en": "Held attempts"},
    "nav.audit": {"vi": "Nhật ký", "en": "Audit log"},
    "nav.logout": {"vi": "Đăng xuất", "en": "Log out"},
    "nav.back_home": {"vi": "Về trang tổng quan", "en": "Back to the overview"},
    # roles, unit kinds, levels, areas
    "role.ministry_admin": {"vi": "quản trị cấp Bộ", "en": "ministry administrator"},
    "role.unit_admin": {"vi": "quản trị đơn vị", "en": "unit administrator"},
    "role.trainer": {"vi": "giảng viên", "en": "trainer"},
    "kind.ministry": {"vi": "Bộ", "en": "ministry"},
    "kind.department": {"vi": "Vụ/Cục", "en": "department"},
    "kind.mission": {"vi": "Cơ quan đại diện", "en": "mission"},
    "level.n": {"vi": "Cấp độ {n}", "en": "Level {n}"},
    "area.1": {"vi": "Dữ liệu và thông tin", "en": "Data and information"},
    "area.2": {"vi": "Giao tiếp và hợp tác", "en": "Communication and collaboration"},
    "area.3": {"vi": "Sáng tạo nội dung số", "en": "Digital content creation"},
    "area.4": {"vi": "An toàn số", "en": "Digital safety"},
    "area.5": {"vi": "Giải quyết vấn đề", "en": "Problem solving"},
    "area.6": {"vi": "Ứng dụng trí tuệ nhân tạo", "en": "Applying AI"},
    # login
    "login.title": {"vi": "Đăng nhập quản trị", "en": "Administrator login"},
    "login.username": {"vi": "Tên đăng nhập", "en": "Username"},
    "login.password": {"vi": "Mật khẩu", "en": "Password"},
    "login.submit": {"vi": "Đăng nhập", "en": "Log in"},
    "login.wrong": {
        "vi": "Sai tên đăng nhập hoặc mật khẩu. Hãy thử lại.",
        "en": "Wrong username or password. Try again.",
    },
    "login.too_many": {
        "vi": "Quá nhiều lần đăng nhập sai với tài khoản này từ máy này. "
        "Hãy chờ một lát rồi thử lại; mỗi lần sai thêm, thời gian chờ dài hơn.",
        "en": "Too many failed logins to this account from this computer. Wait a "
        "moment and try again; each further failure makes the wait longer.",
    },
    # refusals
    "refused.title": {"vi": "Không được phép", "en": "Not allowed"},
    "refused.csrf": {
        "vi": "Biểu mẫu thiếu mã bảo mật hoặc mã không đúng (có thể trang đã cũ). "
        "Hãy tải lại trang rồi gửi lại.",
        "en": "The form is missing its security token or the token is wrong (the page "
        "may be old). Reload the page and send it again.",
    },
    "refused.role": {
        "vi": "Vai trò của anh/chị không được làm việc này. Yêu cầu đã được ghi vào nhật ký.",
        "en": "Your role does not allow this. The attempt has been logged.",
    },
    "refused.scope": {
        "vi": "Không tìm thấy mục này trong phạm vi đơn vị của anh/chị. Yêu cầu đã được ghi "
        "vào nhật ký.",
        "en": "This is not within your unit's scope. The attempt has been logged.",
    },
    "refused.no_table": {
        "vi": "Không có bảng hoặc định dạng này để xuất.",
        "en": "There is no such table or format to export.",
    },
    "upload.missing": {"vi": "Hãy chọn một tệp để tải lên.", "en": "Choose a file to upload."},
    "upload.too_big": {
        "vi": "Tệp quá lớn (tối đa 512 MiB).",
        "en": "The file is too large (512 MiB at most).",
    },
    # overview
    "overview.title": {"vi": "Tổng quan", "en": "Overview"},
    "overview.learners": {"vi": "Số học viên", "en": "Learners"},
    "overview.by_level": {
        "vi": "Tỷ lệ đạt chứng chỉ theo cấp độ",
        "en": "Certified share by level",
    },
    "overview.target": {"vi": "Mục tiêu", "en": "Target"},
    "overview.trend": {"vi": "Diễn biến theo tháng", "en": "Trend by month"},
    "overview.no_trend": {"vi": "Chưa có chứng chỉ nào.", "en": "No certificates yet."},
    "overview.behind": {"vi": "Đơn vị chậm tiến độ", "en": "Units behind schedule"},
    "overview.none_behind": {
        "vi": "Không có đơn vị nào chậm tiến độ.",
        "en": "No unit is behind schedule.",
    },
    "overview.target_full": {"vi": "đạt 100 %", "en": "100 % reached"},
    "overview.target_first": {"vi": "đạt mục tiêu 40 %", "en": "40 % target reached"},
    "overview.below_first": {"vi": "dưới 40 %", "en": "below 40 %"},
    # table columns
    "col.level": {"vi": "Cấp độ", "en": "Level"},
    "col.certified": {"vi": "Đã đạt", "en": "Certified"},
    "col.share": {"vi": "Tỷ lệ", "en": "Share"},
    "col.target_status": {"vi": "So với mục tiêu", "en": "Against the targets"},
    "col.unit": {"vi": "Đơn vị", "en": "Unit"},
    "col.kind": {"vi": "Loại", "en": "Kind"},
    "col.overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "col.learners": {"vi": "Học viên", "en": "Learners"},
    "col.name": {"vi": "Họ tên", "en": "Name"},
    "col.progress": {"vi": "Tiến độ theo lĩnh vực", "en": "Progress by area"},
    "col.last_sync": {"vi": "Đồng bộ lần cuối", "en": "Last sync"},
    "col.devices": {"vi": "Thiết bị", "en": "Devices"},
    "col.device": {"vi": "Thiết bị", "en": "Device"},
    "col.area": {"vi": "Lĩnh vực", "en": "Area"},
    "col.pack": {"vi": "Gói", "en": "Pack"},
    "col.score": {"vi": "Điểm", "en": "Score"},
    "col.issued": {"vi": "Ngày cấp", "en": "Issued"},
    "col.created": {"vi": "Ngày tạo", "en": "Created"},
    "col.status": {"vi": "Trạng thái", "en": "Status"},
    "col.due": {"vi": "Hạn", "en": "Due"},
    "col.completed": {"vi": "Đã hoàn thành", "en": "Completed"},
    "col.title": {"vi": "Tên", "en": "Title"},
    "col.version": {"vi": "Phiên bản", "en": "Version"},
    "col.size": {"vi": "Dung lượng", "en": "Size"},
    "col.uploaded": {"vi": "Ngày tải lên", "en": "Uploaded"},
    "col.item": {"vi": "Câu hỏi", "en": "Item"},
    "col.answers": {"vi": "Lượt trả lời", "en": "Answers"},
    "col.correct": {"vi": "Tỷ lệ đúng", "en": "Correct"},
    "col.top_wrong": {"vi": "Phương án sai hay chọn nhất", "en": "Most chosen wrong option"},
    "col.staff_ref": {"vi": "Mã cán bộ", "en": "Staff ref."},
    "col.code": {"vi": "Mã ghi danh", "en": "Enrolment code"},
    "col.when": {"vi": "Thời điểm", "en": "When"},
    "col.actor": {"vi": "Người thực hiện", "en": "Who"},
    "col.action": {"vi": "Thao tác", "en": "Action"},
    "col.target": {"vi": "Đối tượng", "en": "Target"},
    "col.detail": {"vi": "Chi tiết", "en": "Detail"},
    "export.learners": {"vi": "Tải bảng học viên", "en": "Download learners"},
    "export.devices": {"vi": "Tải bảng thiết bị", "en": "Download devices"},
    "export.units": {"vi": "Tải bảng đơn vị", "en": "Download units"},
    "export.assignments": {"vi": "Tải bảng giao học phần", "en": "Download assignments"},
    "export.items": {"vi": "Tải bảng phân tích câu hỏi", "en": "Download item analysis"},
    "export.pack_versions": {
        "vi": "Tải bảng phiên bản theo đơn vị",
        "en": "Download versions by unit",
    },
    "export.audit": {"vi": "Tải nhật ký", "en": "Download the audit log"},
    "export.certified_by_month": {
        "vi": "Tải bảng tỷ lệ có chứng nhận theo tháng",
        "en": "Download the certified share by month",
    },
    # units and learners
    "unit.path": {"vi": "Đường dẫn", "en": "Path"},
    "unit.children": {"vi": "Đơn vị trực thuộc", "en": "Units below"},
    "unit.learners": {"vi": "Học viên của đơn vị", "en": "Learners of this unit"},
    "unit.no_learners": {
        "vi": "Đơn vị này chưa có học viên trực tiếp.",
        "en": "This unit has no learners of its own.",
    },
    # the unit's certified share per month against the targets
    "unit.months": {
        "vi": "Tỷ lệ cán bộ có chứng nhận theo tháng",
        "en": "Officials certified, by month",
    },
    "unit.months_note": {
        "vi": "Cuối mỗi tháng: trong số học viên đã ghi danh của đơn vị (kể cả các đơn vị "
        "trực thuộc), tỷ lệ đã có chứng nhận ở ít nhất một cấp độ, so với mục tiêu đang "
        "áp dụng. Mục tiêu: {targets}. Khi đạt một mục tiêu (hoặc quá hạn của nó), đơn vị "
        "chuyển sang mục tiêu tiếp theo. “–”: tháng chưa có học viên.",
        "en": "At each month's end: of the unit's enrolled learners (units below included), "
        "the share certified at one level at least, against the target in force. Targets: "
        "{targets}. Once a target is reached (or its date has passed) the unit moves on to "
        "the next. “–”: no learners that month.",
    },
    "unit.target_by": {"vi": "{share} trước ngày {date}", "en": "{share} by {date}"},
    "unit.target_then": {"vi": ", sau đó ", "en": ", then "},
    "unit.months_chart": {
        "vi": "Tỷ lệ có chứng nhận so với mục tiêu, theo tháng",
        "en": "Certified share against the target, by month",
    },
    "unit.series_share": {"vi": "Có chứng nhận", "en": "Certified"},
    "unit.months_last": {
        "vi": "Bảng chỉ hiện 12 tháng gần nhất; tệp tải về có đủ mọi tháng.",
        "en": "The table shows the last 12 months; the download holds every month.",
    },
    "col.month": {"vi": "Tháng", "en": "Month"},
    "col.target_share": {"vi": "Mục tiêu", "en": "Target"},
    "col.target_met": {"vi": "Kết quả", "en": "Result"},
    "unit.target_met": {"vi": "Đạt", "en": "Met"},
    "unit.target_missed": {"vi": "Chưa đạt", "en": "Not met"},
    "learner.progress": {"vi": "Tiến độ theo lĩnh vực", "en": "Progress by area"},
    "learner.certificates": {"vi": "Chứng chỉ", "en": "Certificates"},
    "learner.no_certificates": {"vi": "Chưa có chứng chỉ.", "en": "No certificate yet."},
    "learner.devices": {"vi": "Thiết bị", "en": "Devices"},
    "learner.no_devices": {"vi": "Chưa ghi danh thiết bị nào.", "en": "No device enrolled."},
    "learner.recent": {"vi": "Hoạt động gần đây", "en": "Recent activity"},
    "learner.no_recent": {"vi": "Chưa có hoạt động nào.", "en": "No activity yet."},
    "col.activity": {"vi": "Hoạt động", "en": "Activity"},
    "verb.experienced": {"vi": "đã xem", "en": "viewed"},
    "verb.completed": {"vi": "hoàn thành", "en": "completed"},
    "verb.answered": {"vi": "trả lời", "en": "answered"},
    "verb.passed": {"vi": "đạt", "en": "passed"},
    "verb.failed": {"vi": "chưa đạt", "en": "failed"},
    "verb.attempted": {"vi": "bắt đầu", "en": "attempted"},
    "activity.lesson": {"vi": "bài học", "en": "lesson"},
    "activity.quiz": {"vi": "bài kiểm tra", "en": "quiz"},
    "activity.item": {"vi": "câu hỏi", "en": "item"},
    "activity.exam": {"vi": "bài thi", "en": "exam"},
    "activity.placement": {"vi": "kiểm tra đầu vào", "en": "placement test"},
    "device.active": {"vi": "đang dùng", "en": "active"},
    "device.revoked": {"vi": "đã thu hồi", "en": "revoked"},
    "device.revoke": {"vi": "Thu hồi…", "en": "Revoke…"},
    # assignments
    "assign.title": {"vi": "Giao học phần", "en": "Assignments"},
    "assign.new": {"vi": "Giao gói cho đơn vị", "en": "Assign a pack to a unit"},
    "assign.submit": {"vi": "Giao", "en": "Assign"},
    "assign.list": {"vi": "Các học phần đã giao", "en": "Current assignments"},
    "assign.none": {"vi": "Chưa giao gói nào.", "en": "No pack assigned yet."},
    "assign.no_packs": {
        "vi": "Chưa có gói nào trên máy chủ: hãy tải gói lên trước.",
        "en": "No pack on the server yet: upload one first.",
    },
    "assign.overdue": {"vi": "quá hạn", "en": "overdue"},
    "assign.done": {"vi": "hoàn thành", "en": "done"},
    "assign.open": {"vi": "đang học", "en": "in progress"},
    "assign.remove": {"vi": "Bỏ giao…", "en": "Remove…"},
    "assign.from_above": {"vi": "giao từ cấp trên", "en": "set above your unit"},
    "assign.bad_due": {
        "vi": "Hạn không hợp lệ; dùng dạng NNNN-TT-NN",
        "en": "The due date is not valid; use YYYY-MM-DD",
    },
    "assign.refused": {"vi": "Không giao được", "en": "Could not assign"},
    # packs
    "packs.title": {"vi": "Gói nội dung", "en": "Packs"},
    "packs.upload": {"vi": "Tải gói lên", "en": "Upload a pack"},
    "packs.file": {"vi": "Tệp .hvpack đã ký", "en": "Signed .hvpack file"},
    "packs.upload_submit": {"vi": "Kiểm tra và tải lên", "en": "Verify and upload"},
    "packs.upload_help": {
        "vi": "Gói được kiểm tra chữ ký và nội dung đúng như ứng dụng kiểm tra; gói bị "
        "sửa đổi sẽ bị từ chối và không lưu gì.",
        "en": "The pack's signature and contents are verified exactly as the app does; "
        "a tampered pack is refused and nothing is stored.",
    },
    "packs.list": {"vi": "Các gói trên máy chủ", "en": "Packs on the server"},
    "packs.none": {"vi": "Chưa có gói nào.", "en": "No pack yet."},
    "packs.by_unit": {"vi": "Phiên bản theo đơn vị", "en": "Versions each unit has"},
    "packs.by_unit_help": {
        "vi": "Theo từng đơn vị (học viên trực thuộc và thiết bị của họ): phiên bản mà thiết "
        "bị đã tải về đầy đủ, và phiên bản ghi trong kết quả học tập mà học viên gửi lên "
        "(kể cả người cài gói từ USB). Mỗi thiết bị, mỗi học viên được tính ở phiên bản "
        "mới nhất của họ.",
        "en": "Per unit (its own learners and their devices): the version devices downloaded "
        "in full, and the version named in the results learners sent (including those who "
        "installed from a USB stick). Each device and learner counts at their newest "
        "version.",
    },
    "packs.newest": {"vi": "Bản mới nhất", "en": "Newest"},
    "packs.devices_on": {
        "vi": "Thiết bị đã tải (bản: số)",
        "en": "Devices downloaded (version: count)",
    },
    "packs.learners_on": {
        "vi": "Học viên theo kết quả gửi lên (bản: số)",
        "en": "Learners by their results (version: count)",
    },
    "packs.version_count": {"vi": "bản {version}: {count}", "en": "v{version}: {count}"},
    "packs.behind": {
        "vi": "còn bản cũ: {devices} thiết bị, {learners} học viên",
        "en": "older version: {devices} device(s), {learners} learner(s)",
    },
    "packs.current": {"vi": "đã cập nhật", "en": "up to date"},
    "packs.nothing_seen": {"vi": "chưa thấy gì", "en": "nothing seen yet"},
    "packs.none_held": {
        "vi": "Chưa thiết bị nào tải gói và chưa có kết quả học tập nào.",
        "en": "No device has downloaded a pack and no results have arrived yet.",
    },
    "packs.added": {"vi": "Đã kiểm tra và lưu gói", "en": "Pack verified and stored"},
    "packs.refused": {
        "vi": "Gói {name} bị từ chối, không lưu gì",
        "en": "Pack {name} refused; nothing stored",
    },
    # item analysis
    "items.title": {"vi": "Phân tích câu hỏi", "en": "Item analysis"},
    "items.all_packs": {"vi": "Tất cả các gói", "en": "All packs"},
    "items.show": {"vi": "Xem", "en": "Show"},
    "items.quiz": {"vi": "Bài kiểm tra", "en": "Quiz"},
    "items.help": {
        "vi": "Theo từng câu hỏi, các phiên bản gói đặt cạnh nhau: chỉ tính lần trả lời "
        "đầu tiên của mỗi học viên (không tính lần kiểm tra lại khi luyện tập hay lần làm "
        "lại bài), tỷ lệ đúng, độ phân biệt và tỷ lệ chọn từng phương án. Không hiển thị "
        "tên học viên.",
        "en": "Per item, pack versions side by side: only each learner's first answer "
        "counts (practice re-checks and retakes do not), with the share correct, the "
        "discrimination and the share of each option. No learner names are shown.",
    },
    "items.discrimination_help": {
        "vi": "Độ phân biệt: hệ số tương quan điểm-nhị phân giữa điểm câu hỏi và điểm các "
        "câu còn lại của cùng lượt làm bài (từ −1 đến 1). Giá trị âm: người làm tốt các câu "
        "khác lại hay sai câu này, cần xem lại đáp án hoặc cách diễn đạt.",
        "en": "Discrimination: the point-biserial correlation between the item's score and "
        "the score on the other items of the same attempt (−1 to 1). Negative: learners "
        "who did well elsewhere tend to miss this item; check its key or wording.",
    },
    "items.flags_help": {
        "vi": "Cảnh báo chỉ được nêu khi câu hỏi có ít nhất {n} lượt trả lời đầu tiên: quá dễ "
        "(trên {easy}), quá khó (dưới {hard}), độ phân biệt âm, phương án nhiễu không ai chọn.",
        "en": "Flags are raised only on items with at least {n} first answers: too easy "
        "(above {easy}), too hard (below {hard}), negative discrimination, a distractor "
        "nobody picks.",
    },
    "items.none": {"vi": "Chưa có câu trả lời nào.", "en": "No answers yet."},
    "items.varied": {"vi": "(nhiều câu trả lời khác nhau)", "en": "(varied answers)"},
    "items.version": {"vi": "Phiên bản {n}", "en": "Version {n}"},
    "items.first_answers": {"vi": "Lượt trả lời đầu tiên", "en": "First answers"},
    "items.share_correct": {"vi": "Tỷ lệ đúng", "en": "Share correct"},
    "items.discrimination": {"vi": "Độ phân biệt", "en": "Discrimination"},
    "items.key": {"vi": "đáp án đúng", "en": "key"},
    "items.top_wrong": {"vi": "Câu trả lời sai nhiều nhất", "en": "Most frequent wrong answer"},
    "items.flags": {"vi": "Cảnh báo", "en": "Flags"},
    "items.flag.too_easy": {"vi": "Quá dễ", "en": "Too easy"},
    "items.flag.too_hard": {"vi": "Quá khó", "en": "Too hard"},
    "items.flag.negative_discrimination": {
        "vi": "Độ phân biệt âm",
        "en": "Negative discrimination",
    },
    "items.flag.unused_distractor": {
        "vi": "Có phương án nhiễu không ai chọn",
        "en": "A distractor nobody picks",
    },
    "items.not_shown": {"vi": "–", "en": "–"},
    "items.privacy": {
        "vi": "Với câu hỏi tự điền, câu trả lời sai chỉ hiện khi có ít nhất {n} học viên "
        "khác nhau cùng trả lời như vậy: câu học viên tự gõ có thể chứa tên hoặc thông tin "
        "cá nhân.",
        "en": "For items answered by typing, a wrong answer is shown only when at least {n} "
        "different learners gave it: what a learner types may hold a name or a personal "
        "detail.",
    },
    # enrolment
    "enrol.title": {"vi": "Ghi danh hàng loạt", "en": "Bulk enrolment"},
    "enrol.upload": {"vi": "Tải tệp CSV lên", "en": "Upload a CSV file"},
    "enrol.help": {
        "vi": "Tệp CSV (UTF-8) có dòng tiêu đề với các cột: name (họ tên), staff_ref (mã "
        "cán bộ, có thể để trống), unit (mã số hoặc tên đơn vị). Nếu có dòng lỗi, không "
        "học viên nào được tạo.",
        "en": "A CSV file (UTF-8) with a header line and the columns: name, staff_ref "
        "(may be empty), unit (a unit id or name). If any line is wrong, no learner is "
        "created.",
    },
    "enrol.file": {"vi": "Tệp CSV", "en": "CSV file"},
    "enrol.submit": {"vi": "Tạo học viên và mã", "en": "Create learners and codes"},
    "enrol.units": {"vi": "Các đơn vị anh/chị được ghi danh", "en": "Units you may enrol into"},
    "enrol.refused": {
        "vi": "Tệp có lỗi; chưa tạo học viên nào. Sửa các dòng sau rồi tải lên lại:",
        "en": "The file has errors; no learner was created. Fix these lines and upload it again:",
    },
    "csv.line": {"vi": "dòng {n}", "en": "line {n}"},
    "csv.header": {
        "vi": "dòng tiêu đề thiếu cột {missing}; hãy dùng: name,staff_ref,unit",
        "en": "the header lacks {missing}; use: name,staff_ref,unit",
    },
    "csv.empty_name": {"vi": "thiếu họ tên", "en": "the name is empty"},
    "csv.long_name": {
        "vi": "họ tên dài quá 200 ký tự",
        "en": "the name is longer than 200 characters",
    },
    "csv.repeated_ref": {
        "vi": "mã cán bộ {ref} trùng với dòng {first}",
        "en": "staff_ref {ref} repeats line {first}",
    },
    "csv.ambiguous_unit": {
        "vi": "có nhiều đơn vị tên {unit!r}; hãy dùng mã số đơn vị",
        "en": "several units are named {unit!r}; use its id",
    },
    "csv.unknown_unit": {
        "vi": "không có đơn vị {unit!r} trong phạm vi của anh/chị",
        "en": "no unit {unit!r} within your scope",
    },
    "csv.no_rows": {
        "vi": "tệp không có học viên nào dưới dòng tiêu đề",
        "en": "the file has no learners under its header",
    },
    "csv.not_utf8": {
        "vi": "tệp không phải văn bản UTF-8; hãy lưu dưới dạng CSV UTF-8",
        "en": "the file is not UTF-8 text; save it as CSV UTF-8",
    },
    "enrol.done": {"vi": "Đã tạo học viên và mã ghi danh", "en": "Learners and codes created"},
    "enrol.once": {
        "vi": "Các mã chỉ hiện một lần, dùng một lần và hết hạn sau {days} ngày. Hãy tải "
        "về hoặc in ra ngay.",
        "en": "The codes are shown only once, work once and expire after {days} days. "
        "Download or print them now.",
    },
    "enrol.download": {"vi": "Tải danh sách mã (CSV)", "en": "Download the codes (CSV)"},
    # bundles
    "bundles.title": {"vi": "Nhập tệp đồng bộ ngoại tuyến", "en": "Import offline bundles"},
    "bundles.upload": {"vi": "Tải tệp .hvsync lên", "en": "Upload a .hvsync file"},
    "bundles.help": {
        "vi": "Tệp do ứng dụng xuất ở nơi không có mạng. Nhập lại cùng một tệp không lưu thêm gì.",
        "en": "A file the app exported where there is no network. Importing the same "
        "file again stores nothing new.",
    },
    "bundles.file": {"vi": "Tệp .hvsync", "en": ".hvsync file"},
    "bundles.submit": {"vi": "Nhập", "en": "Import"},
    "bundles.imported": {"vi": "Đã nhập {name}", "en": "Imported {name}"},
    "bundles.enrolled": {
        "vi": "Thiết bị được ghi danh bằng tệp này.",
        "en": "The device was enrolled by this bundle.",
    },
    "bundles.new": {"vi": "Bản ghi mới", "en": "New statements"},
    "bundles.duplicates": {"vi": "Đã có từ trước", "en": "Already stored"},
    "bundles.conflicts": {"vi": "Xung đột", "en": "Conflicts"},
    "bundles.malformed": {"vi": "Sai định dạng", "en": "Malformed"},
    "bundles.refused": {"vi": "Tệp bị từ chối", "en": "Bundle refused"},
    # certificates
    "certs.title": {"vi": "Chứng chỉ", "en": "Certificates"},
    "certs.export": {"vi": "Xuất chứng chỉ", "en": "Export certificates"},
    "certs.export_help": {
        "vi": "Tệp JSON có chữ ký số của máy chủ, theo định dạng nền tảng định danh quốc gia "
        "tiếp nhận: gửi tệp này khi cần công nhận chứng chỉ của cán bộ trên nền tảng đó. Bảng "
        "CSV hoặc XLSX để xem và lưu trữ trong đơn vị.",
        "en": "A JSON file signed by the server, in the form the national identity platform "
        "accepts: send it when staff certificates are to be recognised there. A CSV or XLSX "
        "table to read and keep within your unit.",
    },
    "certs.verify": {"vi": "Kiểm tra chứng chỉ", "en": "Verify a certificate"},
    "certs.paste": {
        "vi": "Dán nội dung tệp chứng chỉ",
        "en": "Paste the contents of the certificate file",
    },
    "certs.or_file": {"vi": "hoặc chọn tệp", "en": "or choose a file"},
    "certs.check": {"vi": "Kiểm tra", "en": "Verify"},
    "certs.valid": {"vi": "Hợp lệ", "en": "Valid"},
    "certs.invalid": {"vi": "Không hợp lệ", "en": "Invalid"},
    "certs.revoked": {"vi": "Đã thu hồi", "en": "Revoked"},
    "certs.revoke": {"vi": "Thu hồi…", "en": "Revoke…"},
    "certs.revoke_title": {"vi": "Thu hồi chứng chỉ", "en": "Revoke a certificate"},
    "certs.revoke_help": {
        "vi": "Việc thu hồi là vĩnh viễn. Danh sách thu hồi có chữ ký đến mọi thiết bị ở lần "
        "đồng bộ sau, theo tệp trả về và theo tệp xuất chứng chỉ. Lý do được ghi kèm mã "
        "chứng chỉ: đừng ghi tên người.",
        "en": "A revocation is for good. The signed revocation list reaches every device at "
        "its next sync, in return files and in certificate exports. The reason travels with "
        "the certificate's id: do not name anyone in it.",
    },
    "certs.id": {"vi": "Mã chứng chỉ", "en": "Certificate id"},
    "certs.reason": {"vi": "Lý do", "en": "Reason"},
    "certs.confirm": {
        "vi": "Thu hồi chứng chỉ này của {name}?",
        "en": "Revoke this certificate of {name}?",
    },
    "certs.confirm_button": {"vi": "Thu hồi vĩnh viễn", "en": "Revoke for good"},
    "certs.cancel": {"vi": "Hủy", "en": "Cancel"},
    "certs.is_revoked": {
        "vi": "Chữ ký hợp lệ, nhưng chứng chỉ đã bị thu hồi lúc {when}: {reason}",
        "en": "The signature is valid, but the certificate was revoked on {when}: {reason}",
    },
    # why a pack was refused (sync.server.dashboard.reasons); the English of a pack rule
    # is the verifier's own sentence (content.errors.Rule); every other refusal is
    # worded by its code, in PROBLEMS below
    "pack_rule.not_a_zip": {
        "vi": "tệp không phải là tệp nén ZIP đọc được",
        "en": "the file is not a readable ZIP archive",
    },
    "pack_rule.path_traversal": {
        "vi": "tên mục trỏ ra ngoài gói (path traversal)",
        "en": "entry name escapes the pack (path traversal)",
    },
    "pack_rule.symlink": {
        "vi": "mục là một liên kết tượng trưng (symlink)",
        "en": "entry is a symbolic link",
    },
    "pack_rule.duplicate_name": {
        "vi": "tên mục xuất hiện hai lần",
        "en": "entry name appears twice",
    },
    "pack_rule.case_collision": {
        "vi": "các tên mục chỉ khác nhau ở chữ hoa, chữ thường",
        "en": "entry names differ only in letter case",
    },
    "pack_rule.too_many_entries": {"vi": "gói có quá nhiều mục", "en": "too many entries"},
    "pack_rule.entry_too_large": {"vi": "mục quá lớn", "en": "entry is too large"},
    "pack_rule.compression_ratio": {
        "vi": "mục nén nhỏ bất thường (nghi là bom zip)",
        "en": "entry compresses suspiciously well (zip bomb)",
    },
    "pack_rule.unlisted_file": {
        "vi": "mục không có trong danh sách của manifest.json",
        "en": "entry is not listed in manifest.json",
    },
    "pack_rule.missing_file": {
        "vi": "thiếu tệp mà manifest.json liệt kê",
        "en": "file listed in manifest.json is missing",
    },
    "pack_rule.size_mismatch": {
        "vi": "kích thước khác với manifest.json",
        "en": "size differs from manifest.json",
    },
    "pack_rule.hash_mismatch": {
        "vi": "mã băm SHA-256 khác với manifest.json (tệp đã bị sửa sau khi ký)",
        "en": "SHA-256 differs from manifest.json",
    },
    "pack_rule.bad_signature": {
        "vi": "chữ ký của manifest không hợp lệ",
        "en": "manifest signature does not verify",
    },
    "pack_rule.untrusted_trust_list": {
        "vi": "danh sách tin cậy không do khóa gốc được tin cậy ký",
        "en": "trust list is not signed by a trusted root",
    },
    "pack_rule.trust_list_expired": {
        "vi": "danh sách tin cậy đã hết hạn",
        "en": "trust list has expired",
    },
    "pack_rule.unknown_key": {
        "vi": "khóa ký không có trong danh sách tin cậy",
        "en": "signing key is not in the trust list",
    },
    "pack_rule.key_not_valid": {
        "vi": "khóa ký không có hiệu lực vào thời điểm tạo gói",
        "en": "signing key was not valid when the pack was created",
    },
    "pack_rule.key_revoked": {"vi": "khóa ký đã bị thu hồi", "en": "signing key has been revoked"},
    "pack_rule.id_outside_prefixes": {
        "vi": "mã gói nằm ngoài các tiền tố mà khóa ký được phép dùng",
        "en": "pack id is outside the signing key's allowed prefixes",
    },
    "pack_rule.version_not_newer": {
        "vi": "phiên bản gói không mới hơn bản đã cài",
        "en": "pack version is not newer than the installed one",
    },
    "pack_rule.unknown_format": {"vi": "định dạng gói không xác định", "en": "unknown pack format"},
    "pack_rule.malformed": {"vi": "tệp sai cấu trúc", "en": "file is malformed"},
    "pack_rule.unsafe_media": {
        "vi": "tệp hình ảnh không phải PNG, JPEG hoặc SVG an toàn",
        "en": "media file is not a safe PNG, JPEG or SVG",
    },
    "pack_rule.app_too_old": {
        "vi": "gói cần phiên bản ứng dụng mới hơn",
        "en": "pack needs a newer version of the app",
    },
    "reason.entered": {"vi": "Giá trị đã nhập: {value}", "en": "You entered: {value}"},
    "reason.english": {"vi": "Chi tiết kỹ thuật (tiếng Anh)", "en": "Technical detail"},
    "reason.other": {
        "vi": "thao tác bị từ chối (xem chi tiết kỹ thuật bên dưới)",
        "en": "refused (see the technical detail below)",
    },
    # held exam attempts (sync.server.grading)
    "attempts.title": {"vi": "Bài thi chờ duyệt", "en": "Held exam attempts"},
    "attempts.help": {
        "vi": "Máy chủ giữ lại các bài thi này, chưa gửi kết quả: học viên thấy «đã nộp, đang "
        "chờ kết quả». Duyệt để chấm và ghi kết quả (đạt thì được cấp chứng chỉ); từ chối để "
        "ghi kết quả «không đạt (bị từ chối)». Mỗi quyết định được ghi vào nhật ký.",
        "en": "The server holds these attempts without a result: the learner sees "
        "“submitted, awaiting result”. Release to grade them and write the result (a pass "
        "earns a certificate); reject to write a “failed (rejected)” result. Every "
        "decision is logged.",
    },
    "attempts.none": {
        "vi": "Không có bài thi nào chờ duyệt.",
        "en": "No exam attempt is held.",
    },
    "attempts.time": {
        "vi": "{taken} giây / tối thiểu {floor} giây ({items} câu)",
        "en": "{taken} s / at least {floor} s ({items} items)",
    },
    "attempts.release": {"vi": "Duyệt…", "en": "Release…"},
    "attempts.reject": {"vi": "Từ chối…", "en": "Reject…"},
    "attempts.release_title": {"vi": "Duyệt bài thi", "en": "Release the attempt"},
    "attempts.reject_title": {"vi": "Từ chối bài thi", "en": "Reject the attempt"},
    "attempts.release_question": {
        "vi": "Duyệt và chấm bài thi này của {name}?",
        "en": "Release and grade this attempt of {name}'s?",
    },
    "attempts.reject_question": {
        "vi": "Từ chối bài thi này của {name}?",
        "en": "Reject this attempt of {name}'s?",
    },
    "attempts.reason": {
        "vi": "Lý do (ghi vào nhật ký)",
        "en": "Reason (kept in the audit log)",
    },
    "attempts.confirm_release": {"vi": "Duyệt và chấm", "en": "Release and grade"},
    "attempts.confirm_reject": {"vi": "Từ chối bài thi", "en": "Reject the attempt"},
    "attempts.cancel": {"vi": "Quay lại", "en": "Back"},
    "attempts.released": {
        "vi": "Đã duyệt: bài thi đã được chấm và kết quả đã được gửi.",
        "en": "Released: the attempt was graded and its result sent.",
    },
    "attempts.rejected": {
        "vi": "Đã từ chối bài thi; học viên sẽ nhận kết quả.",
        "en": "The attempt was rejected; the learner will receive the result.",
    },
    "held.too_fast": {"vi": "làm quá nhanh", "en": "too fast"},
    "held.seed": {
        "vi": "đề không khớp với mã sinh đề",
        "en": "the form is not what its seed draws",
    },
    "held.no_pack": {
        "vi": "máy chủ chưa có phiên bản gói này",
        "en": "this pack version is not on the server",
    },
    "held.no_key": {
        "vi": "máy chủ chưa có khóa chấm thi của bài này",
        "en": "the server lacks this exam's grading key",
    },
    "col.exam": {"vi": "Bài thi", "en": "Exam"},
    "col.submitted": {"vi": "Nộp lúc", "en": "Submitted"},
    "col.time": {"vi": "Thời gian làm bài", "en": "Time taken"},
    "col.held_reason": {"vi": "Lý do giữ lại", "en": "Why held"},
    # audit
    "audit.title": {"vi": "Nhật ký quản trị", "en": "Audit log"},
    "audit.newer": {"vi": "Mới hơn", "en": "Newer"},
    "audit.older": {"vi": "Cũ hơn", "en": "Older"},
    "audit.page": {
        "vi": "Trang {page}/{pages} ({total} mục)",
        "en": "Page {page} of {pages} ({total} entries)",
    },
    # readable everywhere (issue 15): menu, time zone, confirmations, titles, audit log
    "nav.menu": {"vi": "Mục chính", "en": "Main menu"},
    "zone.times_in": {
        "vi": "Thời gian trên trang theo múi giờ {zone}.",
        "en": "Times on this page are in {zone}.",
    },
    "confirm.cancel": {"vi": "Hủy, không làm gì", "en": "Cancel, change nothing"},
    "col.certified_levels": {"vi": "Chứng chỉ theo cấp độ", "en": "Certified by level"},
    "col.assigned": {"vi": "Ngày giao", "en": "Assigned on"},
    "device.revoke_title": {"vi": "Thu hồi thiết bị", "en": "Revoke a device"},
    "device.confirm": {
        "vi": "Thu hồi thiết bị «{device}» của {name}?",
        "en": "Revoke the device “{device}” of {name}?",
    },
    "device.consequence": {
        "vi": "Thiết bị này sẽ không đồng bộ được nữa và tệp đồng bộ ngoại tuyến của nó sẽ bị "
        "từ chối. Các kết quả học tập đã gửi lên vẫn được giữ. Không hoàn tác được: để học "
        "tiếp trên máy này, học viên cần một mã ghi danh mới.",
        "en": "This device will no longer sync, and its offline bundles will be refused. The "
        "results it already sent are kept. This cannot be undone: to go on learning on this "
        "computer, the learner needs a new enrolment code.",
    },
    "device.confirm_button": {"vi": "Thu hồi thiết bị", "en": "Revoke the device"},
    "assign.remove_title": {"vi": "Bỏ giao học phần", "en": "Remove an assignment"},
    "assign.confirm": {
        "vi": "Bỏ giao «{pack}» cho {unit}?",
        "en": "Stop assigning “{pack}” to {unit}?",
    },
    "assign.consequence": {
        "vi": "Từ lần đồng bộ sau, học viên của {unit} và các đơn vị trực thuộc không còn thấy "
        "gói này trong danh sách được giao, và hạn hoàn thành không còn được tính. Kết quả "
        "học tập đã có vẫn được giữ; anh/chị có thể giao lại bất cứ lúc nào.",
        "en": "From their next sync, learners of {unit} and the units below it no longer see "
        "this pack among their assignments, and its due date no longer counts. Their results "
        "are kept; you can assign it again at any time.",
    },
    "assign.confirm_button": {"vi": "Bỏ giao", "en": "Remove the assignment"},
    "attempts.release_consequence": {
        "vi": "Bài thi được chấm ngay và kết quả đến thiết bị của học viên ở lần đồng bộ sau; "
        "nếu đạt, chứng chỉ được ký và cấp. Quyết định được ghi vào nhật ký và không hoàn "
        "tác được.",
        "en": "The attempt is graded now and the result reaches the learner's device at its "
        "next sync; a pass earns a signed certificate. The decision is logged and cannot be "
        "undone.",
    },
    "attempts.reject_consequence": {
        "vi": "Học viên nhận kết quả «không đạt (bị từ chối)» ở lần đồng bộ sau và không được "
        "cấp chứng chỉ. Lý do được ghi vào nhật ký; quyết định không hoàn tác được.",
        "en": "The learner gets a “failed (rejected)” result at the next sync and no "
        "certificate. The reason is logged; the decision cannot be undone.",
    },
    "title.exam": {"vi": "Bài thi cuối Cấp độ {level}", "en": "Level {level} final exam"},
    "title.module_quiz": {
        "vi": "Kiểm tra mô-đun {area} (Cấp độ {level})",
        "en": "Module quiz: {area} (Level {level})",
    },
    "title.item_of": {"vi": "một câu của «{quiz}»", "en": "an item of “{quiz}”"},
    "title.item": {"vi": "«{prompt}» trong «{quiz}»", "en": "“{prompt}” in “{quiz}”"},
    "certs.intro": {
        "vi": "Học viên đạt bài thi cuối một cấp độ (do máy chủ chấm) được cấp chứng chỉ có "
        "chữ ký số của Bộ. Tại đây anh/chị xuất chứng chỉ, thu hồi chứng chỉ cấp sai và "
        "kiểm tra một chứng chỉ được gửi đến có thật và còn hiệu lực hay không.",
        "en": "A learner who passes a level's final exam (graded by the server) receives a "
        "certificate bearing the ministry's digital signature. Here you export certificates, "
        "revoke one issued in error, and check whether a certificate someone sends you is "
        "genuine and still valid.",
    },
    "certs.revoke_where": {
        "vi": "Thường thì anh/chị thu hồi từ trang của học viên (nút «Thu hồi…» cạnh chứng "
        "chỉ). Cũng có thể nhập mã chứng chỉ ghi trong tệp chứng chỉ:",
        "en": "Usually you revoke from the learner's page (the “Revoke…” button beside the "
        "certificate). You can also enter the certificate id written in the certificate file:",
    },
    "audit.pack_version": {"vi": "{pack}, phiên bản {version}", "en": "{pack}, version {version}"},
    "audit.certificate_of": {
        "vi": "chứng chỉ {level} của {name}",
        "en": "{level} certificate of {name}",
    },
    "audit.certificate_unknown": {"vi": "chứng chỉ {id}", "en": "certificate {id}"},
    "audit.device_of": {"vi": "thiết bị «{device}» của {name}", "en": "{name}'s device “{device}”"},
    "audit.device_unknown": {"vi": "thiết bị {id}", "en": "device {id}"},
    "audit.unit_unknown": {"vi": "đơn vị số {id} (không có)", "en": "unit {id} (no such unit)"},
    "audit.attempt_of": {"vi": "bài thi của {name}", "en": "exam attempt of {name}"},
    "audit.attempt_unknown": {"vi": "bài thi {id}", "en": "exam attempt {id}"},
    "audit.assignment_of": {"vi": "giao «{pack}» cho {unit}", "en": "“{pack}” assigned to {unit}"},
    "audit.assignment_unknown": {"vi": "học phần giao số {id}", "en": "assignment {id}"},
    "audit.admin": {"vi": "tài khoản {name}", "en": "account {name}"},
    "audit.trust": {
        "vi": "danh sách tin cậy phiên bản {version}",
        "en": "trust list version {version}",
    },
    "audit.xapi": {"vi": "công cụ xAPI {name}", "en": "xAPI tool {name}"},
    "audit.grading_key": {"vi": "khóa chấm thi {key}", "en": "grading key {key}"},
    "audit.report": {"vi": "báo cáo tổng quan", "en": "the overview report"},
    "audit.role_action": {"vi": "chức năng «{action}»", "en": "the “{action}” function"},
    "audit.export_file": {"vi": "{table} ({format})", "en": "{table} ({format})"},
    "audit.yes": {"vi": "có", "en": "yes"},
    "audit.no": {"vi": "không", "en": "no"},
    "audit.seconds": {"vi": "{n} giây", "en": "{n} s"},
    "audit.result_valid": {"vi": "hợp lệ", "en": "valid"},
    "audit.result_invalid": {"vi": "không hợp lệ", "en": "invalid"},
    "audit.result_revoked": {"vi": "đã bị thu hồi", "en": "revoked"},
    "audit.status_graded": {"vi": "đã chấm", "en": "graded"},
    "audit.status_rejected": {"vi": "bị từ chối", "en": "rejected"},
    "audit.status_held": {"vi": "chờ duyệt", "en": "held"},
    "audit.status_invalid": {"vi": "không hợp lệ", "en": "invalid"},
    "audit.status_cooldown": {"vi": "chưa đến lúc thi lại", "en": "too soon to retake"},
    "audit.status_attempt_limit": {"vi": "hết lượt thi", "en": "no attempts left"},
    "audit.reason_csrf": {
        "vi": "biểu mẫu thiếu mã bảo mật hoặc mã không đúng",
        "en": "the form's security token was missing or wrong",
    },
    "audit.key_accepted": {"vi": "nhận mới", "en": "new"},
    "audit.key_assignments": {"vi": "học phần giao", "en": "assignments"},
    "audit.key_certificate": {"vi": "chứng chỉ", "en": "certificate"},
    "audit.key_certificates": {"vi": "chứng chỉ", "en": "certificates"},
    "audit.key_conflicts": {"vi": "xung đột", "en": "conflicts"},
    "audit.key_days": {"vi": "hiệu lực (ngày)", "en": "valid (days)"},
    "audit.key_due": {"vi": "hạn", "en": "due"},
    "audit.key_duplicates": {"vi": "đã có", "en": "already stored"},
    "audit.key_enrolled": {"vi": "ghi danh thiết bị", "en": "device enrolled"},
    "audit.key_errors": {"vi": "sai định dạng", "en": "malformed"},
    "audit.key_file": {"vi": "tệp", "en": "file"},
    "audit.key_kind": {"vi": "loại", "en": "kind"},
    "audit.key_learner": {"vi": "học viên", "en": "learner"},
    "audit.key_learners": {"vi": "số học viên", "en": "learners"},
    "audit.key_level": {"vi": "cấp độ", "en": "level"},
    "audit.key_lines": {"vi": "số dòng", "en": "lines"},
    "audit.key_name": {"vi": "tên", "en": "name"},
    "audit.key_pack": {"vi": "gói", "en": "pack"},
    "audit.key_packs": {"vi": "gói", "en": "packs"},
    "audit.key_parent": {"vi": "đơn vị cấp trên", "en": "parent unit"},
    "audit.key_path": {"vi": "địa chỉ", "en": "address"},
    "audit.key_reason": {"vi": "lý do", "en": "reason"},
    "audit.key_result": {"vi": "kết quả", "en": "result"},
    "audit.key_revocations": {"vi": "danh sách thu hồi", "en": "revocation list"},
    "audit.key_role": {"vi": "vai trò", "en": "role"},
    "audit.key_rows": {"vi": "số dòng", "en": "rows"},
    "audit.key_score": {"vi": "điểm", "en": "score"},
    "audit.key_sha256": {"vi": "mã băm", "en": "hash"},
    "audit.key_source": {"vi": "địa chỉ máy", "en": "from address"},
    "audit.key_statements": {"vi": "kết quả học tập", "en": "statements"},
    "audit.key_status": {"vi": "trạng thái", "en": "status"},
    "audit.key_text": {"vi": "nội dung", "en": "text"},
    "audit.key_unit": {"vi": "đơn vị", "en": "unit"},
    "audit.key_wait_s": {"vi": "phải chờ", "en": "wait"},
    "audit_action.add-grading-key": {"vi": "Cài khóa chấm thi", "en": "Grading key installed"},
    "audit_action.add-pack": {"vi": "Tải gói lên", "en": "Pack uploaded"},
    "audit_action.add-pack-refused": {"vi": "Gói bị từ chối", "en": "Pack refused"},
    "audit_action.add-xapi-client": {"vi": "Thêm công cụ xAPI", "en": "xAPI tool added"},
    "audit_action.assign": {"vi": "Giao học phần", "en": "Pack assigned"},
    "audit_action.create-admin": {"vi": "Tạo tài khoản quản trị", "en": "Admin account created"},
    "audit_action.create-enrolment-code": {"vi": "Cấp mã ghi danh", "en": "Enrolment code issued"},
    "audit_action.create-learner": {"vi": "Tạo học viên", "en": "Learner created"},
    "audit_action.create-unit": {"vi": "Tạo đơn vị", "en": "Unit created"},
    "audit_action.download-codes": {
        "vi": "Tải danh sách mã ghi danh",
        "en": "Enrolment codes downloaded",
    },
    "audit_action.enrol-csv": {"vi": "Ghi danh hàng loạt", "en": "Bulk enrolment"},
    "audit_action.enrol-throttled": {
        "vi": "Chặn thử mã ghi danh quá nhiều lần",
        "en": "Enrolment attempts throttled",
    },
    "audit_action.export": {"vi": "Xuất bảng", "en": "Table exported"},
    "audit_action.export-return-bundle": {
        "vi": "Tạo tệp trả về cho học viên",
        "en": "Return bundle made for a learner",
    },
    "audit_action.import-bundle": {
        "vi": "Nhập tệp đồng bộ ngoại tuyến",
        "en": "Offline bundle imported",
    },
    "audit_action.import-bundle-refused": {
        "vi": "Tệp đồng bộ ngoại tuyến bị từ chối",
        "en": "Offline bundle refused",
    },
    "audit_action.login": {"vi": "Đăng nhập", "en": "Logged in"},
    "audit_action.login-failed": {"vi": "Đăng nhập sai", "en": "Failed login"},
    "audit_action.login-throttled": {
        "vi": "Chặn đăng nhập sai nhiều lần",
        "en": "Logins throttled after failures",
    },
    "audit_action.refused": {"vi": "Yêu cầu bị từ chối", "en": "Request refused"},
    "audit_action.reject-attempt": {"vi": "Từ chối bài thi", "en": "Exam attempt rejected"},
    "audit_action.release-attempt": {"vi": "Duyệt bài thi", "en": "Exam attempt released"},
    "audit_action.report": {"vi": "Xem báo cáo (dòng lệnh)", "en": "Report (command line)"},
    "audit_action.revoke-certificate": {"vi": "Thu hồi chứng chỉ", "en": "Certificate revoked"},
    "audit_action.revoke-device": {"vi": "Thu hồi thiết bị", "en": "Device revoked"},
    "audit_action.set-trust": {"vi": "Cập nhật danh sách tin cậy", "en": "Trust list updated"},
    "audit_action.unassign": {"vi": "Bỏ giao học phần", "en": "Assignment removed"},
    "audit_action.verify-certificate": {"vi": "Kiểm tra chứng chỉ", "en": "Certificate checked"},
}

# Every refusal code (sync/problems.py) in the admin's words: the dashboard shows a
# refusal by its code, never by matching its English detail. `{retry_after_min}` is
# derived from `retry_after_s` (reasons.py).
PROBLEMS: dict[Problem, dict[str, str]] = {
    Problem.REQUEST_TOO_LARGE: {
        "vi": "yêu cầu quá lớn (tối đa {limit_bytes} byte)",
        "en": "the request is too large (at most {limit_bytes} bytes)",
    },
    Problem.REQUEST_INVALID: {
        "vi": "yêu cầu thiếu trường hoặc có trường sai dạng",
        "en": "the request has missing or malformed fields",
    },
    Problem.REQUEST_MALFORMED: {
        "vi": "yêu cầu sai cấu trúc",
        "en": "the request is malformed",
    },
    Problem.REQUEST_NOT_JSON: {
        "vi": "nội dung yêu cầu không phải JSON",
        "en": "the request body is not JSON",
    },
    Problem.REQUEST_NUMBER_TOO_LARGE: {
        "vi": "một con số trong yêu cầu quá lớn",
        "en": "a number in the request is too large",
    },
    Problem.REQUEST_VALUE_NOT_STORABLE: {
        "vi": "một giá trị có ký tự mà cơ sở dữ liệu không lưu được",
        "en": "a value holds a character the database cannot store",
    },
    Problem.REQUEST_NOT_FOUND: {
        "vi": "không có địa chỉ này trên máy chủ",
        "en": "there is no such address on the server",
    },
    Problem.REQUEST_METHOD: {
        "vi": "địa chỉ này không nhận loại yêu cầu đó",
        "en": "this address does not take that kind of request",
    },
    Problem.SERVER_STORAGE: {
        "vi": "máy chủ tạm thời không ghi được dữ liệu (đĩa đầy hoặc chỉ đọc); thử lại sau "
        "{retry_after_min} phút",
        "en": "the server cannot write its data now (disk full or read-only); try again in "
        "{retry_after_min} minute(s)",
    },
    Problem.SERVER_BUSY: {
        "vi": "máy chủ đang bận; thử lại sau {retry_after_min} phút",
        "en": "the server is busy; try again in {retry_after_min} minute(s)",
    },
    Problem.AUTH_TOKEN_MISSING: {
        "vi": "thiếu mã truy cập của thiết bị",
        "en": "the device token is missing",
    },
    Problem.AUTH_TOKEN_UNKNOWN: {
        "vi": "máy chủ không biết mã truy cập của thiết bị này; hãy ghi danh lại thiết bị",
        "en": "the server does not know this device token; enrol the device again",
    },
    Problem.AUTH_DEVICE_REVOKED: {
        "vi": "thiết bị đã bị quản trị viên thu hồi quyền truy cập",
        "en": "an administrator revoked this device",
    },
    Problem.AUTH_CLIENT_MISSING: {
        "vi": "công cụ xAPI phải xác thực bằng HTTP Basic (khóa và mật khẩu)",
        "en": "xAPI tools authenticate with HTTP Basic (key and secret)",
    },
    Problem.AUTH_CLIENT_UNKNOWN: {
        "vi": "thông tin xác thực xAPI không đúng hoặc đã bị thu hồi",
        "en": "the xAPI credentials are unknown or revoked",
    },
    Problem.ENROL_CODE_UNKNOWN: {
        "vi": "ghi danh bị từ chối: mã ghi danh không tồn tại",
        "en": "the enrolment was refused: unknown enrolment code",
    },
    Problem.ENROL_CODE_USED: {
        "vi": "ghi danh bị từ chối: mã ghi danh đã được dùng; hãy cấp mã mới",
        "en": "the enrolment was refused: the code was already used; issue a new one",
    },
    Problem.ENROL_CODE_EXPIRED: {
        "vi": "ghi danh bị từ chối: mã ghi danh đã hết hạn; hãy cấp mã mới",
        "en": "the enrolment was refused: the code has expired; issue a new one",
    },
    Problem.ENROL_TOO_MANY_ATTEMPTS: {
        "vi": "ghi danh bị từ chối: quá nhiều lần thử mã sai; hãy chờ {retry_after_min} phút",
        "en": "the enrolment was refused: too many failed attempts; wait {retry_after_min} "
        "minute(s)",
    },
    Problem.ENROL_PROFILE_TAKEN: {
        "vi": "ghi danh bị từ chối: hồ sơ này đã được ghi danh cho học viên khác",
        "en": "the enrolment was refused: this profile is enrolled for another learner",
    },
    Problem.ENROL_ID_INVALID: {
        "vi": "ghi danh bị từ chối: {field} không phải UUID",
        "en": "the enrolment was refused: {field} is not a UUID",
    },
    Problem.ENROL_KEY_INVALID: {
        "vi": "ghi danh bị từ chối: khóa công khai của thiết bị không hợp lệ",
        "en": "the enrolment was refused: the device's public key is not valid",
    },
    Problem.STATEMENT_INVALID: {
        "vi": "kết quả học tập {id} sai cấu trúc",
        "en": "statement {id} is malformed",
    },
    Problem.STATEMENT_SERVER_ONLY: {
        "vi": "kết quả học tập {id} mang phần chỉ máy chủ được ghi",
        "en": "statement {id} carries what only the server may write",
    },
    Problem.STATEMENT_TOO_LARGE: {
        "vi": "kết quả học tập {id} có {size_bytes} byte; tối đa {limit_bytes} byte",
        "en": "statement {id} is {size_bytes} bytes; at most {limit_bytes}",
    },
    Problem.STATEMENT_FOREIGN_ACTOR: {
        "vi": "{count} kết quả thuộc về học viên khác, không phải học viên của thiết bị này; "
        "không lưu kết quả nào của tệp",
        "en": "{count} statement(s) are for a learner other than this device's; nothing "
        "in the bundle was stored",
    },
    Problem.STATEMENT_OUTSIDE_UNIT: {
        "vi": "{count} kết quả thuộc về học viên ngoài đơn vị của bạn",
        "en": "{count} statement(s) are for learners outside your unit",
    },
    Problem.STATEMENT_NOT_VOIDABLE: {
        "vi": "{count} kết quả do thiết bị của học viên hoặc máy chủ ghi; "
        "công cụ xAPI không thể hủy",
        "en": "{count} statement(s) were written by a learner's device or the server; "
        "an xAPI tool cannot void them",
    },
    Problem.STATEMENT_CONFLICT: {
        "vi": "{count} mã kết quả đã được lưu với nội dung khác",
        "en": "{count} statement id(s) are stored with other content",
    },
    Problem.STATEMENT_NOT_FOUND: {
        "vi": "không có kết quả học tập này",
        "en": "no such statement",
    },
    Problem.STATEMENT_ID_INVALID: {
        "vi": "mã kết quả học tập không phải UUID",
        "en": "the statement id is not a UUID",
    },
    Problem.STATEMENT_ID_MISMATCH: {
        "vi": "mã trong kết quả học tập khác với tham số statementId",
        "en": "the statement's id differs from the statementId parameter",
    },
    Problem.BATCH_TOO_LARGE: {
        "vi": "{count} kết quả trong một lần gửi; tối đa {limit}",
        "en": "{count} statements in one request; at most {limit}",
    },
    Problem.BATCH_STATEMENTS_REFUSED: {
        "vi": "{count} kết quả bị từ chối vì sai cấu trúc",
        "en": "{count} statement(s) were refused as malformed",
    },
    Problem.BATCH_CONFLICTS: {
        "vi": "{count} mã kết quả đã được lưu với nội dung khác",
        "en": "{count} statement id(s) are stored with other content",
    },
    Problem.XAPI_VERSION_MISSING: {
        "vi": "thiếu tiêu đề X-Experience-API-Version",
        "en": "the X-Experience-API-Version header is missing",
    },
    Problem.XAPI_VERSION_UNSUPPORTED: {
        "vi": "không hỗ trợ xAPI phiên bản {version}; hãy dùng 1.0.x",
        "en": "xAPI version {version} is not supported; use 1.0.x",
    },
    Problem.XAPI_PUT_ONE: {
        "vi": "PUT chỉ nhận một kết quả học tập",
        "en": "PUT takes one statement",
    },
    Problem.XAPI_SINCE_INVALID: {
        "vi": "tham số since không phải thời điểm ISO 8601",
        "en": "since is not an ISO 8601 timestamp",
    },
    Problem.XAPI_ALTERNATE_SYNTAX: {
        "vi": "yêu cầu theo cú pháp thay thế không hợp lệ",
        "en": "the request in the alternate syntax is malformed",
    },
    Problem.XAPI_PARAMETER_UNKNOWN: {
        "vi": "tài nguyên này không nhận tham số {parameter}",
        "en": "this resource takes no parameter {parameter}",
    },
    Problem.XAPI_PARAMETER_INVALID: {
        "vi": "tham số {parameter} không hợp lệ",
        "en": "the parameter {parameter} is not valid",
    },
    Problem.XAPI_VOIDS_VOIDING: {
        "vi": "không thể hủy một kết quả học tập dùng để hủy",
        "en": "a voiding statement cannot be voided",
    },
    Problem.XAPI_MULTIPART: {
        "vi": "thân multipart/mixed không hợp lệ",
        "en": "the multipart/mixed body is malformed",
    },
    Problem.XAPI_ATTACHMENT_MISSING: {
        "vi": "không có phần nào chứa tệp đính kèm {sha2}",
        "en": "no part carries the attachment {sha2}",
    },
    Problem.XAPI_ATTACHMENT_UNUSED: {
        "vi": "phần {sha2} không phải tệp đính kèm của các kết quả học tập",
        "en": "the part {sha2} is not an attachment of the statements",
    },
    Problem.XAPI_SIGNATURE: {
        "vi": "chữ ký của kết quả học tập không hợp lệ hoặc không khớp với nó",
        "en": "the statement's signature is malformed or does not match it",
    },
    Problem.XAPI_CONTENT_TYPE: {
        "vi": "kiểu nội dung của yêu cầu không được chấp nhận ở đây",
        "en": "the request's content type is not accepted here",
    },
    Problem.DOCUMENT_NOT_FOUND: {
        "vi": "không có tài liệu này",
        "en": "there is no such document",
    },
    Problem.DOCUMENT_EXISTS: {
        "vi": "tài liệu đã có; muốn thay thế, hãy gửi kèm If-Match với ETag của tài liệu",
        "en": "the document exists; to replace it, send If-Match with its ETag",
    },
    Problem.DOCUMENT_PRECONDITION: {
        "vi": "điều kiện If-Match hoặc If-None-Match không thỏa mãn; tài liệu không bị thay đổi",
        "en": "the If-Match or If-None-Match condition does not hold; nothing was changed",
    },
    Problem.DOCUMENT_NOT_MERGEABLE: {
        "vi": "POST chỉ gộp được hai tài liệu JSON dạng đối tượng",
        "en": "POST can only merge two JSON object documents",
    },
    Problem.PACK_NOT_ASSIGNED: {
        "vi": "gói {pack} phiên bản {version} không được giao cho đơn vị của học viên",
        "en": "pack {pack} version {version} is not assigned to the learner's unit",
    },
    Problem.TRUST_NONE: {
        "vi": "máy chủ chưa có danh sách tin cậy",
        "en": "the server holds no trust list yet",
    },
    Problem.BUNDLE_RETURN_BUNDLE: {
        "vi": "đây là tệp máy chủ gửi về cho học viên; hãy mở tệp này trong ứng dụng, "
        "không nhập ở đây",
        "en": "this is a return bundle from the server; open it in the app, not here",
    },
    Problem.BUNDLE_NOT_BUNDLE: {
        "vi": "đây không phải tệp đồng bộ Học Vụ Số",
        "en": "this is not a Học Vụ Số sync bundle",
    },
    Problem.BUNDLE_TRUNCATED: {
        "vi": "tệp bị cắt cụt hoặc bị hỏng",
        "en": "the file is truncated or damaged",
    },
    Problem.BUNDLE_HEADER: {
        "vi": "phần đầu của tệp bị hỏng hoặc không hợp lệ",
        "en": "the bundle's header is damaged or not valid",
    },
    Problem.BUNDLE_UNKNOWN_FORMAT: {
        "vi": "tệp có định dạng không xác định (có thể do phiên bản ứng dụng mới hơn tạo)",
        "en": "the bundle's format is unknown (a newer version of the app may have made it)",
    },
    Problem.BUNDLE_OTHER_SERVER: {
        "vi": "tệp được làm cho một máy chủ khác, không phải máy chủ này",
        "en": "the bundle was made for another server, not this one",
    },
    Problem.BUNDLE_CANNOT_DECRYPT: {
        "vi": "không giải mã được nội dung: tệp bị hỏng hoặc đã bị sửa đổi",
        "en": "the contents cannot be decrypted: the bundle is damaged or was altered",
    },
    Problem.BUNDLE_CONTENTS: {
        "vi": "nội dung đã giải mã không phải danh sách kết quả học tập",
        "en": "the decrypted contents are not a list of statements",
    },
    Problem.BUNDLE_DEVICE_REVOKED: {
        "vi": "thiết bị {device} đã bị thu hồi; không nhập gì",
        "en": "device {device} was revoked; nothing was imported",
    },
    Problem.BUNDLE_SIGNATURE_DEVICE: {
        "vi": "chữ ký không khớp với khóa đã đăng ký của thiết bị {device}: tệp đã bị sửa "
        "sau khi xuất, hoặc do thiết bị khác tạo",
        "en": "the signature does not verify with device {device}'s registered key: the "
        "bundle was changed after export, or another device made it",
    },
    Problem.BUNDLE_NOT_ENROLLED: {
        "vi": "thiết bị {device} chưa ghi danh và tệp không kèm mã ghi danh; hãy nhập mã "
        "vào ứng dụng rồi xuất lại tệp",
        "en": "device {device} is not enrolled and the bundle carries no enrolment code; "
        "export it again after entering the code in the app",
    },
    Problem.BUNDLE_SIGNATURE: {
        "vi": "chữ ký không hợp lệ: tệp đã bị sửa sau khi xuất",
        "en": "the signature does not verify: the bundle was changed after export",
    },
    Problem.BUNDLE_ENROLMENT_KEY: {
        "vi": "yêu cầu ghi danh trong tệp ghi một khóa thiết bị khác",
        "en": "the enrolment inside names another device key",
    },
    Problem.BUNDLE_NO_LEARNER: {
        "vi": "không có học viên {learner}",
        "en": "no learner {learner}",
    },
    Problem.BUNDLE_STATEMENTS_BUNDLE: {
        "vi": "đây là tệp kết quả gửi lên Bộ, không phải tệp Bộ gửi về",
        "en": "this is a file of results for the ministry, not a return bundle from it",
    },
    Problem.BUNDLE_DAMAGED: {
        "vi": "tệp bị hỏng hoặc không đầy đủ",
        "en": "the bundle is damaged or incomplete",
    },
    Problem.BUNDLE_ALTERED: {
        "vi": "tệp đã bị sửa sau khi máy chủ tạo ra",
        "en": "the bundle was changed after the server made it",
    },
    Problem.BUNDLE_OTHER_LEARNER: {
        "vi": "tệp này dành cho học viên khác",
        "en": "this bundle is for another learner",
    },
    Problem.BUNDLE_UNREADABLE: {
        "vi": "không đọc được tệp",
        "en": "the file cannot be read",
    },
    Problem.CERTIFICATE_NOT_JSON: {
        "vi": "nội dung không phải JSON",
        "en": "the certificate is not JSON",
    },
    Problem.CERTIFICATE_SHAPE: {
        "vi": "nội dung không có dạng của một chứng chỉ (cần phần certificate và signature)",
        "en": "this is not shaped like a certificate (it needs certificate and signature)",
    },
    Problem.CERTIFICATE_FORMAT: {
        "vi": "định dạng chứng chỉ không xác định hoặc bị thiếu",
        "en": "the certificate's format is unknown or missing",
    },
    Problem.CERTIFICATE_OTHER_KEY: {
        "vi": "chứng chỉ không do khóa của máy chủ này ({key}) ký",
        "en": "the certificate was not signed by this server's key ({key})",
    },
    Problem.CERTIFICATE_ALTERED: {
        "vi": "chữ ký không hợp lệ: nội dung chứng chỉ đã bị sửa",
        "en": "the signature does not verify: the certificate was changed",
    },
    Problem.REVOCATIONS_INVALID: {
        "vi": "danh sách chứng chỉ bị thu hồi không hợp lệ hoặc đã bị sửa",
        "en": "the certificate revocation list is not valid or was changed",
    },
    Problem.ATTEMPT_NOT_FOUND: {
        "vi": "Không tìm thấy bài thi này hoặc bài nộp của nó.",
        "en": "This attempt or its submission cannot be found.",
    },
    Problem.ATTEMPT_NOT_HELD: {
        "vi": "Bài thi này đã được quyết định rồi; không còn chờ duyệt.",
        "en": "This attempt was decided already; it is no longer held.",
    },
    Problem.ATTEMPT_REASON_NEEDED: {
        "vi": "Hãy ghi lý do từ chối.",
        "en": "Give the reason for rejecting it.",
    },
    Problem.ATTEMPT_NO_PACK: {
        "vi": "Chưa chấm được: máy chủ chưa có phiên bản gói mà học viên đã dùng. Hãy tải "
        "phiên bản đó lên trước.",
        "en": "It cannot be graded yet: the server lacks the pack version the learner used. "
        "Upload that version first.",
    },
    Problem.ATTEMPT_NO_KEY: {
        "vi": "Chưa chấm được: máy chủ chưa có khóa chấm thi mở được bài thi này. Hãy cài "
        "khóa (hocvu admin add-grading-key) trước.",
        "en": "It cannot be graded yet: the server lacks the grading key that opens this "
        "exam. Install it (hocvu admin add-grading-key) first.",
    },
    Problem.ATTEMPT_TOO_FAST: {
        "vi": "Chưa chấm được bài thi này.",
        "en": "This attempt cannot be graded.",
    },
    Problem.ATTEMPT_SEED: {
        "vi": "Chưa chấm được bài thi này.",
        "en": "This attempt cannot be graded.",
    },
    Problem.ADMIN_UNIT_KIND: {
        "vi": "loại đơn vị «{kind}» không tồn tại",
        "en": "there is no unit kind «{kind}»",
    },
    Problem.ADMIN_PARENT_NEEDED: {
        "vi": "chỉ Bộ là đơn vị không có đơn vị cấp trên; hãy chọn đơn vị cấp trên",
        "en": "only the ministry has no parent unit; choose the parent unit",
    },
    Problem.ADMIN_UNIT_NEEDED: {
        "vi": "hãy chọn đơn vị",
        "en": "choose the unit",
    },
    Problem.ADMIN_OUTPUT_NEEDED: {
        "vi": "hãy chọn tệp để ghi bảng {table}",
        "en": "choose the file to write the {table} table to",
    },
    Problem.ADMIN_NO_UNIT: {"vi": "không có đơn vị {unit}", "en": "no unit {unit}"},
    Problem.ADMIN_NO_LEARNER: {"vi": "không có học viên {learner}", "en": "no learner {learner}"},
    Problem.ADMIN_NO_DEVICE: {"vi": "không có thiết bị {device}", "en": "no device {device}"},
    Problem.ADMIN_NO_PACK: {
        "vi": "chưa có gói {pack} trên máy chủ; hãy tải gói lên trước",
        "en": "no pack {pack} on the server; upload it first",
    },
    Problem.ADMIN_NO_ASSIGNMENT: {
        "vi": "không có học phần đã giao số {assignment}; có thể đã bị bỏ giao",
        "en": "no assignment {assignment}; it may have been removed already",
    },
    Problem.ADMIN_NO_CERTIFICATE: {
        "vi": "không có chứng chỉ {certificate} trong phạm vi của bạn",
        "en": "no certificate {certificate} within your scope",
    },
    Problem.ADMIN_CODE_DAYS: {
        "vi": "mã ghi danh có hiệu lực từ 1 đến 365 ngày",
        "en": "an enrolment code is valid for 1 to 365 days",
    },
    Problem.ADMIN_ROLE: {
        "vi": "vai trò «{role}» không tồn tại",
        "en": "there is no role «{role}»",
    },
    Problem.ADMIN_PASSWORD_SHORT: {
        "vi": "mật khẩu quản trị cần ít nhất 12 ký tự",
        "en": "an admin password needs at least 12 characters",
    },
    Problem.ADMIN_EXISTS: {
        "vi": "đã có quản trị viên tên {name}",
        "en": "an admin named {name} exists already",
    },
    Problem.ADMIN_CLIENT_EXISTS: {
        "vi": "đã có công cụ xAPI tên {name}",
        "en": "an xAPI client named {name} exists already",
    },
    Problem.ADMIN_PACK_EXISTS: {
        "vi": "gói {pack} phiên bản {version} đã có trên máy chủ",
        "en": "{pack} version {version} is already on the server",
    },
    Problem.ADMIN_TRUST_OLDER: {
        "vi": "danh sách tin cậy phiên bản {version} cũ hơn phiên bản {current} của máy chủ; "
        "danh sách tin cậy không bao giờ lùi lại",
        "en": "trust list version {version} is older than the server's {current}; a trust "
        "list never goes back",
    },
    Problem.ADMIN_CSV_INVALID: {
        "vi": "tệp CSV ghi danh có lỗi; không tạo học viên nào",
        "en": "the enrolment CSV has errors; no learner was created",
    },
    Problem.ADMIN_REASON_NEEDED: {
        "vi": "cần ghi lý do thu hồi (tối đa 500 ký tự)",
        "en": "give the reason for the revocation (at most 500 characters)",
    },
    Problem.ADMIN_REASON_TOO_LONG: {
        "vi": "lý do dài quá {limit} ký tự",
        "en": "the reason is longer than {limit} characters",
    },
    Problem.ADMIN_CERTIFICATE_REVOKED: {
        "vi": "chứng chỉ {certificate} đã bị thu hồi trước đó",
        "en": "certificate {certificate} was revoked already",
    },
}
MESSAGES |= {f"problem.{problem.code}": texts for problem, texts in PROBLEMS.items()}


def translator(lang: str) -> Callable[..., str]:
    def t(message_id: str, **values) -> str:
        text = MESSAGES.get(message_id, {}).get(lang) or message_id
        return text.format(**values) if values else text

    return t


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f} %"


def when(value: datetime | None) -> str:
    """A time in UTC, to the minute (the dashboard's readers span time zones)."""
    if value is None:
        return "–"
    return (
        aware(value).strftime("%Y-%m-%d %H:%M UTC") if isinstance(value, datetime) else str(value)
    )
