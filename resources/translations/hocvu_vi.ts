<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CertificateExport</name>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="26"/>
        <source>Export certificate</source>
        <translation>Xuất chứng chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="28"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="35"/>
        <source>Certificate of digital competence</source>
        <translation>Chứng chỉ năng lực số</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="38"/>
        <source>Passed on %1</source>
        <translation>Đạt ngày %1</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="39"/>
        <source>Signed by the ministry server</source>
        <translation>Đã được máy chủ của Bộ ký</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="41"/>
        <source>Provisional: not yet signed by the ministry server</source>
        <translation>Tạm thời: chưa được máy chủ của Bộ ký</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="43"/>
        <source>The QR code holds this record; a signed record can be checked offline with the ministry&apos;s public key.</source>
        <translation>Mã QR chứa dữ liệu của chứng chỉ này; chứng chỉ đã ký có thể được xác minh mà không cần kết nối mạng, bằng khóa công khai của Bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="55"/>
        <source>Saved %1.</source>
        <translation>Đã lưu %1.</translation>
    </message>
</context>
<context>
    <name>CertificatesScreen</name>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="63"/>
        <source>Certificates</source>
        <translation>Chứng chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="66"/>
        <source>The ministry grades each level exam and signs a certificate for a pass; it arrives with the next sync, or with the next file from the ministry. A signed certificate exports to PDF with a QR code that can be checked offline.</source>
        <translation>Bộ chấm từng bài thi cấp độ và ký chứng chỉ cho bài thi đạt; chứng chỉ về máy ở lần đồng bộ tiếp theo, hoặc theo tệp tiếp theo do Bộ gửi. Chứng chỉ đã ký xuất được ra PDF kèm mã QR, kiểm tra được cả khi không có mạng.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="71"/>
        <source>&amp;Export to PDF…</source>
        <translation>&amp;Xuất ra PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="72"/>
        <source>Certificates earned</source>
        <translation>Chứng chỉ đã đạt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="74"/>
        <source>No certificate yet</source>
        <translation>Chưa có chứng chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="76"/>
        <source>A pass in a level exam, graded by the ministry, earns one. Finish a level&apos;s modules in the library, then take its exam.</source>
        <translation>Anh/chị nhận chứng chỉ khi đạt bài thi cấp độ do Bộ chấm. Hãy hoàn thành các học phần của cấp độ trong thư viện, sau đó làm bài thi của cấp độ đó.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="79"/>
        <source>Open the &amp;library</source>
        <translation>Mở &amp;thư viện</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="93"/>
        <source>signed by the ministry</source>
        <translation>đã được Bộ ký</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="95"/>
        <source>graded on this computer; not confirmed by the ministry</source>
        <translation>chấm trên máy tính này; chưa được Bộ xác nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="100"/>
        <source>REVOKED by the ministry on %1: %2</source>
        <translation>Đã bị Bộ THU HỒI ngày %1: %2</translation>
    </message>
</context>
<context>
    <name>ChoiceWidget</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="74"/>
        <source>True</source>
        <translation>Đúng</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="74"/>
        <source>False</source>
        <translation>Sai</translation>
    </message>
</context>
<context>
    <name>FeedbackLabel</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="218"/>
        <source>✓ Correct.</source>
        <translation>✓ Chính xác.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="220"/>
        <source>Partly right (%1%).</source>
        <translation>Đúng một phần (%1%).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="222"/>
        <source>✗ Not quite.</source>
        <translation>✗ Chưa đúng.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="226"/>
        <source>True</source>
        <translation>Đúng</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="226"/>
        <source>False</source>
        <translation>Sai</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="228"/>
        <source>The right answer:</source>
        <translation>Đáp án đúng:</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../desktop/ui/home.py" line="108"/>
        <source>Continue</source>
        <translation>Học tiếp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="109"/>
        <source>&amp;Continue</source>
        <translation>&amp;Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="110"/>
        <location filename="../../desktop/ui/home.py" line="148"/>
        <source>Take the &amp;placement test</source>
        <translation>Làm bài &amp;kiểm tra đầu vào</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="111"/>
        <source>Progress by area</source>
        <translation>Tiến độ theo lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="112"/>
        <source>Progress by level</source>
        <translation>Tiến độ theo cấp độ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="113"/>
        <source>Review</source>
        <translation>Ôn tập</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="114"/>
        <source>&amp;Review now</source>
        <translation>Ôn tập &amp;ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="115"/>
        <source>Continue &amp;learning</source>
        <translation>Tiếp tục &amp;học</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="116"/>
        <source>Assigned to you</source>
        <translation>Được giao cho anh/chị</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="117"/>
        <source>Certificates</source>
        <translation>Chứng chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="118"/>
        <source>Level exams</source>
        <translation>Bài thi cấp độ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="119"/>
        <source>Level exam results</source>
        <translation>Kết quả bài thi cấp độ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="120"/>
        <source>Assigned packs</source>
        <translation>Gói nội dung được giao</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="122"/>
        <source>Certificates earned</source>
        <translation>Chứng chỉ đã đạt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="134"/>
        <source>Hello, %1</source>
        <translation>Xin chào, %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="139"/>
        <source>Next: %1</source>
        <translation>Tiếp theo: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="142"/>
        <source>Everything is done. Well done!</source>
        <translation>Anh/chị đã hoàn thành tất cả. Xin chúc mừng!</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="146"/>
        <source>Continue the &amp;placement test</source>
        <translation>Làm tiếp bài &amp;kiểm tra đầu vào</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/home.py" line="153"/>
        <source>%n question(s) to review today.</source>
        <translation>
            <numerusform>Hôm nay có %n câu hỏi cần ôn tập.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="155"/>
        <source>Nothing to review now. Next review: %1.</source>
        <translation>Hiện chưa có câu hỏi nào cần ôn tập. Lần ôn tập tiếp theo: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="159"/>
        <source>Nothing to review now.</source>
        <translation>Hiện chưa có câu hỏi nào cần ôn tập.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="178"/>
        <source>%1 — due %2</source>
        <translation>%1 — hạn %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="181"/>
        <source>Nothing assigned yet.</source>
        <translation>Chưa có nội dung nào được giao.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="187"/>
        <source>No level exam submitted yet. The ministry grades each exam.</source>
        <translation>Anh/chị chưa nộp bài thi cấp độ nào. Mỗi bài thi do Bộ chấm.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="191"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="193"/>
        <source>(graded on this computer; not confirmed by the ministry)</source>
        <translation>(chấm trên máy tính này; chưa được Bộ xác nhận)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="196"/>
        <source>No certificate yet: pass a level exam.</source>
        <translation>Chưa có chứng chỉ: hãy vượt qua một bài thi cấp độ.</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="74"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="77"/>
        <location filename="../../desktop/ui/quiz_intro.py" line="155"/>
        <source>&amp;Start</source>
        <translation>&amp;Bắt đầu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="82"/>
        <source>Module quiz · practice</source>
        <translation>Bài kiểm tra mô-đun · luyện tập</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="83"/>
        <source>Counts for your certificate · graded by the ministry</source>
        <translation>Tính để cấp chứng chỉ · do Bộ chấm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="84"/>
        <source>Before you start · a diagnostic test</source>
        <translation>Trước khi bắt đầu học · bài kiểm tra chẩn đoán</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="87"/>
        <source>%n question(s).</source>
        <translation>
            <numerusform>%n câu hỏi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="90"/>
        <source>Time limit: %n minute(s); the clock keeps running if you close the app.</source>
        <translation>
            <numerusform>Thời gian làm bài: %n phút; đồng hồ vẫn chạy nếu anh/chị đóng ứng dụng.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="95"/>
        <source>About %n minute(s); no time limit.</source>
        <translation>
            <numerusform>Khoảng %n phút; không giới hạn thời gian.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="100"/>
        <source>This exam counts for your certificate: nothing is checked here, the ministry grades it after you submit it. Pass mark: %1%.</source>
        <translation>Bài thi này được tính để cấp chứng chỉ: ứng dụng không chấm câu nào, Bộ chấm bài sau khi anh/chị nộp. Điểm đạt: %1%.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="105"/>
        <source>Attempts left at this version of the exam: %1 of %2.</source>
        <translation>Số lần thi còn lại với phiên bản này của bài thi: %1 trên %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="110"/>
        <source>After you submit, the result and, if you pass, the certificate arrive with the next sync.</source>
        <translation>Sau khi anh/chị nộp bài, kết quả và chứng chỉ (nếu đạt) sẽ về máy ở lần đồng bộ tiếp theo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="115"/>
        <source>%n area(s), one section each, from the basics up. The test only shapes your path: what you already master is skipped. Answer what you know and leave the rest blank.</source>
        <translation>
            <numerusform>%n lĩnh vực, mỗi lĩnh vực một phần, từ cơ bản trở lên. Bài kiểm tra chỉ để xác định lộ trình học của anh/chị: nội dung anh/chị đã nắm vững sẽ được miễn. Anh/chị trả lời những câu mình biết và có thể bỏ trống các câu còn lại.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="122"/>
        <source>You can leave at any time and continue later. At the end: a summary by area of what you may skip and where to start.</source>
        <translation>Anh/chị có thể dừng bất cứ lúc nào và làm tiếp sau. Khi kết thúc: bản tóm tắt theo lĩnh vực cho biết nội dung được miễn và nên bắt đầu học từ đâu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="127"/>
        <source>Practice: each answer is checked at once and the first answer counts. Pass mark: %1%. Nothing here is certified.</source>
        <translation>Luyện tập: mỗi câu trả lời được kiểm tra ngay và câu trả lời đầu tiên được tính. Điểm đạt: %1%. Kết quả luyện tập không dùng để cấp chứng chỉ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="131"/>
        <source>At the end: your result by area, the questions to revisit with the right answers, and Retry for a new set of questions.</source>
        <translation>Khi kết thúc: kết quả theo lĩnh vực, các câu cần xem lại kèm đáp án đúng, và nút Làm lại để làm một bộ câu hỏi mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="140"/>
        <source>You started this earlier: %1 of %2 answered. It continues where you left off.</source>
        <translation>Anh/chị đã bắt đầu bài này trước đó: đã trả lời %1/%2 câu. Bài làm sẽ tiếp tục từ chỗ anh/chị dừng lại.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="147"/>
        <source>About %n minute(s) left on the clock.</source>
        <translation>
            <numerusform>Đồng hồ còn khoảng %n phút.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="151"/>
        <source>C&amp;ontinue</source>
        <translation>&amp;Làm tiếp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="153"/>
        <source>&amp;Start the exam…</source>
        <translation>&amp;Bắt đầu làm bài…</translation>
    </message>
</context>
<context>
    <name>LessonScreen</name>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="83"/>
        <source>← &amp;Previous</source>
        <translation>← Bài &amp;trước</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="140"/>
        <source>&amp;Next →</source>
        <translation>Bài &amp;sau →</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="85"/>
        <source>Check &amp;yourself</source>
        <translation>Tự kiểm t&amp;ra</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="86"/>
        <source>One question from this module&apos;s quiz, checked at once</source>
        <translation>Một câu hỏi trong bài kiểm tra của mô-đun, chấm ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="88"/>
        <source>Lesson language</source>
        <translation>Ngôn ngữ bài học</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="89"/>
        <location filename="../../desktop/ui/lesson.py" line="91"/>
        <source>Smaller text</source>
        <translation>Chữ nhỏ hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="90"/>
        <location filename="../../desktop/ui/lesson.py" line="92"/>
        <source>Larger text</source>
        <translation>Chữ lớn hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="93"/>
        <source>Lesson text</source>
        <translation>Nội dung bài học</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="112"/>
        <source>about %1 min</source>
        <translation>khoảng %1 phút</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="140"/>
        <source>&amp;Module quiz →</source>
        <translation>&amp;Kiểm tra mô-đun →</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="143"/>
        <source>✓ Done</source>
        <translation>✓ Đã học xong</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="143"/>
        <source>Mark as &amp;done</source>
        <translation>Đánh &amp;dấu đã học xong</translation>
    </message>
</context>
<context>
    <name>LibraryScreen</name>
    <message>
        <location filename="../../desktop/ui/library.py" line="135"/>
        <source>Library</source>
        <translation>Thư viện</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="136"/>
        <source>Content</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="136"/>
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="137"/>
        <source>Levels, modules and lessons</source>
        <translation>Cấp độ, học phần và bài học</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="138"/>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="183"/>
        <source>%1/%2 lessons</source>
        <translation>%1/%2 bài</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="198"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="206"/>
        <source>Module quiz</source>
        <translation>Bài kiểm tra học phần</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="210"/>
        <source>best %1%</source>
        <translation>cao nhất %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="223"/>
        <source>Level exam</source>
        <translation>Bài thi cấp độ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="222"/>
        <source>passed</source>
        <translation>đã đạt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="249"/>
        <location filename="../../desktop/ui/main_window.py" line="588"/>
        <location filename="../../desktop/ui/main_window.py" line="600"/>
        <source>Học Vụ Số</source>
        <translation>Học Vụ Số</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="251"/>
        <source>Home</source>
        <translation>Trang chủ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="252"/>
        <source>Library</source>
        <translation>Thư viện</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="253"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="254"/>
        <source>Certificates</source>
        <translation>Chứng chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="255"/>
        <source>Import a pack…</source>
        <translation>Nhập gói nội dung…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="256"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="257"/>
        <source>Lock</source>
        <translation>Khóa</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="262"/>
        <source>Navigation</source>
        <translation>Điều hướng</translation>
    </message>
</context>
<context>
    <name>MatchingWidget</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="183"/>
        <source>— choose —</source>
        <translation>— chọn —</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/ui/messages.py" line="23"/>
        <source>Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.</source>
        <translation>Cụm mật khẩu không đúng. Hãy kiểm tra phím Caps Lock và bộ gõ bàn phím, rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="27"/>
        <source>This profile&apos;s record on this computer is damaged, so it cannot be unlocked. Your synced results are safe on the ministry server; ask your IT officer to restore the profile.</source>
        <translation>Dữ liệu của hồ sơ này trên máy tính đã bị hỏng nên không thể mở khóa. Các kết quả đã đồng bộ của anh/chị vẫn được lưu an toàn trên máy chủ của Bộ; hãy đề nghị cán bộ công nghệ thông tin khôi phục hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="33"/>
        <source>The learner data file is damaged or is not a Học Vụ Số file. Nothing was changed. Ask your IT officer for help.</source>
        <translation>Tệp dữ liệu học tập bị hỏng hoặc không phải tệp của Học Vụ Số. Không có gì bị thay đổi. Hãy liên hệ cán bộ công nghệ thông tin để được hỗ trợ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="38"/>
        <source>Your data was saved by a newer version of Học Vụ Số. Install the newer version to open it.</source>
        <translation>Dữ liệu của anh/chị được lưu bởi một phiên bản Học Vụ Số mới hơn. Hãy cài đặt phiên bản mới hơn để mở dữ liệu này.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="43"/>
        <source>This passphrase is too short or too common. Use at least 8 characters; four random words are best.</source>
        <translation>Cụm mật khẩu này quá ngắn hoặc quá phổ biến. Hãy dùng ít nhất 8 ký tự; tốt nhất là bốn từ ngẫu nhiên.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="53"/>
        <source>Something went wrong (%1). Nothing was lost; please try again.</source>
        <translation>Đã xảy ra lỗi (%1). Không có dữ liệu nào bị mất; vui lòng thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="62"/>
        <source>The disk or USB stick is full. Free some space or choose another place, then try again. Nothing already saved was changed.</source>
        <translation>Ổ đĩa hoặc USB đã đầy. Hãy giải phóng bớt dung lượng hoặc chọn nơi lưu khác rồi thử lại. Những gì đã lưu trước đó không bị thay đổi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="66"/>
        <source>This disk or USB stick is read-only (it may have a lock switch). Choose another place, then try again.</source>
        <translation>Ổ đĩa hoặc USB này chỉ cho phép đọc (có thể đang gạt khóa chống ghi). Hãy chọn nơi lưu khác rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="70"/>
        <source>Học Vụ Số may not write or read there. Choose a folder of your own, such as Documents, then try again.</source>
        <translation>Học Vụ Số không được phép ghi hoặc đọc ở đó. Hãy chọn một thư mục của anh/chị, ví dụ Tài liệu (Documents), rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="74"/>
        <source>The file or folder is no longer there (was a USB stick removed?). Check it, then try again.</source>
        <translation>Tệp hoặc thư mục không còn ở đó (USB đã bị rút ra?). Hãy kiểm tra lại rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="83"/>
        <source>The file could not be read or written (error %1). Check the disk and try again.</source>
        <translation>Không đọc hoặc ghi được tệp (lỗi %1). Hãy kiểm tra ổ đĩa rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="105"/>
        <source>Not connected to the ministry server yet: enter its address and your enrolment code above, then press Connect.</source>
        <translation>Chưa kết nối với máy chủ của Bộ: hãy nhập địa chỉ máy chủ và mã đăng ký ở trên, rồi bấm Kết nối.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="109"/>
        <source>This is not a server address. It starts with https://, as on the sheet from your administrator.</source>
        <translation>Đây không phải là địa chỉ máy chủ. Địa chỉ bắt đầu bằng https://, như trên tờ hướng dẫn do quản trị viên cấp.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="113"/>
        <source>This address uses plain http, which anyone on the network could read or change. Use the https:// address your ministry gave you.</source>
        <translation>Địa chỉ này dùng http thường, ai trên mạng cũng có thể đọc hoặc sửa dữ liệu. Hãy dùng địa chỉ https:// mà Bộ cung cấp.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="117"/>
        <source>The server does not know this enrolment code. Check it letter by letter against the one from your administrator (it looks like ABCD-EFGH-JKMN).</source>
        <translation>Máy chủ không nhận ra mã đăng ký này. Hãy đối chiếu từng ký tự với mã do quản trị viên cấp (có dạng ABCD-EFGH-JKMN).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="121"/>
        <source>This enrolment code has already been used; each code works once. Ask your unit&apos;s administrator for a new one.</source>
        <translation>Mã đăng ký này đã được sử dụng; mỗi mã chỉ dùng được một lần. Hãy xin quản trị viên của đơn vị mã mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="125"/>
        <source>This enrolment code has expired. Ask your unit&apos;s administrator for a new one.</source>
        <translation>Mã đăng ký này đã hết hạn. Hãy xin quản trị viên của đơn vị mã mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="128"/>
        <source>Too many wrong enrolment codes were tried. Wait %1, check the code with your administrator, then try again.</source>
        <translation>Đã nhập sai mã đăng ký quá nhiều lần. Hãy chờ %1, kiểm tra lại mã với quản trị viên, rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="132"/>
        <source>This profile is already enrolled for another learner. Each learner needs their own profile: create yours on the unlock screen, then connect it.</source>
        <translation>Hồ sơ này đã được đăng ký cho một người học khác. Mỗi người học cần có hồ sơ riêng: hãy tạo hồ sơ của anh/chị ở màn hình mở khóa, rồi kết nối hồ sơ đó.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="137"/>
        <source>The ministry server cannot be reached. Check the address and the network connection; nothing was lost, and sync will try again later.</source>
        <translation>Không kết nối được máy chủ của Bộ. Hãy kiểm tra địa chỉ và kết nối mạng; không có dữ liệu nào bị mất, ứng dụng sẽ tự đồng bộ lại sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="141"/>
        <source>The connection to the server is not secure: its certificate could not be checked, so nothing was sent. Check the server address; on a ministry or embassy network, ask your IT officer.</source>
        <translation>Kết nối tới máy chủ không an toàn: không kiểm tra được chứng thư số của máy chủ nên chưa có dữ liệu nào được gửi đi. Hãy kiểm tra địa chỉ máy chủ; nếu dùng mạng của Bộ hoặc của cơ quan đại diện, hãy hỏi cán bộ công nghệ thông tin.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="146"/>
        <source>The server&apos;s certificate is not valid at this computer&apos;s date and time, so the connection was stopped. Check that the date, time and time zone of this computer are right, then sync again. Nothing was lost.</source>
        <translation>Chứng thư số của máy chủ không hợp lệ theo ngày giờ của máy tính này nên kết nối đã bị dừng. Hãy kiểm tra ngày, giờ và múi giờ của máy tính, rồi đồng bộ lại. Không có dữ liệu nào bị mất.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="151"/>
        <source>The answer did not come from the ministry server. A hotel or public network may be asking you to sign in first: open a web browser, sign in, then sync again.</source>
        <translation>Phản hồi nhận được không phải từ máy chủ của Bộ. Có thể mạng của khách sạn hoặc mạng công cộng đang yêu cầu đăng nhập trước: hãy mở trình duyệt web, đăng nhập, rồi đồng bộ lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="156"/>
        <source>The ministry server is busy. Nothing was lost; sync will try again in a few minutes.</source>
        <translation>Máy chủ của Bộ đang bận. Không có dữ liệu nào bị mất; ứng dụng sẽ tự đồng bộ lại sau vài phút.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="160"/>
        <source>The ministry server has a fault (error %1). Nothing was lost; sync will try again later. If this lasts more than a day, tell your administrator.</source>
        <translation>Máy chủ của Bộ đang gặp sự cố (lỗi %1). Không có dữ liệu nào bị mất; ứng dụng sẽ tự đồng bộ lại sau. Nếu tình trạng này kéo dài quá một ngày, hãy báo cho quản trị viên.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="164"/>
        <source>The server refused the request (error %1). Nothing was lost. If this keeps happening, tell your administrator.</source>
        <translation>Máy chủ từ chối yêu cầu (lỗi %1). Không có dữ liệu nào bị mất. Nếu việc này tiếp tục xảy ra, hãy báo cho quản trị viên.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="169"/>
        <source>This laptop was disconnected by the ministry: an administrator withdrew its access. Your results on it are kept. Ask your unit&apos;s administrator for a new enrolment code, then press Connect again.</source>
        <translation>Máy tính này đã bị Bộ ngắt kết nối: quản trị viên đã thu hồi quyền truy cập của máy. Kết quả học tập trên máy vẫn được giữ nguyên. Hãy xin quản trị viên của đơn vị mã đăng ký mới, rồi bấm Kết nối lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="174"/>
        <source>The server no longer knows this computer. Your results on it are kept. Ask your unit&apos;s administrator for a new enrolment code, then press Connect again.</source>
        <translation>Máy chủ không còn nhận ra máy tính này. Kết quả học tập trên máy vẫn được giữ nguyên. Hãy xin quản trị viên của đơn vị mã đăng ký mới, rồi bấm Kết nối lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="180"/>
        <source>The server did not store the results sent. Nothing was lost; sync will try again later.</source>
        <translation>Máy chủ chưa lưu các kết quả đã gửi. Không có dữ liệu nào bị mất; ứng dụng sẽ tự đồng bộ lại sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="184"/>
        <source>The server refused results recorded under another learner&apos;s profile; none were stored, and nothing was lost here. Tell your administrator.</source>
        <translation>Máy chủ từ chối các kết quả được ghi dưới hồ sơ của một người học khác; không kết quả nào được lưu và trên máy này không có gì bị mất. Hãy báo cho quản trị viên.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="188"/>
        <source>A certificate from the server did not verify and was not kept. Your results are safe; tell your administrator.</source>
        <translation>Một chứng chỉ từ máy chủ không xác thực được nên đã không được lưu. Kết quả học tập của anh/chị vẫn an toàn; hãy báo cho quản trị viên.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="192"/>
        <source>A certificate from the server belongs to an exam this computer has not received yet; it is attached at a later sync.</source>
        <translation>Một chứng chỉ từ máy chủ thuộc về bài thi mà máy tính này chưa nhận được; chứng chỉ sẽ được gắn vào ở lần đồng bộ sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="196"/>
        <source>A content pack is no longer assigned to your unit, so it was not downloaded. Nothing else is affected.</source>
        <translation>Một gói nội dung không còn được giao cho đơn vị của anh/chị nên đã không được tải xuống. Những phần khác không bị ảnh hưởng.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="200"/>
        <source>The download of a content pack was interrupted. It resumes where it stopped at the next sync.</source>
        <translation>Việc tải xuống một gói nội dung bị gián đoạn. Lần đồng bộ tới sẽ tải tiếp từ chỗ đã dừng.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="204"/>
        <source>A downloaded content pack arrived damaged; it was discarded and is downloaded again at the next sync.</source>
        <translation>Một gói nội dung tải về bị hỏng; gói đã bị loại bỏ và sẽ được tải lại ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="209"/>
        <source>The disk of this computer is full, so sync could not save what it received. Free some space, then sync again. Nothing was lost.</source>
        <translation>Ổ đĩa của máy tính này đã đầy nên không lưu được dữ liệu nhận về khi đồng bộ. Hãy giải phóng bớt dung lượng, rồi đồng bộ lại. Không có dữ liệu nào bị mất.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="213"/>
        <source>A file could not be read or written during sync. Check the disk, then sync again. Nothing was lost.</source>
        <translation>Không đọc hoặc ghi được một tệp trong khi đồng bộ. Hãy kiểm tra ổ đĩa, rồi đồng bộ lại. Không có dữ liệu nào bị mất.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="218"/>
        <source>First open the server key file your administrator gave you (or connect once): the file for the ministry is encrypted with it.</source>
        <translation>Trước hết hãy mở tệp khóa máy chủ do quản trị viên cấp (hoặc kết nối một lần): tệp gửi Bộ được mã hóa bằng khóa đó.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="222"/>
        <source>This computer is not enrolled yet: enter the enrolment code from your administrator, then save the file again.</source>
        <translation>Máy tính này chưa được đăng ký: hãy nhập mã đăng ký do quản trị viên cấp, rồi lưu tệp lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="226"/>
        <source>This is not the server key file from your administrator, or it is damaged. Ask for a fresh copy.</source>
        <translation>Đây không phải là tệp khóa máy chủ do quản trị viên cấp, hoặc tệp đã bị hỏng. Hãy xin một bản mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="230"/>
        <source>This is a file of your results for the ministry, not a file from the ministry. Open the file your administrator sent back.</source>
        <translation>Đây là tệp kết quả của anh/chị gửi Bộ, không phải tệp Bộ gửi về. Hãy mở tệp mà quản trị viên đã gửi lại cho anh/chị.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="234"/>
        <source>This is not a file from the ministry server, or it is damaged or incomplete. Nothing was changed. Ask your administrator for a fresh copy.</source>
        <translation>Đây không phải là tệp từ máy chủ của Bộ, hoặc tệp đã bị hỏng hay không đầy đủ. Không có gì bị thay đổi. Hãy xin quản trị viên một bản mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="238"/>
        <source>This file was changed after the ministry server made it, so it was refused. Nothing was changed. Ask your administrator for a fresh copy.</source>
        <translation>Tệp này đã bị sửa đổi sau khi máy chủ của Bộ tạo ra nên đã bị từ chối. Không có gì bị thay đổi. Hãy xin quản trị viên một bản mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="242"/>
        <source>This file comes from another server than the one this profile uses. Nothing was changed. Ask your administrator for the file from your ministry&apos;s server.</source>
        <translation>Tệp này đến từ một máy chủ khác với máy chủ mà hồ sơ này sử dụng. Không có gì bị thay đổi. Hãy xin quản trị viên tệp từ máy chủ của Bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="247"/>
        <source>This file is for another learner. Nothing was changed. Ask your administrator for the file made for you.</source>
        <translation>Tệp này dành cho một người học khác. Không có gì bị thay đổi. Hãy xin quản trị viên tệp được tạo cho anh/chị.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="251"/>
        <source>This file was made for a newer version of Học Vụ Số. Install the newer version, then open it again. Nothing was changed.</source>
        <translation>Tệp này được tạo cho phiên bản mới hơn của Học Vụ Số. Hãy cài phiên bản mới hơn, rồi mở lại tệp. Không có gì bị thay đổi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="255"/>
        <source>This file could not be read. Check the disk or USB stick, then try again.</source>
        <translation>Không đọc được tệp này. Hãy kiểm tra ổ đĩa hoặc USB, rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="263"/>
        <source>it did not pass the checks</source>
        <translation>gói không vượt qua được các bước kiểm tra</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="265"/>
        <source>A content pack from the server was refused: %1. Your library was not changed. Tell your administrator.</source>
        <translation>Một gói nội dung từ máy chủ bị từ chối: %1. Thư viện của anh/chị không thay đổi. Hãy báo cho quản trị viên.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="270"/>
        <source>Sync could not finish. Nothing was lost; it will try again later.</source>
        <translation>Chưa đồng bộ xong. Không có dữ liệu nào bị mất; ứng dụng sẽ tự thử lại sau.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/messages.py" line="280"/>
        <location filename="../../desktop/ui/messages.py" line="286"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n phút</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/messages.py" line="288"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n giờ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/messages.py" line="290"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n ngày</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="292"/>
        <source>This computer&apos;s clock is %1 off the ministry server&apos;s. Set the right date, time and time zone in the system settings: your results are dated by this clock.</source>
        <translation>Đồng hồ của máy tính này lệch %1 so với máy chủ của Bộ. Hãy đặt đúng ngày, giờ và múi giờ trong phần cài đặt hệ thống: kết quả học tập của anh/chị được ghi thời gian theo đồng hồ này.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="308"/>
        <source>it is not a content pack, or it is damaged or incomplete</source>
        <translation>đây không phải gói nội dung, hoặc gói bị hỏng hay không đầy đủ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="309"/>
        <source>a file name in it tries to escape the pack</source>
        <translation>một tên tệp trong gói trỏ ra ngoài phạm vi của gói</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="310"/>
        <source>it contains a link instead of a file</source>
        <translation>gói chứa một liên kết thay vì một tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="311"/>
        <source>a file appears twice in it</source>
        <translation>một tệp xuất hiện hai lần trong gói</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="312"/>
        <source>two file names differ only in letter case</source>
        <translation>có hai tên tệp chỉ khác nhau ở chữ hoa và chữ thường</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="313"/>
        <source>it holds far too many files</source>
        <translation>gói chứa quá nhiều tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="314"/>
        <source>a file in it is far too large</source>
        <translation>một tệp trong gói quá lớn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="315"/>
        <source>a file in it would unpack to a huge size</source>
        <translation>một tệp trong gói khi giải nén sẽ có dung lượng quá lớn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="316"/>
        <source>it holds a file that its signed list does not mention</source>
        <translation>gói chứa một tệp không có trong danh sách đã ký của gói</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="317"/>
        <source>a file of its signed list is missing</source>
        <translation>thiếu một tệp có trong danh sách đã ký của gói</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="318"/>
        <location filename="../../desktop/ui/messages.py" line="319"/>
        <source>a file was changed after the pack was signed</source>
        <translation>một tệp đã bị thay đổi sau khi gói được ký</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="320"/>
        <source>its signature does not match its content</source>
        <translation>chữ ký không khớp với nội dung của gói</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="321"/>
        <source>it is not signed under the ministry&apos;s keys</source>
        <translation>gói không được ký bằng các khóa của Bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="323"/>
        <source>its list of trusted keys has expired; sync or get a newer pack</source>
        <translation>danh sách khóa tin cậy của gói đã hết hạn; hãy đồng bộ hoặc lấy gói mới hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="325"/>
        <source>it is signed by a key the ministry does not list</source>
        <translation>gói được ký bằng một khóa không có trong danh sách của Bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="326"/>
        <source>its signing key was not valid when it was made</source>
        <translation>khóa ký của gói không có hiệu lực vào thời điểm gói được tạo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="327"/>
        <source>its signing key has been revoked</source>
        <translation>khóa ký của gói đã bị thu hồi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="328"/>
        <source>its signer may not publish this kind of pack</source>
        <translation>người ký gói không được phép phát hành loại gói này</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="329"/>
        <source>the same or a newer version is already installed</source>
        <translation>phiên bản này hoặc một phiên bản mới hơn đã được cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="330"/>
        <source>it was made for a newer version of the app</source>
        <translation>gói được tạo cho một phiên bản ứng dụng mới hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="331"/>
        <source>a file in it is malformed</source>
        <translation>một tệp trong gói có định dạng không hợp lệ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="332"/>
        <source>an image in it is not a safe picture</source>
        <translation>một hình ảnh trong gói không an toàn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="333"/>
        <source>it needs a newer version of the app</source>
        <translation>gói cần một phiên bản ứng dụng mới hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="299"/>
        <source>The pack was refused: %1 (%2). Your library was not changed. Ask the sender for a fresh copy of the pack.</source>
        <translation>Gói nội dung bị từ chối: %1 (%2). Thư viện của anh/chị không thay đổi. Hãy đề nghị người gửi cung cấp lại một bản mới của gói.</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <location filename="../../desktop/ui/names.py" line="11"/>
        <source>Data and information</source>
        <translation>Dữ liệu và thông tin</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="12"/>
        <source>Communication and collaboration</source>
        <translation>Giao tiếp và hợp tác</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="13"/>
        <source>Digital content creation</source>
        <translation>Sáng tạo nội dung số</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="14"/>
        <source>Safety</source>
        <translation>An toàn</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="15"/>
        <source>Problem solving</source>
        <translation>Giải quyết vấn đề</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="16"/>
        <source>Applying AI</source>
        <translation>Ứng dụng trí tuệ nhân tạo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="22"/>
        <source>Level 1 — Basic</source>
        <translation>Cấp độ 1 — Cơ bản</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="23"/>
        <source>Level 2 — Intermediate</source>
        <translation>Cấp độ 2 — Trung cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="24"/>
        <source>Level 3 — Advanced</source>
        <translation>Cấp độ 3 — Nâng cao</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="25"/>
        <source>Level 4 — Specialised</source>
        <translation>Cấp độ 4 — Chuyên sâu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="31"/>
        <location filename="../../desktop/ui/names.py" line="44"/>
        <source>not started</source>
        <translation>chưa bắt đầu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="32"/>
        <location filename="../../desktop/ui/names.py" line="43"/>
        <source>in progress</source>
        <translation>đang học</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="33"/>
        <source>done</source>
        <translation>đã hoàn thành</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="39"/>
        <source>skipped by placement</source>
        <translation>được miễn nhờ kiểm tra đầu vào</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="41"/>
        <source>mastered</source>
        <translation>đã thành thạo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="62"/>
        <source>This attempt was submitted before the waiting time after the previous one had passed. It was scored but does not count.</source>
        <translation>Lần thi này được nộp khi chưa hết thời gian chờ sau lần thi trước. Bài đã được chấm điểm nhưng không được tính.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="66"/>
        <source>This attempt was beyond the number of attempts allowed for this version of the exam. It was scored but does not count.</source>
        <translation>Lần thi này vượt quá số lần thi cho phép đối với phiên bản này của bài thi. Bài đã được chấm điểm nhưng không được tính.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="70"/>
        <source>This attempt was reviewed and rejected by the ministry. It does not count.</source>
        <translation>Lần thi này đã được Bộ xem xét và không công nhận. Kết quả không được tính.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="73"/>
        <source>This attempt could not be graded: its questions do not match the exam. It does not count; please take the exam again.</source>
        <translation>Không chấm được lần thi này vì các câu hỏi không khớp với bài thi. Kết quả không được tính; đề nghị anh/chị thi lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="77"/>
        <source>The ministry&apos;s result could not be read.</source>
        <translation>Không đọc được kết quả do Bộ gửi về.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="82"/>
        <source>The next attempt opens on %1.</source>
        <translation>Anh/chị có thể thi lần tiếp theo từ %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="87"/>
        <source>All %1 attempts at this version of the exam are used; no further attempt is possible.</source>
        <translation>Anh/chị đã dùng hết %1 lần thi đối với phiên bản này của bài thi; không thể thi thêm.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="96"/>
        <source>passed</source>
        <translation>đạt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="98"/>
        <source>submitted, awaiting result</source>
        <translation>đã nộp, đang chờ kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="100"/>
        <source>opens %1</source>
        <translation>mở lại %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="102"/>
        <source>no attempts left</source>
        <translation>hết lượt thi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="104"/>
        <source>not passed</source>
        <translation>chưa đạt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="117"/>
        <source>%1: submitted on %2, awaiting result.</source>
        <translation>%1: đã nộp lúc %2, đang chờ kết quả.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="122"/>
        <source>The result arrives with the next sync, or with the next file from the ministry.</source>
        <translation>Kết quả về máy ở lần đồng bộ tiếp theo, hoặc theo tệp tiếp theo do Bộ gửi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="130"/>
        <source>%1: passed, %2%.</source>
        <translation>%1: đạt, %2%.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="133"/>
        <source>%1: not passed, %2%.</source>
        <translation>%1: chưa đạt, %2%.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="142"/>
        <source>By area: %1</source>
        <translation>Theo lĩnh vực: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="145"/>
        <source>To revisit: %1</source>
        <translation>Cần ôn lại: %1</translation>
    </message>
</context>
<context>
    <name>NewProfileScreen</name>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="156"/>
        <source>Create your profile</source>
        <translation>Tạo hồ sơ của anh/chị</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="159"/>
        <source>Your progress stays on this computer, encrypted with your passphrase. The name is shown on the unlock screen, so a nickname is fine. There is no way to recover a forgotten passphrase on this computer; once you have synced, the ministry server holds a copy of your results.</source>
        <translation>Tiến độ học tập của anh/chị được lưu trên máy tính này và được mã hóa bằng cụm mật khẩu của anh/chị. Tên sẽ hiển thị trên màn hình mở khóa, vì vậy anh/chị có thể dùng biệt danh. Trên máy tính này không có cách nào khôi phục cụm mật khẩu đã quên; sau khi anh/chị đồng bộ, máy chủ của Bộ sẽ lưu một bản sao kết quả học tập của anh/chị.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="167"/>
        <source>&amp;Language</source>
        <translation>N&amp;gôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="167"/>
        <source>&amp;Name</source>
        <translation>&amp;Tên</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="167"/>
        <source>Pass&amp;phrase</source>
        <translation>&amp;Cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="167"/>
        <source>&amp;Repeat it</source>
        <translation>&amp;Nhập lại</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="171"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="172"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="173"/>
        <source>Passphrase</source>
        <translation>Cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="174"/>
        <source>Repeat the passphrase</source>
        <translation>Nhập lại cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="175"/>
        <source>Take the placement test to skip what I already know</source>
        <translation>Làm bài kiểm tra đầu vào để bỏ qua những nội dung tôi đã biết</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="176"/>
        <source>&amp;Create profile</source>
        <translation>Tạo &amp;hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="177"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="206"/>
        <source>Use four or more random words, e.g. “river cloud pencil forty-two”.</source>
        <translation>Hãy dùng từ bốn từ ngẫu nhiên trở lên, ví dụ “dòng sông mây trắng bút chì bốn mươi hai”.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="211"/>
        <source>Too short: use at least 8 characters; longer is better.</source>
        <translation>Quá ngắn: hãy dùng ít nhất 8 ký tự; càng dài càng tốt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="212"/>
        <source>Weak: too easy to guess.</source>
        <translation>Yếu: quá dễ đoán.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="213"/>
        <source>Fair: add another word or two.</source>
        <translation>Trung bình: hãy thêm một hoặc hai từ nữa.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="214"/>
        <source>Good.</source>
        <translation>Tốt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="215"/>
        <source>Strong. Write it down somewhere safe, away from the computer.</source>
        <translation>Mạnh. Hãy ghi lại và cất ở nơi an toàn, tách biệt với máy tính.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="226"/>
        <source>Please enter a name.</source>
        <translation>Vui lòng nhập tên.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="230"/>
        <source>The two passphrases differ.</source>
        <translation>Hai cụm mật khẩu không khớp nhau.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="235"/>
        <source>Creating your encrypted profile…</source>
        <translation>Đang tạo hồ sơ được mã hóa của anh/chị…</translation>
    </message>
</context>
<context>
    <name>NoLessons</name>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="281"/>
        <source>No lessons installed yet</source>
        <translation>Chưa cài đặt bài học nào</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="283"/>
        <source>Lessons come in content packs (.hvpack files) from your ministry: import one you were given, or connect to the ministry server in Settings to receive the packs assigned to you.</source>
        <translation>Bài học được cung cấp trong các gói nội dung (tệp .hvpack) của Bộ: anh/chị hãy nhập gói đã được cấp, hoặc kết nối máy chủ của Bộ trong mục Cài đặt để nhận các gói được giao.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="287"/>
        <source>&amp;Import a pack…</source>
        <translation>&amp;Nhập gói nội dung…</translation>
    </message>
</context>
<context>
    <name>OrderingWidget</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="128"/>
        <source>Steps to put in order</source>
        <translation>Các bước cần sắp xếp theo thứ tự</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="137"/>
        <source>Move &amp;up</source>
        <translation>Chuyển &amp;lên</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="137"/>
        <source>Move &amp;down</source>
        <translation>Chuyển &amp;xuống</translation>
    </message>
</context>
<context>
    <name>Packs</name>
    <message>
        <location filename="../../desktop/operations/packs.py" line="41"/>
        <source>Preparing the lessons…</source>
        <translation>Đang chuẩn bị bài học…</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/packs.py" line="63"/>
        <source>Import a content pack</source>
        <translation>Nhập gói nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/packs.py" line="65"/>
        <source>Content packs (*.hvpack)</source>
        <translation>Gói nội dung (*.hvpack)</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/packs.py" line="73"/>
        <source>Checking and installing %1…</source>
        <translation>Đang kiểm tra và cài đặt %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/packs.py" line="84"/>
        <source>Installed “%1”, version %2.</source>
        <translation>Đã cài đặt “%1”, phiên bản %2.</translation>
    </message>
</context>
<context>
    <name>PracticeDialog</name>
    <message>
        <location filename="../../desktop/ui/practice.py" line="31"/>
        <location filename="../../desktop/ui/practice.py" line="33"/>
        <source>Check yourself</source>
        <translation>Tự kiểm tra</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="36"/>
        <source>One question from this module&apos;s quiz. Nothing is recorded: the module quiz is where answers count.</source>
        <translation>Một câu hỏi trong bài kiểm tra của mô-đun. Câu trả lời không được ghi lại: điểm chỉ tính trong bài kiểm tra mô-đun.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="44"/>
        <source>Question</source>
        <translation>Câu hỏi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="47"/>
        <source>&amp;Check</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="60"/>
        <source>C&amp;lose</source>
        <translation>Đón&amp;g</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="74"/>
        <source>Choose or type an answer first.</source>
        <translation>Anh/chị hãy chọn hoặc gõ câu trả lời trước.</translation>
    </message>
</context>
<context>
    <name>QuizLauncher</name>
    <message>
        <location filename="../../desktop/operations/quizzes.py" line="78"/>
        <location filename="../../desktop/operations/quizzes.py" line="104"/>
        <source>Level exam</source>
        <translation>Bài thi cấp độ</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/quizzes.py" line="90"/>
        <location filename="../../desktop/operations/quizzes.py" line="101"/>
        <source>Placement test</source>
        <translation>Kiểm tra đầu vào</translation>
    </message>
</context>
<context>
    <name>QuizScreen</name>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="133"/>
        <source>← &amp;Previous</source>
        <translation>← Câu &amp;trước</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="134"/>
        <source>C&amp;heck</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="135"/>
        <source>&amp;Next →</source>
        <translation>Câu &amp;sau →</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="137"/>
        <source>&amp;Finish</source>
        <translation>&amp;Nộp bài</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="137"/>
        <source>&amp;Submit the exam…</source>
        <translation>&amp;Nộp bài thi…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="140"/>
        <source>Question</source>
        <translation>Câu hỏi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="300"/>
        <source>Question %1 of %2</source>
        <translation>Câu hỏi %1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="406"/>
        <source>Submit the exam now? You answered %1 of %2 questions.</source>
        <translation>Anh/chị có muốn nộp bài ngay bây giờ không? Anh/chị đã trả lời %1 trên %2 câu hỏi.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz.py" line="389"/>
        <location filename="../../desktop/ui/quiz.py" line="412"/>
        <source>%n question(s) are not answered; an unanswered question scores nothing.</source>
        <translation>
            <numerusform>Còn %n câu hỏi chưa trả lời; câu chưa trả lời không được tính điểm.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="138"/>
        <source>Save and &amp;leave</source>
        <translation>&amp;Lưu và tạm dừng</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="139"/>
        <source>Your answers are kept; continue later from Home.</source>
        <translation>Các câu trả lời được lưu lại; anh/chị làm tiếp sau từ Trang chủ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="174"/>
        <source>Start the level exam now?</source>
        <translation>Anh/chị có muốn bắt đầu bài thi cấp độ ngay bây giờ không?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz.py" line="175"/>
        <source>%n question(s).</source>
        <translation>
            <numerusform>%n câu hỏi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz.py" line="177"/>
        <source>Time limit: %n minute(s); the clock keeps running if you close the app.</source>
        <translation>
            <numerusform>Thời gian làm bài: %n phút; đồng hồ vẫn chạy nếu anh/chị đóng ứng dụng.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="183"/>
        <source>Attempts left at this version of the exam: %1 of %2.</source>
        <translation>Số lần thi còn lại với phiên bản này của bài thi: %1 trên %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="188"/>
        <source>The ministry grades the exam after you submit it; the result arrives with the next sync.</source>
        <translation>Bộ chấm bài sau khi anh/chị nộp; kết quả về máy ở lần đồng bộ tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="199"/>
        <source>Level exam</source>
        <translation>Bài thi cấp độ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="201"/>
        <source>&amp;Start the exam</source>
        <translation>&amp;Bắt đầu làm bài</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="202"/>
        <source>&amp;Not now</source>
        <translation>Để &amp;sau</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="291"/>
        <source>Area %1 of %2 · %3/%4</source>
        <translation>Lĩnh vực %1/%2 · %3/%4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="416"/>
        <source>After submitting, the answers can no longer be changed.</source>
        <translation>Sau khi nộp, anh/chị không thể sửa câu trả lời.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="425"/>
        <source>Submit the exam</source>
        <translation>Nộp bài thi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="427"/>
        <source>&amp;Submit</source>
        <translation>&amp;Nộp bài</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="396"/>
        <location filename="../../desktop/ui/quiz.py" line="428"/>
        <source>&amp;Keep working</source>
        <translation>&amp;Tiếp tục làm bài</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="387"/>
        <source>Finish now?</source>
        <translation>Kết thúc bài?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="394"/>
        <source>Go back with Previous to answer them, or finish now.</source>
        <translation>Anh/chị có thể bấm “Câu trước” để quay lại trả lời, hoặc kết thúc ngay.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="395"/>
        <source>&amp;Finish now</source>
        <translation>&amp;Kết thúc ngay</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="88"/>
        <source>&amp;Retry</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="89"/>
        <source>Your answers, question by question</source>
        <translation>Câu trả lời của anh/chị, theo từng câu hỏi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="92"/>
        <source>&amp;Go to Home</source>
        <translation>&amp;Về Trang chủ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="92"/>
        <source>&amp;Back to the library</source>
        <translation>&amp;Quay lại Thư viện</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="112"/>
        <source>Exam submitted</source>
        <translation>Đã nộp bài thi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="115"/>
        <source>Your answers have been submitted to the ministry for grading. The result and, if you pass, the certificate arrive with the next sync, or with the next file from the ministry if your mission is never online. Home shows “submitted, awaiting result” until then.</source>
        <translation>Bài làm của anh/chị đã được nộp để Bộ chấm. Kết quả và chứng chỉ (nếu đạt) sẽ về máy ở lần đồng bộ tiếp theo, hoặc theo tệp tiếp theo do Bộ gửi nếu cơ quan đại diện của anh/chị không kết nối mạng. Cho đến lúc đó, Trang chủ ghi “đã nộp, đang chờ kết quả”.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="123"/>
        <source>Placement test finished</source>
        <translation>Đã hoàn thành bài kiểm tra đầu vào</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="126"/>
        <source>Your score: %1%. Modules you already master are marked “skipped by placement” in the library; the home screen shows where to start.</source>
        <translation>Điểm của anh/chị: %1%. Các học phần anh/chị đã nắm vững được đánh dấu “được miễn nhờ kiểm tra đầu vào” trong Thư viện; Trang chủ cho biết anh/chị nên bắt đầu từ đâu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="137"/>
        <source>all levels skipped</source>
        <translation>được miễn tất cả các cấp độ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="140"/>
        <source>levels %1 skipped; study from level %2</source>
        <translation>được miễn cấp độ %1; học từ cấp độ %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="145"/>
        <source>study from level %1</source>
        <translation>học từ cấp độ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="148"/>
        <source>Start at: %1.</source>
        <translation>Bắt đầu từ: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="155"/>
        <source>Passed: %1%</source>
        <translation>Đạt: %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="156"/>
        <source>Well done. The pass mark is %1%.</source>
        <translation>Xin chúc mừng. Điểm đạt là %1%.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="158"/>
        <source>Not passed yet: %1%</source>
        <translation>Chưa đạt: %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="161"/>
        <source>The pass mark is %1%. Read the questions below again, then try once more.</source>
        <translation>Điểm đạt là %1%. Hãy đọc lại các câu hỏi dưới đây, rồi thử lại lần nữa.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="165"/>
        <source>By area:</source>
        <translation>Theo lĩnh vực:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="179"/>
        <source>To revisit: %1.</source>
        <translation>Cần xem lại: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="184"/>
        <source>Questions to review:</source>
        <translation>Các câu cần xem lại:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="185"/>
        <source>True</source>
        <translation>Đúng</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="185"/>
        <source>False</source>
        <translation>Sai</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="192"/>
        <source>Your answer:</source>
        <translation>Câu trả lời của anh/chị:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="192"/>
        <source>(none)</source>
        <translation>(chưa trả lời)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="196"/>
        <source>The right answer:</source>
        <translation>Đáp án đúng:</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../desktop/ui/review.py" line="159"/>
        <source>Review</source>
        <translation>Ôn tập</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="160"/>
        <source>C&amp;heck</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="161"/>
        <source>I don&apos;t know — &amp;show the answer</source>
        <translation>Tôi chưa biết — &amp;xem đáp án</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="162"/>
        <source>Back to &amp;Home</source>
        <translation>Về &amp;Trang chủ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="163"/>
        <source>Go to the &amp;library</source>
        <translation>Đến Thư &amp;viện</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="164"/>
        <source>Question</source>
        <translation>Câu hỏi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="165"/>
        <source>Whether your answer was right</source>
        <translation>Câu trả lời của anh/chị đúng hay chưa</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="180"/>
        <source>Again</source>
        <translation>Học lại</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="181"/>
        <source>Hard</source>
        <translation>Khó</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="182"/>
        <source>Good</source>
        <translation>Tốt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="183"/>
        <source>Easy</source>
        <translation>Dễ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="208"/>
        <source>Answer, then check (Enter).</source>
        <translation>Anh/chị hãy trả lời, rồi bấm Kiểm tra (phím Enter).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="229"/>
        <source>How well did you know it? Press 1–4 or a button; the suggestion has the focus.</source>
        <translation>Anh/chị nắm câu này đến mức nào? Bấm phím 1–4 hoặc một nút; nút được gợi ý đã được chọn sẵn.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="239"/>
        <source>Question %1 of %2</source>
        <translation>Câu hỏi %1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="259"/>
        <source>Comes back in %1</source>
        <translation>Sẽ ôn lại sau %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="269"/>
        <source>Choose or type an answer first.</source>
        <translation>Anh/chị hãy chọn hoặc gõ câu trả lời trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="313"/>
        <source>Review done</source>
        <translation>Đã ôn tập xong</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review.py" line="315"/>
        <source>You reviewed %n question(s).</source>
        <translation>
            <numerusform>Anh/chị đã ôn tập %n câu hỏi.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="317"/>
        <source>Right at the first answer: %1 of %2.</source>
        <translation>Trả lời đúng ngay lần đầu: %1/%2 câu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="324"/>
        <source>Nothing else is scheduled for review.</source>
        <translation>Không còn câu hỏi nào được lên lịch ôn tập.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="327"/>
        <source>Next review: %1 (in %2).</source>
        <translation>Lần ôn tập tiếp theo: %1 (sau %2).</translation>
    </message>
</context>
<context>
    <name>ReviewTimes</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="17"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n phút</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="19"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n giờ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="21"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n ngày</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="23"/>
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n tháng</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="24"/>
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n năm</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_times.py" line="32"/>
        <source>today at %1</source>
        <translation>hôm nay lúc %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_times.py" line="34"/>
        <source>tomorrow at %1</source>
        <translation>ngày mai lúc %1</translation>
    </message>
</context>
<context>
    <name>Reviews</name>
    <message>
        <location filename="../../desktop/operations/review.py" line="45"/>
        <source>Nothing to review now.</source>
        <translation>Hiện chưa có câu hỏi nào cần ôn tập.</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../desktop/ui/search.py" line="125"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="126"/>
        <source>Words to find, with or without accents</source>
        <translation>Từ cần tìm, có dấu hoặc không dấu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="127"/>
        <source>Search lessons</source>
        <translation>Tìm trong bài học</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="129"/>
        <source>Press Down to move to the results, Enter to open one.</source>
        <translation>Nhấn phím Mũi tên xuống để chuyển đến kết quả, nhấn Enter để mở bài học.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="131"/>
        <source>Search results</source>
        <translation>Kết quả tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="133"/>
        <source>No lesson found</source>
        <translation>Không tìm thấy bài học nào</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="134"/>
        <source>Try fewer words or other words; accents are not needed.</source>
        <translation>Anh/chị hãy thử dùng ít từ hơn hoặc từ khác; không cần gõ dấu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="135"/>
        <source>&amp;Clear the search</source>
        <translation>&amp;Xóa nội dung tìm kiếm</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/search.py" line="162"/>
        <source>%n lesson(s) found.</source>
        <translation>
            <numerusform>Tìm thấy %n bài học.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../desktop/ui/settings.py" line="76"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="77"/>
        <source>This computer</source>
        <translation>Máy tính này</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="81"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="82"/>
        <source>&amp;Text size</source>
        <translation>&amp;Cỡ chữ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="83"/>
        <source>&amp;Lock after (minutes idle)</source>
        <translation>&amp;Khóa sau (số phút không sử dụng)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="117"/>
        <source>Học Vụ Số %1 (pack format %2, store schema %3, Qt %4)</source>
        <translation>Học Vụ Số %1 (định dạng gói %2, lược đồ dữ liệu %3, Qt %4)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="88"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="89"/>
        <source>Text size</source>
        <translation>Cỡ chữ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="90"/>
        <source>Lock after minutes idle</source>
        <translation>Số phút không sử dụng trước khi ứng dụng tự khóa</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="91"/>
        <source>&amp;High contrast (black on white, stronger marks)</source>
        <translation>Độ tương phản &amp;cao (chữ đen trên nền trắng, đường viền đậm hơn)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="93"/>
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="122"/>
        <source>Trust list version %1, issued %2 (%3 days ago), expires %4.</source>
        <translation>Danh sách tin cậy phiên bản %1, ban hành ngày %2 (%3 ngày trước), hết hạn ngày %4.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="128"/>
        <source>No trust list installed.</source>
        <translation>Chưa cài đặt danh sách tin cậy.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/settings.py" line="129"/>
        <source>%n pack(s) installed.</source>
        <translation>
            <numerusform>Đã cài đặt %n gói nội dung.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="130"/>
        <source>Data folder: %1</source>
        <translation>Thư mục dữ liệu: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="134"/>
        <source>This build trusts the DEVELOPMENT root key: not for production use.</source>
        <translation>Bản dựng này tin cậy khóa gốc dành cho PHÁT TRIỂN: không được sử dụng chính thức.</translation>
    </message>
</context>
<context>
    <name>SyncBox</name>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="200"/>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="202"/>
        <source>Last synced %1.</source>
        <translation>Lần đồng bộ gần nhất: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="205"/>
        <source>The last sync (%1) did not finish:</source>
        <translation>Lần đồng bộ gần nhất (%1) chưa hoàn tất:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/sync_panel.py" line="210"/>
        <source>%n result(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n kết quả đang chờ gửi.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="225"/>
        <source>Ministry server</source>
        <translation>Máy chủ của Bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="228"/>
        <source>&amp;Server address</source>
        <translation>Địa chỉ &amp;máy chủ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="228"/>
        <source>&amp;Enrolment code</source>
        <translation>Mã đăng &amp;ký</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="228"/>
        <source>&amp;Device name</source>
        <translation>Tên &amp;thiết bị</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="232"/>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="233"/>
        <source>https://… (given by your ministry)</source>
        <translation>https://… (do Bộ cung cấp)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="234"/>
        <source>Enrolment code</source>
        <translation>Mã đăng ký</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="235"/>
        <source>from your administrator, e.g. ABCD-EFGH-JKMN</source>
        <translation>do quản trị viên cấp, ví dụ ABCD-EFGH-JKMN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="236"/>
        <source>Device name</source>
        <translation>Tên thiết bị</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="238"/>
        <source>Connect again</source>
        <translation>Kết nối lại</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="238"/>
        <source>Connect</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="240"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="242"/>
        <source>Save results to a file…</source>
        <translation>Lưu kết quả ra tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="245"/>
        <source>For a mission without a connection: an encrypted file for the ministry, to send by any means.</source>
        <translation>Dành cho cơ quan đại diện không có kết nối: một tệp đã mã hóa gửi về Bộ, chuyển bằng bất kỳ cách nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="249"/>
        <source>Open a file from the ministry…</source>
        <translation>Mở tệp do Bộ gửi…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="252"/>
        <source>Disconnected by the server.</source>
        <translation>Máy chủ đã ngắt kết nối.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="254"/>
        <source>Connected.</source>
        <translation>Đã kết nối.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="258"/>
        <source>Not connected. Enter the server address and the one-time enrolment code from your administrator, then press Connect.</source>
        <translation>Chưa kết nối. Hãy nhập địa chỉ máy chủ và mã đăng ký dùng một lần do quản trị viên cấp, rồi bấm Kết nối.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="190"/>
        <source>Enter the server address and the enrolment code your administrator gave you, then press Connect.</source>
        <translation>Hãy nhập địa chỉ máy chủ và mã đăng ký do quản trị viên cấp, rồi bấm Kết nối.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="200"/>
        <source>Connected to %1. Your results will now sync.</source>
        <translation>Đã kết nối với %1. Kết quả học tập của anh/chị sẽ được đồng bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="213"/>
        <source>Save results for the ministry</source>
        <translation>Lưu kết quả gửi về Bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="215"/>
        <location filename="../../desktop/ui/sync_controller.py" line="257"/>
        <source>Sync files (*.hvsync)</source>
        <translation>Tệp đồng bộ (*.hvsync)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="223"/>
        <source>The server key file from your administrator</source>
        <translation>Tệp khóa máy chủ do quản trị viên cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="225"/>
        <source>Server keys (*.json)</source>
        <translation>Khóa máy chủ (*.json)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/sync_controller.py" line="240"/>
        <source>Saved %n result(s) to %1. Send this file to your administrator by any means; it is encrypted for the ministry&apos;s server.</source>
        <translation>
            <numerusform>Đã lưu %n kết quả vào %1. Hãy gửi tệp này cho quản trị viên bằng bất kỳ cách nào; tệp đã được mã hóa để chỉ máy chủ của Bộ đọc được.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="255"/>
        <source>Open a file from the ministry</source>
        <translation>Mở tệp do Bộ gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="264"/>
        <source>Applied: %1 pack(s) installed, %2 certificate(s), %3 result(s).</source>
        <translation>Đã áp dụng: cài %1 gói, %2 chứng nhận, %3 kết quả.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/sync_controller.py" line="271"/>
        <source>%n assignment(s) from your unit, listed on Home.</source>
        <translation>
            <numerusform>%n gói nội dung được giao cho đơn vị của anh/chị, xem ở Trang chủ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusLine</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/sync_panel.py" line="83"/>
        <source>%n result(s) waiting</source>
        <translation>
            <numerusform>%n kết quả chờ gửi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="85"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra kết nối…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="87"/>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="89"/>
        <source>Offline · %1</source>
        <translation>Ngoại tuyến · %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="91"/>
        <source>Synced %1</source>
        <translation>Đã đồng bộ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="94"/>
        <source>Sync incomplete · see Settings</source>
        <translation>Đồng bộ chưa xong · xem Cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="96"/>
        <source>Not enrolled · see Settings</source>
        <translation>Chưa đăng ký · xem Cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="97"/>
        <source>Not connected to the ministry server</source>
        <translation>Chưa kết nối máy chủ của Bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="102"/>
        <source>Sync status: %1</source>
        <translation>Trạng thái đồng bộ: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="103"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="104"/>
        <source>Click to sync now</source>
        <translation>Bấm để đồng bộ ngay</translation>
    </message>
</context>
<context>
    <name>TextWidget</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="107"/>
        <source>Your answer</source>
        <translation>Câu trả lời của anh/chị</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="108"/>
        <source>Type your answer</source>
        <translation>Nhập câu trả lời</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="112"/>
        <source>Type a number</source>
        <translation>Nhập một số</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="54"/>
        <source>Học Vụ Số</source>
        <translation>Học Vụ Số</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="55"/>
        <source>Choose your profile and type your passphrase to continue.</source>
        <translation>Hãy chọn hồ sơ của anh/chị và nhập cụm mật khẩu để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="56"/>
        <source>&amp;Profile</source>
        <translation>&amp;Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="57"/>
        <source>Pass&amp;phrase</source>
        <translation>&amp;Cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="58"/>
        <source>&amp;Unlock</source>
        <translation>Mở &amp;khóa</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="59"/>
        <source>&amp;New profile…</source>
        <translation>Hồ sơ &amp;mới…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="60"/>
        <source>Profile</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="61"/>
        <source>Passphrase</source>
        <translation>Cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="97"/>
        <source>Unlocking…</source>
        <translation>Đang mở khóa…</translation>
    </message>
</context>
</TS>
