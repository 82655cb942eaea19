<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CertificateExport</name>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="26"/>
        <source>Export certificate</source>
        <translation>Export certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="28"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="35"/>
        <source>Certificate of digital competence</source>
        <translation>Certificate of digital competence</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="38"/>
        <source>Passed on %1</source>
        <translation>Passed on %1</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="39"/>
        <source>Signed by the ministry server</source>
        <translation>Signed by the ministry server</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="41"/>
        <source>Provisional: not yet signed by the ministry server</source>
        <translation>Provisional: not yet signed by the ministry server</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="43"/>
        <source>The QR code holds this record; a signed record can be checked offline with the ministry&apos;s public key.</source>
        <translation>The QR code holds this record; a signed record can be checked offline with the ministry&apos;s public key.</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/certificates.py" line="55"/>
        <source>Saved %1.</source>
        <translation>Saved %1.</translation>
    </message>
</context>
<context>
    <name>CertificatesScreen</name>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="63"/>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="66"/>
        <source>The ministry grades each level exam and signs a certificate for a pass; it arrives with the next sync, or with the next file from the ministry. A signed certificate exports to PDF with a QR code that can be checked offline.</source>
        <translation>The ministry grades each level exam and signs a certificate for a pass; it arrives with the next sync, or with the next file from the ministry. A signed certificate exports to PDF with a QR code that can be checked offline.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="71"/>
        <source>&amp;Export to PDF…</source>
        <translation>&amp;Export to PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="72"/>
        <source>Certificates earned</source>
        <translation>Certificates earned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="74"/>
        <source>No certificate yet</source>
        <translation>No certificate yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="76"/>
        <source>A pass in a level exam, graded by the ministry, earns one. Finish a level&apos;s modules in the library, then take its exam.</source>
        <translation>A pass in a level exam, graded by the ministry, earns one. Finish a level&apos;s modules in the library, then take its exam.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="79"/>
        <source>Open the &amp;library</source>
        <translation>Open the &amp;library</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="93"/>
        <source>signed by the ministry</source>
        <translation>signed by the ministry</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="95"/>
        <source>graded on this computer; not confirmed by the ministry</source>
        <translation>graded on this computer; not confirmed by the ministry</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificates.py" line="100"/>
        <source>REVOKED by the ministry on %1: %2</source>
        <translation>REVOKED by the ministry on %1: %2</translation>
    </message>
</context>
<context>
    <name>ChoiceWidget</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="74"/>
        <source>True</source>
        <translation>True</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="74"/>
        <source>False</source>
        <translation>False</translation>
    </message>
</context>
<context>
    <name>FeedbackLabel</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="218"/>
        <source>✓ Correct.</source>
        <translation>✓ Correct.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="220"/>
        <source>Partly right (%1%).</source>
        <translation>Partly right (%1%).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="222"/>
        <source>✗ Not quite.</source>
        <translation>✗ Not quite.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="226"/>
        <source>True</source>
        <translation>True</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="226"/>
        <source>False</source>
        <translation>False</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="228"/>
        <source>The right answer:</source>
        <translation>The right answer:</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../desktop/ui/home.py" line="108"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="109"/>
        <source>&amp;Continue</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="110"/>
        <location filename="../../desktop/ui/home.py" line="148"/>
        <source>Take the &amp;placement test</source>
        <translation>Take the &amp;placement test</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="111"/>
        <source>Progress by area</source>
        <translation>Progress by area</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="112"/>
        <source>Progress by level</source>
        <translation>Progress by level</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="113"/>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="114"/>
        <source>&amp;Review now</source>
        <translation>&amp;Review now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="115"/>
        <source>Continue &amp;learning</source>
        <translation>Continue &amp;learning</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="116"/>
        <source>Assigned to you</source>
        <translation>Assigned to you</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="117"/>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="118"/>
        <source>Level exams</source>
        <translation>Level exams</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="119"/>
        <source>Level exam results</source>
        <translation>Level exam results</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="120"/>
        <source>Assigned packs</source>
        <translation>Assigned packs</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="122"/>
        <source>Certificates earned</source>
        <translation>Certificates earned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="134"/>
        <source>Hello, %1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="139"/>
        <source>Next: %1</source>
        <translation>Next: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="142"/>
        <source>Everything is done. Well done!</source>
        <translation>You have finished everything. Well done!</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="146"/>
        <source>Continue the &amp;placement test</source>
        <translation>Continue the &amp;placement test</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/home.py" line="153"/>
        <source>%n question(s) to review today.</source>
        <translation>
            <numerusform>%n question to review today.</numerusform>
            <numerusform>%n questions to review today.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="155"/>
        <source>Nothing to review now. Next review: %1.</source>
        <translation>Nothing to review now. Next review: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="159"/>
        <source>Nothing to review now.</source>
        <translation>Nothing to review now.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="178"/>
        <source>%1 — due %2</source>
        <translation>%1 — due %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="181"/>
        <source>Nothing assigned yet.</source>
        <translation>Nothing assigned yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="187"/>
        <source>No level exam submitted yet. The ministry grades each exam.</source>
        <translation>No level exam submitted yet. The ministry grades each exam.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="191"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="193"/>
        <source>(graded on this computer; not confirmed by the ministry)</source>
        <translation>(graded on this computer; not confirmed by the ministry)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/home.py" line="196"/>
        <source>No certificate yet: pass a level exam.</source>
        <translation>No certificate yet: pass a level exam.</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="74"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="77"/>
        <location filename="../../desktop/ui/quiz_intro.py" line="155"/>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="82"/>
        <source>Module quiz · practice</source>
        <translation>Module quiz · practice</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="83"/>
        <source>Counts for your certificate · graded by the ministry</source>
        <translation>Counts for your certificate · graded by the ministry</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="84"/>
        <source>Before you start · a diagnostic test</source>
        <translation>Before you start · a diagnostic test</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="87"/>
        <source>%n question(s).</source>
        <translation>
            <numerusform>%n question.</numerusform>
            <numerusform>%n questions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="90"/>
        <source>Time limit: %n minute(s); the clock keeps running if you close the app.</source>
        <translation>
            <numerusform>Time limit: %n minute; the clock keeps running if you close the app.</numerusform>
            <numerusform>Time limit: %n minutes; the clock keeps running if you close the app.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="95"/>
        <source>About %n minute(s); no time limit.</source>
        <translation>
            <numerusform>About %n minute; no time limit.</numerusform>
            <numerusform>About %n minutes; no time limit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="100"/>
        <source>This exam counts for your certificate: nothing is checked here, the ministry grades it after you submit it. Pass mark: %1%.</source>
        <translation>This exam counts for your certificate: nothing is checked here, the ministry grades it after you submit it. Pass mark: %1%.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="105"/>
        <source>Attempts left at this version of the exam: %1 of %2.</source>
        <translation>Attempts left at this version of the exam: %1 of %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="110"/>
        <source>After you submit, the result and, if you pass, the certificate arrive with the next sync.</source>
        <translation>After you submit, the result and, if you pass, the certificate arrive with the next sync.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="115"/>
        <source>%n area(s), one section each, from the basics up. The test only shapes your path: what you already master is skipped. Answer what you know and leave the rest blank.</source>
        <translation>
            <numerusform>%n area, one section, from the basics up. The test only shapes your path: what you already master is skipped. Answer what you know and leave the rest blank.</numerusform>
            <numerusform>%n areas, one section each, from the basics up. The test only shapes your path: what you already master is skipped. Answer what you know and leave the rest blank.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="122"/>
        <source>You can leave at any time and continue later. At the end: a summary by area of what you may skip and where to start.</source>
        <translation>You can leave at any time and continue later. At the end: a summary by area of what you may skip and where to start.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="127"/>
        <source>Practice: each answer is checked at once and the first answer counts. Pass mark: %1%. Nothing here is certified.</source>
        <translation>Practice: each answer is checked at once and the first answer counts. Pass mark: %1%. Nothing here is certified.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="131"/>
        <source>At the end: your result by area, the questions to revisit with the right answers, and Retry for a new set of questions.</source>
        <translation>At the end: your result by area, the questions to revisit with the right answers, and Retry for a new set of questions.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="140"/>
        <source>You started this earlier: %1 of %2 answered. It continues where you left off.</source>
        <translation>You started this earlier: %1 of %2 answered. It continues where you left off.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz_intro.py" line="147"/>
        <source>About %n minute(s) left on the clock.</source>
        <translation>
            <numerusform>About %n minute left on the clock.</numerusform>
            <numerusform>About %n minutes left on the clock.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="151"/>
        <source>C&amp;ontinue</source>
        <translation>C&amp;ontinue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_intro.py" line="153"/>
        <source>&amp;Start the exam…</source>
        <translation>&amp;Start the exam…</translation>
    </message>
</context>
<context>
    <name>LessonScreen</name>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="83"/>
        <source>← &amp;Previous</source>
        <translation>← &amp;Previous</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="140"/>
        <source>&amp;Next →</source>
        <translation>&amp;Next →</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="85"/>
        <source>Check &amp;yourself</source>
        <translation>Check &amp;yourself</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="86"/>
        <source>One question from this module&apos;s quiz, checked at once</source>
        <translation>One question from this module&apos;s quiz, checked at once</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="88"/>
        <source>Lesson language</source>
        <translation>Lesson language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="89"/>
        <location filename="../../desktop/ui/lesson.py" line="91"/>
        <source>Smaller text</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="90"/>
        <location filename="../../desktop/ui/lesson.py" line="92"/>
        <source>Larger text</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="93"/>
        <source>Lesson text</source>
        <translation>Lesson text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="112"/>
        <source>about %1 min</source>
        <translation>about %1 min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="140"/>
        <source>&amp;Module quiz →</source>
        <translation>&amp;Module quiz →</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="143"/>
        <source>✓ Done</source>
        <translation>✓ Done</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lesson.py" line="143"/>
        <source>Mark as &amp;done</source>
        <translation>Mark as &amp;done</translation>
    </message>
</context>
<context>
    <name>LibraryScreen</name>
    <message>
        <location filename="../../desktop/ui/library.py" line="135"/>
        <source>Library</source>
        <translation>Library</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="136"/>
        <source>Content</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="136"/>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="137"/>
        <source>Levels, modules and lessons</source>
        <translation>Levels, modules and lessons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="138"/>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="183"/>
        <source>%1/%2 lessons</source>
        <translation>%1/%2 lessons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="198"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="206"/>
        <source>Module quiz</source>
        <translation>Module quiz</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="210"/>
        <source>best %1%</source>
        <translation>best %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="223"/>
        <source>Level exam</source>
        <translation>Level exam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/library.py" line="222"/>
        <source>passed</source>
        <translation>passed</translation>
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
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="252"/>
        <source>Library</source>
        <translation>Library</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="253"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="254"/>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="255"/>
        <source>Import a pack…</source>
        <translation>Import a pack…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="256"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="257"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="262"/>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
</context>
<context>
    <name>MatchingWidget</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="183"/>
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/ui/messages.py" line="23"/>
        <source>Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.</source>
        <translation>Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="27"/>
        <source>This profile&apos;s record on this computer is damaged, so it cannot be unlocked. Your synced results are safe on the ministry server; ask your IT officer to restore the profile.</source>
        <translation>This profile&apos;s record on this computer is damaged, so it cannot be unlocked. Your synced results are safe on the ministry server; ask your IT officer to restore the profile.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="33"/>
        <source>The learner data file is damaged or is not a Học Vụ Số file. Nothing was changed. Ask your IT officer for help.</source>
        <translation>The learner data file is damaged or is not a Học Vụ Số file. Nothing was changed. Ask your IT officer for help.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="38"/>
        <source>Your data was saved by a newer version of Học Vụ Số. Install the newer version to open it.</source>
        <translation>Your data was saved by a newer version of Học Vụ Số. Install the newer version to open it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="43"/>
        <source>This passphrase is too short or too common. Use at least 8 characters; four random words are best.</source>
        <translation>This passphrase is too short or too common. Use at least 8 characters; four random words are best.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="53"/>
        <source>Something went wrong (%1). Nothing was lost; please try again.</source>
        <translation>Something went wrong (%1). Nothing was lost; please try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="62"/>
        <source>The disk or USB stick is full. Free some space or choose another place, then try again. Nothing already saved was changed.</source>
        <translation>The disk or USB stick is full. Free some space or choose another place, then try again. Nothing already saved was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="66"/>
        <source>This disk or USB stick is read-only (it may have a lock switch). Choose another place, then try again.</source>
        <translation>This disk or USB stick is read-only (it may have a lock switch). Choose another place, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="70"/>
        <source>Học Vụ Số may not write or read there. Choose a folder of your own, such as Documents, then try again.</source>
        <translation>Học Vụ Số may not write or read there. Choose a folder of your own, such as Documents, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="74"/>
        <source>The file or folder is no longer there (was a USB stick removed?). Check it, then try again.</source>
        <translation>The file or folder is no longer there (was a USB stick removed?). Check it, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="83"/>
        <source>The file could not be read or written (error %1). Check the disk and try again.</source>
        <translation>The file could not be read or written (error %1). Check the disk and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="105"/>
        <source>Not connected to the ministry server yet: enter its address and your enrolment code above, then press Connect.</source>
        <translation>Not connected to the ministry server yet: enter its address and your enrolment code above, then press Connect.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="109"/>
        <source>This is not a server address. It starts with https://, as on the sheet from your administrator.</source>
        <translation>This is not a server address. It starts with https://, as on the sheet from your administrator.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="113"/>
        <source>This address uses plain http, which anyone on the network could read or change. Use the https:// address your ministry gave you.</source>
        <translation>This address uses plain http, which anyone on the network could read or change. Use the https:// address your ministry gave you.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="117"/>
        <source>The server does not know this enrolment code. Check it letter by letter against the one from your administrator (it looks like ABCD-EFGH-JKMN).</source>
        <translation>The server does not know this enrolment code. Check it letter by letter against the one from your administrator (it looks like ABCD-EFGH-JKMN).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="121"/>
        <source>This enrolment code has already been used; each code works once. Ask your unit&apos;s administrator for a new one.</source>
        <translation>This enrolment code has already been used; each code works once. Ask your unit&apos;s administrator for a new one.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="125"/>
        <source>This enrolment code has expired. Ask your unit&apos;s administrator for a new one.</source>
        <translation>This enrolment code has expired. Ask your unit&apos;s administrator for a new one.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="128"/>
        <source>Too many wrong enrolment codes were tried. Wait %1, check the code with your administrator, then try again.</source>
        <translation>Too many wrong enrolment codes were tried. Wait %1, check the code with your administrator, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="132"/>
        <source>This profile is already enrolled for another learner. Each learner needs their own profile: create yours on the unlock screen, then connect it.</source>
        <translation>This profile is already enrolled for another learner. Each learner needs their own profile: create yours on the unlock screen, then connect it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="137"/>
        <source>The ministry server cannot be reached. Check the address and the network connection; nothing was lost, and sync will try again later.</source>
        <translation>The ministry server cannot be reached. Check the address and the network connection; nothing was lost, and sync will try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="141"/>
        <source>The connection to the server is not secure: its certificate could not be checked, so nothing was sent. Check the server address; on a ministry or embassy network, ask your IT officer.</source>
        <translation>The connection to the server is not secure: its certificate could not be checked, so nothing was sent. Check the server address; on a ministry or embassy network, ask your IT officer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="146"/>
        <source>The server&apos;s certificate is not valid at this computer&apos;s date and time, so the connection was stopped. Check that the date, time and time zone of this computer are right, then sync again. Nothing was lost.</source>
        <translation>The server&apos;s certificate is not valid at this computer&apos;s date and time, so the connection was stopped. Check that the date, time and time zone of this computer are right, then sync again. Nothing was lost.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="151"/>
        <source>The answer did not come from the ministry server. A hotel or public network may be asking you to sign in first: open a web browser, sign in, then sync again.</source>
        <translation>The answer did not come from the ministry server. A hotel or public network may be asking you to sign in first: open a web browser, sign in, then sync again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="156"/>
        <source>The ministry server is busy. Nothing was lost; sync will try again in a few minutes.</source>
        <translation>The ministry server is busy. Nothing was lost; sync will try again in a few minutes.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="160"/>
        <source>The ministry server has a fault (error %1). Nothing was lost; sync will try again later. If this lasts more than a day, tell your administrator.</source>
        <translation>The ministry server has a fault (error %1). Nothing was lost; sync will try again later. If this lasts more than a day, tell your administrator.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="164"/>
        <source>The server refused the request (error %1). Nothing was lost. If this keeps happening, tell your administrator.</source>
        <translation>The server refused the request (error %1). Nothing was lost. If this keeps happening, tell your administrator.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="169"/>
        <source>This laptop was disconnected by the ministry: an administrator withdrew its access. Your results on it are kept. Ask your unit&apos;s administrator for a new enrolment code, then press Connect again.</source>
        <translation>This laptop was disconnected by the ministry: an administrator withdrew its access. Your results on it are kept. Ask your unit&apos;s administrator for a new enrolment code, then press Connect again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="174"/>
        <source>The server no longer knows this computer. Your results on it are kept. Ask your unit&apos;s administrator for a new enrolment code, then press Connect again.</source>
        <translation>The server no longer knows this computer. Your results on it are kept. Ask your unit&apos;s administrator for a new enrolment code, then press Connect again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="180"/>
        <source>The server did not store the results sent. Nothing was lost; sync will try again later.</source>
        <translation>The server did not store the results sent. Nothing was lost; sync will try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="184"/>
        <source>The server refused results recorded under another learner&apos;s profile; none were stored, and nothing was lost here. Tell your administrator.</source>
        <translation>The server refused results recorded under another learner&apos;s profile; none were stored, and nothing was lost here. Tell your administrator.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="188"/>
        <source>A certificate from the server did not verify and was not kept. Your results are safe; tell your administrator.</source>
        <translation>A certificate from the server did not verify and was not kept. Your results are safe; tell your administrator.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="192"/>
        <source>A certificate from the server belongs to an exam this computer has not received yet; it is attached at a later sync.</source>
        <translation>A certificate from the server belongs to an exam this computer has not received yet; it is attached at a later sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="196"/>
        <source>A content pack is no longer assigned to your unit, so it was not downloaded. Nothing else is affected.</source>
        <translation>A content pack is no longer assigned to your unit, so it was not downloaded. Nothing else is affected.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="200"/>
        <source>The download of a content pack was interrupted. It resumes where it stopped at the next sync.</source>
        <translation>The download of a content pack was interrupted. It resumes where it stopped at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="204"/>
        <source>A downloaded content pack arrived damaged; it was discarded and is downloaded again at the next sync.</source>
        <translation>A downloaded content pack arrived damaged; it was discarded and is downloaded again at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="209"/>
        <source>The disk of this computer is full, so sync could not save what it received. Free some space, then sync again. Nothing was lost.</source>
        <translation>The disk of this computer is full, so sync could not save what it received. Free some space, then sync again. Nothing was lost.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="213"/>
        <source>A file could not be read or written during sync. Check the disk, then sync again. Nothing was lost.</source>
        <translation>A file could not be read or written during sync. Check the disk, then sync again. Nothing was lost.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="218"/>
        <source>First open the server key file your administrator gave you (or connect once): the file for the ministry is encrypted with it.</source>
        <translation>First open the server key file your administrator gave you (or connect once): the file for the ministry is encrypted with it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="222"/>
        <source>This computer is not enrolled yet: enter the enrolment code from your administrator, then save the file again.</source>
        <translation>This computer is not enrolled yet: enter the enrolment code from your administrator, then save the file again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="226"/>
        <source>This is not the server key file from your administrator, or it is damaged. Ask for a fresh copy.</source>
        <translation>This is not the server key file from your administrator, or it is damaged. Ask for a fresh copy.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="230"/>
        <source>This is a file of your results for the ministry, not a file from the ministry. Open the file your administrator sent back.</source>
        <translation>This is a file of your results for the ministry, not a file from the ministry. Open the file your administrator sent back.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="234"/>
        <source>This is not a file from the ministry server, or it is damaged or incomplete. Nothing was changed. Ask your administrator for a fresh copy.</source>
        <translation>This is not a file from the ministry server, or it is damaged or incomplete. Nothing was changed. Ask your administrator for a fresh copy.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="238"/>
        <source>This file was changed after the ministry server made it, so it was refused. Nothing was changed. Ask your administrator for a fresh copy.</source>
        <translation>This file was changed after the ministry server made it, so it was refused. Nothing was changed. Ask your administrator for a fresh copy.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="242"/>
        <source>This file comes from another server than the one this profile uses. Nothing was changed. Ask your administrator for the file from your ministry&apos;s server.</source>
        <translation>This file comes from another server than the one this profile uses. Nothing was changed. Ask your administrator for the file from your ministry&apos;s server.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="247"/>
        <source>This file is for another learner. Nothing was changed. Ask your administrator for the file made for you.</source>
        <translation>This file is for another learner. Nothing was changed. Ask your administrator for the file made for you.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="251"/>
        <source>This file was made for a newer version of Học Vụ Số. Install the newer version, then open it again. Nothing was changed.</source>
        <translation>This file was made for a newer version of Học Vụ Số. Install the newer version, then open it again. Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="255"/>
        <source>This file could not be read. Check the disk or USB stick, then try again.</source>
        <translation>This file could not be read. Check the disk or USB stick, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="263"/>
        <source>it did not pass the checks</source>
        <translation>it did not pass the checks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="265"/>
        <source>A content pack from the server was refused: %1. Your library was not changed. Tell your administrator.</source>
        <translation>A content pack from the server was refused: %1. Your library was not changed. Tell your administrator.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="270"/>
        <source>Sync could not finish. Nothing was lost; it will try again later.</source>
        <translation>Sync could not finish. Nothing was lost; it will try again later.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/messages.py" line="280"/>
        <location filename="../../desktop/ui/messages.py" line="286"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/messages.py" line="288"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/messages.py" line="290"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="292"/>
        <source>This computer&apos;s clock is %1 off the ministry server&apos;s. Set the right date, time and time zone in the system settings: your results are dated by this clock.</source>
        <translation>This computer&apos;s clock is %1 off the ministry server&apos;s. Set the right date, time and time zone in the system settings: your results are dated by this clock.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="308"/>
        <source>it is not a content pack, or it is damaged or incomplete</source>
        <translation>it is not a content pack, or it is damaged or incomplete</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="309"/>
        <source>a file name in it tries to escape the pack</source>
        <translation>a file name in it tries to escape the pack</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="310"/>
        <source>it contains a link instead of a file</source>
        <translation>it contains a link instead of a file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="311"/>
        <source>a file appears twice in it</source>
        <translation>a file appears twice in it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="312"/>
        <source>two file names differ only in letter case</source>
        <translation>two file names differ only in letter case</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="313"/>
        <source>it holds far too many files</source>
        <translation>it holds far too many files</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="314"/>
        <source>a file in it is far too large</source>
        <translation>a file in it is far too large</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="315"/>
        <source>a file in it would unpack to a huge size</source>
        <translation>a file in it would unpack to a huge size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="316"/>
        <source>it holds a file that its signed list does not mention</source>
        <translation>it holds a file that its signed list does not mention</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="317"/>
        <source>a file of its signed list is missing</source>
        <translation>a file in its signed list is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="318"/>
        <location filename="../../desktop/ui/messages.py" line="319"/>
        <source>a file was changed after the pack was signed</source>
        <translation>a file was changed after the pack was signed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="320"/>
        <source>its signature does not match its content</source>
        <translation>its signature does not match its content</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="321"/>
        <source>it is not signed under the ministry&apos;s keys</source>
        <translation>it is not signed under the ministry&apos;s keys</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="323"/>
        <source>its list of trusted keys has expired; sync or get a newer pack</source>
        <translation>its list of trusted keys has expired; sync or get a newer pack</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="325"/>
        <source>it is signed by a key the ministry does not list</source>
        <translation>it is signed by a key the ministry does not list</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="326"/>
        <source>its signing key was not valid when it was made</source>
        <translation>its signing key was not valid when the pack was made</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="327"/>
        <source>its signing key has been revoked</source>
        <translation>its signing key has been revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="328"/>
        <source>its signer may not publish this kind of pack</source>
        <translation>its signer may not publish this kind of pack</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="329"/>
        <source>the same or a newer version is already installed</source>
        <translation>the same or a newer version is already installed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="330"/>
        <source>it was made for a newer version of the app</source>
        <translation>it was made for a newer version of the app</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="331"/>
        <source>a file in it is malformed</source>
        <translation>a file in it is malformed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="332"/>
        <source>an image in it is not a safe picture</source>
        <translation>an image in it is not a safe picture</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="333"/>
        <source>it needs a newer version of the app</source>
        <translation>it needs a newer version of the app</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages.py" line="299"/>
        <source>The pack was refused: %1 (%2). Your library was not changed. Ask the sender for a fresh copy of the pack.</source>
        <translation>The pack was refused: %1 (%2). Your library was not changed. Ask the sender for a fresh copy of the pack.</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <location filename="../../desktop/ui/names.py" line="11"/>
        <source>Data and information</source>
        <translation>Data and information</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="12"/>
        <source>Communication and collaboration</source>
        <translation>Communication and collaboration</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="13"/>
        <source>Digital content creation</source>
        <translation>Digital content creation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="14"/>
        <source>Safety</source>
        <translation>Safety</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="15"/>
        <source>Problem solving</source>
        <translation>Problem solving</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="16"/>
        <source>Applying AI</source>
        <translation>Applying AI</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="22"/>
        <source>Level 1 — Basic</source>
        <translation>Level 1 — Basic</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="23"/>
        <source>Level 2 — Intermediate</source>
        <translation>Level 2 — Intermediate</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="24"/>
        <source>Level 3 — Advanced</source>
        <translation>Level 3 — Advanced</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="25"/>
        <source>Level 4 — Specialised</source>
        <translation>Level 4 — Specialised</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="31"/>
        <location filename="../../desktop/ui/names.py" line="44"/>
        <source>not started</source>
        <translation>not started</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="32"/>
        <location filename="../../desktop/ui/names.py" line="43"/>
        <source>in progress</source>
        <translation>in progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="33"/>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="39"/>
        <source>skipped by placement</source>
        <translation>skipped by placement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="41"/>
        <source>mastered</source>
        <translation>mastered</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="62"/>
        <source>This attempt was submitted before the waiting time after the previous one had passed. It was scored but does not count.</source>
        <translation>This attempt was submitted before the waiting time after the previous one had passed. It was scored but does not count.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="66"/>
        <source>This attempt was beyond the number of attempts allowed for this version of the exam. It was scored but does not count.</source>
        <translation>This attempt was beyond the number of attempts allowed for this version of the exam. It was scored but does not count.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="70"/>
        <source>This attempt was reviewed and rejected by the ministry. It does not count.</source>
        <translation>This attempt was reviewed and rejected by the ministry. It does not count.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="73"/>
        <source>This attempt could not be graded: its questions do not match the exam. It does not count; please take the exam again.</source>
        <translation>This attempt could not be graded: its questions do not match the exam. It does not count; please take the exam again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="77"/>
        <source>The ministry&apos;s result could not be read.</source>
        <translation>The ministry&apos;s result could not be read.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="82"/>
        <source>The next attempt opens on %1.</source>
        <translation>The next attempt opens on %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="87"/>
        <source>All %1 attempts at this version of the exam are used; no further attempt is possible.</source>
        <translation>All %1 attempts at this version of the exam are used; no further attempt is possible.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="96"/>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="98"/>
        <source>submitted, awaiting result</source>
        <translation>submitted, awaiting result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="100"/>
        <source>opens %1</source>
        <translation>opens %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="102"/>
        <source>no attempts left</source>
        <translation>no attempts left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="104"/>
        <source>not passed</source>
        <translation>not passed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="117"/>
        <source>%1: submitted on %2, awaiting result.</source>
        <translation>%1: submitted on %2, awaiting result.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="122"/>
        <source>The result arrives with the next sync, or with the next file from the ministry.</source>
        <translation>The result arrives with the next sync, or with the next file from the ministry.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="130"/>
        <source>%1: passed, %2%.</source>
        <translation>%1: passed, %2%.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="133"/>
        <source>%1: not passed, %2%.</source>
        <translation>%1: not passed, %2%.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="142"/>
        <source>By area: %1</source>
        <translation>By area: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/names.py" line="145"/>
        <source>To revisit: %1</source>
        <translation>To revisit: %1</translation>
    </message>
</context>
<context>
    <name>NewProfileScreen</name>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="156"/>
        <source>Create your profile</source>
        <translation>Create your profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="159"/>
        <source>Your progress stays on this computer, encrypted with your passphrase. The name is shown on the unlock screen, so a nickname is fine. There is no way to recover a forgotten passphrase on this computer; once you have synced, the ministry server holds a copy of your results.</source>
        <translation>Your progress stays on this computer, encrypted with your passphrase. The name is shown on the unlock screen, so a nickname is fine. There is no way to recover a forgotten passphrase on this computer; once you have synced, the ministry server holds a copy of your results.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="167"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="167"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="167"/>
        <source>Pass&amp;phrase</source>
        <translation>Pass&amp;phrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="167"/>
        <source>&amp;Repeat it</source>
        <translation>&amp;Repeat it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="171"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="172"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="173"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="174"/>
        <source>Repeat the passphrase</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="175"/>
        <source>Take the placement test to skip what I already know</source>
        <translation>Take the placement test to skip what I already know</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="176"/>
        <source>&amp;Create profile</source>
        <translation>&amp;Create profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="177"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="206"/>
        <source>Use four or more random words, e.g. “river cloud pencil forty-two”.</source>
        <translation>Use four or more random words, e.g. “river cloud pencil forty-two”.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="211"/>
        <source>Too short: use at least 8 characters; longer is better.</source>
        <translation>Too short: use at least 8 characters; longer is better.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="212"/>
        <source>Weak: too easy to guess.</source>
        <translation>Weak: too easy to guess.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="213"/>
        <source>Fair: add another word or two.</source>
        <translation>Fair: add another word or two.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="214"/>
        <source>Good.</source>
        <translation>Good.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="215"/>
        <source>Strong. Write it down somewhere safe, away from the computer.</source>
        <translation>Strong. Write it down somewhere safe, away from the computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="226"/>
        <source>Please enter a name.</source>
        <translation>Please enter a name.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="230"/>
        <source>The two passphrases differ.</source>
        <translation>The two passphrases do not match.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="235"/>
        <source>Creating your encrypted profile…</source>
        <translation>Creating your encrypted profile…</translation>
    </message>
</context>
<context>
    <name>NoLessons</name>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="281"/>
        <source>No lessons installed yet</source>
        <translation>No lessons installed yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="283"/>
        <source>Lessons come in content packs (.hvpack files) from your ministry: import one you were given, or connect to the ministry server in Settings to receive the packs assigned to you.</source>
        <translation>Lessons come in content packs (.hvpack files) from your ministry: import one you were given, or connect to the ministry server in Settings to receive the packs assigned to you.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="287"/>
        <source>&amp;Import a pack…</source>
        <translation>&amp;Import a pack…</translation>
    </message>
</context>
<context>
    <name>OrderingWidget</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="128"/>
        <source>Steps to put in order</source>
        <translation>Steps to put in order</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="137"/>
        <source>Move &amp;up</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="137"/>
        <source>Move &amp;down</source>
        <translation>Move &amp;down</translation>
    </message>
</context>
<context>
    <name>Packs</name>
    <message>
        <location filename="../../desktop/operations/packs.py" line="41"/>
        <source>Preparing the lessons…</source>
        <translation>Preparing the lessons…</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/packs.py" line="63"/>
        <source>Import a content pack</source>
        <translation>Import a content pack</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/packs.py" line="65"/>
        <source>Content packs (*.hvpack)</source>
        <translation>Content packs (*.hvpack)</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/packs.py" line="73"/>
        <source>Checking and installing %1…</source>
        <translation>Checking and installing %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/packs.py" line="84"/>
        <source>Installed “%1”, version %2.</source>
        <translation>Installed “%1”, version %2.</translation>
    </message>
</context>
<context>
    <name>PracticeDialog</name>
    <message>
        <location filename="../../desktop/ui/practice.py" line="31"/>
        <location filename="../../desktop/ui/practice.py" line="33"/>
        <source>Check yourself</source>
        <translation>Check yourself</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="36"/>
        <source>One question from this module&apos;s quiz. Nothing is recorded: the module quiz is where answers count.</source>
        <translation>One question from this module&apos;s quiz. Nothing is recorded: the module quiz is where answers count.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="44"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="47"/>
        <source>&amp;Check</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="60"/>
        <source>C&amp;lose</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/practice.py" line="74"/>
        <source>Choose or type an answer first.</source>
        <translation>Choose or type an answer first.</translation>
    </message>
</context>
<context>
    <name>QuizLauncher</name>
    <message>
        <location filename="../../desktop/operations/quizzes.py" line="78"/>
        <location filename="../../desktop/operations/quizzes.py" line="104"/>
        <source>Level exam</source>
        <translation>Level exam</translation>
    </message>
    <message>
        <location filename="../../desktop/operations/quizzes.py" line="90"/>
        <location filename="../../desktop/operations/quizzes.py" line="101"/>
        <source>Placement test</source>
        <translation>Placement test</translation>
    </message>
</context>
<context>
    <name>QuizScreen</name>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="133"/>
        <source>← &amp;Previous</source>
        <translation>← &amp;Previous</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="134"/>
        <source>C&amp;heck</source>
        <translation>C&amp;heck</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="135"/>
        <source>&amp;Next →</source>
        <translation>&amp;Next →</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="137"/>
        <source>&amp;Finish</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="137"/>
        <source>&amp;Submit the exam…</source>
        <translation>&amp;Submit the exam…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="140"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="300"/>
        <source>Question %1 of %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="406"/>
        <source>Submit the exam now? You answered %1 of %2 questions.</source>
        <translation>Submit the exam now? You answered %1 of %2 questions.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz.py" line="389"/>
        <location filename="../../desktop/ui/quiz.py" line="412"/>
        <source>%n question(s) are not answered; an unanswered question scores nothing.</source>
        <translation>
            <numerusform>%n question is not answered; an unanswered question scores nothing.</numerusform>
            <numerusform>%n questions are not answered; an unanswered question scores nothing.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="138"/>
        <source>Save and &amp;leave</source>
        <translation>Save and &amp;leave</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="139"/>
        <source>Your answers are kept; continue later from Home.</source>
        <translation>Your answers are kept; continue later from Home.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="174"/>
        <source>Start the level exam now?</source>
        <translation>Start the level exam now?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz.py" line="175"/>
        <source>%n question(s).</source>
        <translation>
            <numerusform>%n question.</numerusform>
            <numerusform>%n questions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/quiz.py" line="177"/>
        <source>Time limit: %n minute(s); the clock keeps running if you close the app.</source>
        <translation>
            <numerusform>Time limit: %n minute; the clock keeps running if you close the app.</numerusform>
            <numerusform>Time limit: %n minutes; the clock keeps running if you close the app.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="183"/>
        <source>Attempts left at this version of the exam: %1 of %2.</source>
        <translation>Attempts left at this version of the exam: %1 of %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="188"/>
        <source>The ministry grades the exam after you submit it; the result arrives with the next sync.</source>
        <translation>The ministry grades the exam after you submit it; the result arrives with the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="199"/>
        <source>Level exam</source>
        <translation>Level exam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="201"/>
        <source>&amp;Start the exam</source>
        <translation>&amp;Start the exam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="202"/>
        <source>&amp;Not now</source>
        <translation>&amp;Not now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="291"/>
        <source>Area %1 of %2 · %3/%4</source>
        <translation>Area %1 of %2 · %3/%4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="416"/>
        <source>After submitting, the answers can no longer be changed.</source>
        <translation>After submitting, the answers can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="425"/>
        <source>Submit the exam</source>
        <translation>Submit the exam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="427"/>
        <source>&amp;Submit</source>
        <translation>&amp;Submit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="396"/>
        <location filename="../../desktop/ui/quiz.py" line="428"/>
        <source>&amp;Keep working</source>
        <translation>&amp;Keep working</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="387"/>
        <source>Finish now?</source>
        <translation>Finish now?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="394"/>
        <source>Go back with Previous to answer them, or finish now.</source>
        <translation>Go back with Previous to answer them, or finish now.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz.py" line="395"/>
        <source>&amp;Finish now</source>
        <translation>&amp;Finish now</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="88"/>
        <source>&amp;Retry</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="89"/>
        <source>Your answers, question by question</source>
        <translation>Your answers, question by question</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="92"/>
        <source>&amp;Go to Home</source>
        <translation>&amp;Go to Home</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="92"/>
        <source>&amp;Back to the library</source>
        <translation>&amp;Back to the library</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="112"/>
        <source>Exam submitted</source>
        <translation>Exam submitted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="115"/>
        <source>Your answers have been submitted to the ministry for grading. The result and, if you pass, the certificate arrive with the next sync, or with the next file from the ministry if your mission is never online. Home shows “submitted, awaiting result” until then.</source>
        <translation>Your answers have been submitted to the ministry for grading. The result and, if you pass, the certificate arrive with the next sync, or with the next file from the ministry if your mission is never online. Home shows “submitted, awaiting result” until then.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="123"/>
        <source>Placement test finished</source>
        <translation>Placement test finished</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="126"/>
        <source>Your score: %1%. Modules you already master are marked “skipped by placement” in the library; the home screen shows where to start.</source>
        <translation>Your score: %1%. Modules you already master are marked “skipped by placement” in the library; the home screen shows where to start.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="137"/>
        <source>all levels skipped</source>
        <translation>all levels skipped</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="140"/>
        <source>levels %1 skipped; study from level %2</source>
        <translation>levels %1 skipped; study from level %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="145"/>
        <source>study from level %1</source>
        <translation>study from level %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="148"/>
        <source>Start at: %1.</source>
        <translation>Start at: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="155"/>
        <source>Passed: %1%</source>
        <translation>Passed: %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="156"/>
        <source>Well done. The pass mark is %1%.</source>
        <translation>Well done. The pass mark is %1%.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="158"/>
        <source>Not passed yet: %1%</source>
        <translation>Not passed yet: %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="161"/>
        <source>The pass mark is %1%. Read the questions below again, then try once more.</source>
        <translation>The pass mark is %1%. Read the questions below again, then try once more.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="165"/>
        <source>By area:</source>
        <translation>By area:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="179"/>
        <source>To revisit: %1.</source>
        <translation>To revisit: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="184"/>
        <source>Questions to review:</source>
        <translation>Questions to review:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="185"/>
        <source>True</source>
        <translation>True</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="185"/>
        <source>False</source>
        <translation>False</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="192"/>
        <source>Your answer:</source>
        <translation>Your answer:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="192"/>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quiz_result.py" line="196"/>
        <source>The right answer:</source>
        <translation>The right answer:</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../desktop/ui/review.py" line="159"/>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="160"/>
        <source>C&amp;heck</source>
        <translation>C&amp;heck</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="161"/>
        <source>I don&apos;t know — &amp;show the answer</source>
        <translation>I don&apos;t know — &amp;show the answer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="162"/>
        <source>Back to &amp;Home</source>
        <translation>Back to &amp;Home</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="163"/>
        <source>Go to the &amp;library</source>
        <translation>Go to the &amp;library</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="164"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="165"/>
        <source>Whether your answer was right</source>
        <translation>Whether your answer was right</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="180"/>
        <source>Again</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="181"/>
        <source>Hard</source>
        <translation>Hard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="182"/>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="183"/>
        <source>Easy</source>
        <translation>Easy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="208"/>
        <source>Answer, then check (Enter).</source>
        <translation>Answer, then check (Enter).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="229"/>
        <source>How well did you know it? Press 1–4 or a button; the suggestion has the focus.</source>
        <translation>How well did you know it? Press 1–4 or a button; the suggestion has the focus.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="239"/>
        <source>Question %1 of %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="259"/>
        <source>Comes back in %1</source>
        <translation>Comes back in %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="269"/>
        <source>Choose or type an answer first.</source>
        <translation>Choose or type an answer first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="313"/>
        <source>Review done</source>
        <translation>Review done</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review.py" line="315"/>
        <source>You reviewed %n question(s).</source>
        <translation>
            <numerusform>You reviewed %n question.</numerusform>
            <numerusform>You reviewed %n questions.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="317"/>
        <source>Right at the first answer: %1 of %2.</source>
        <translation>Right at the first answer: %1 of %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="324"/>
        <source>Nothing else is scheduled for review.</source>
        <translation>Nothing else is scheduled for review.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review.py" line="327"/>
        <source>Next review: %1 (in %2).</source>
        <translation>Next review: %1 (in %2).</translation>
    </message>
</context>
<context>
    <name>ReviewTimes</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="17"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="19"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="21"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="23"/>
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/review_times.py" line="24"/>
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_times.py" line="32"/>
        <source>today at %1</source>
        <translation>today at %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_times.py" line="34"/>
        <source>tomorrow at %1</source>
        <translation>tomorrow at %1</translation>
    </message>
</context>
<context>
    <name>Reviews</name>
    <message>
        <location filename="../../desktop/operations/review.py" line="45"/>
        <source>Nothing to review now.</source>
        <translation>Nothing to review now.</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../desktop/ui/search.py" line="125"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="126"/>
        <source>Words to find, with or without accents</source>
        <translation>Words to find, with or without accents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="127"/>
        <source>Search lessons</source>
        <translation>Search lessons</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="129"/>
        <source>Press Down to move to the results, Enter to open one.</source>
        <translation>Press Down to move to the results, Enter to open one.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="131"/>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="133"/>
        <source>No lesson found</source>
        <translation>No lesson found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="134"/>
        <source>Try fewer words or other words; accents are not needed.</source>
        <translation>Try fewer words or other words; accents are not needed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/search.py" line="135"/>
        <source>&amp;Clear the search</source>
        <translation>&amp;Clear the search</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/search.py" line="162"/>
        <source>%n lesson(s) found.</source>
        <translation>
            <numerusform>%n lesson found.</numerusform>
            <numerusform>%n lessons found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../desktop/ui/settings.py" line="76"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="77"/>
        <source>This computer</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="81"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="82"/>
        <source>&amp;Text size</source>
        <translation>&amp;Text size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="83"/>
        <source>&amp;Lock after (minutes idle)</source>
        <translation>&amp;Lock after (minutes idle)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="117"/>
        <source>Học Vụ Số %1 (pack format %2, store schema %3, Qt %4)</source>
        <translation>Học Vụ Số %1 (pack format %2, store schema %3, Qt %4)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="88"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="89"/>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="90"/>
        <source>Lock after minutes idle</source>
        <translation>Idle minutes before the app locks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="91"/>
        <source>&amp;High contrast (black on white, stronger marks)</source>
        <translation>&amp;High contrast (black on white, stronger marks)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="93"/>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="122"/>
        <source>Trust list version %1, issued %2 (%3 days ago), expires %4.</source>
        <translation>Trust list version %1, issued %2 (%3 days ago), expires %4.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="128"/>
        <source>No trust list installed.</source>
        <translation>No trust list installed.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/settings.py" line="129"/>
        <source>%n pack(s) installed.</source>
        <translation>
            <numerusform>%n pack installed.</numerusform>
            <numerusform>%n packs installed.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="130"/>
        <source>Data folder: %1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="134"/>
        <source>This build trusts the DEVELOPMENT root key: not for production use.</source>
        <translation>This build trusts the DEVELOPMENT root key: not for production use.</translation>
    </message>
</context>
<context>
    <name>SyncBox</name>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="200"/>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="202"/>
        <source>Last synced %1.</source>
        <translation>Last synced %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="205"/>
        <source>The last sync (%1) did not finish:</source>
        <translation>The last sync (%1) did not finish:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/sync_panel.py" line="210"/>
        <source>%n result(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n result waiting to be sent.</numerusform>
            <numerusform>%n results waiting to be sent.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="225"/>
        <source>Ministry server</source>
        <translation>Ministry server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="228"/>
        <source>&amp;Server address</source>
        <translation>&amp;Server address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="228"/>
        <source>&amp;Enrolment code</source>
        <translation>&amp;Enrolment code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="228"/>
        <source>&amp;Device name</source>
        <translation>&amp;Device name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="232"/>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="233"/>
        <source>https://… (given by your ministry)</source>
        <translation>https://… (given by your ministry)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="234"/>
        <source>Enrolment code</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="235"/>
        <source>from your administrator, e.g. ABCD-EFGH-JKMN</source>
        <translation>from your administrator, e.g. ABCD-EFGH-JKMN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="236"/>
        <source>Device name</source>
        <translation>Device name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="238"/>
        <source>Connect again</source>
        <translation>Connect again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="238"/>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="240"/>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="242"/>
        <source>Save results to a file…</source>
        <translation>Save results to a file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="245"/>
        <source>For a mission without a connection: an encrypted file for the ministry, to send by any means.</source>
        <translation>For a mission without a connection: an encrypted file for the ministry, to send by any means.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="249"/>
        <source>Open a file from the ministry…</source>
        <translation>Open a file from the ministry…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="252"/>
        <source>Disconnected by the server.</source>
        <translation>Disconnected by the server.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="254"/>
        <source>Connected.</source>
        <translation>Connected.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="258"/>
        <source>Not connected. Enter the server address and the one-time enrolment code from your administrator, then press Connect.</source>
        <translation>Not connected. Enter the server address and the one-time enrolment code from your administrator, then press Connect.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="190"/>
        <source>Enter the server address and the enrolment code your administrator gave you, then press Connect.</source>
        <translation>Enter the server address and the enrolment code your administrator gave you, then press Connect.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="200"/>
        <source>Connected to %1. Your results will now sync.</source>
        <translation>Connected to %1. Your results will now sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="213"/>
        <source>Save results for the ministry</source>
        <translation>Save results for the ministry</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="215"/>
        <location filename="../../desktop/ui/sync_controller.py" line="257"/>
        <source>Sync files (*.hvsync)</source>
        <translation>Sync files (*.hvsync)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="223"/>
        <source>The server key file from your administrator</source>
        <translation>The server key file from your administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="225"/>
        <source>Server keys (*.json)</source>
        <translation>Server keys (*.json)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/sync_controller.py" line="240"/>
        <source>Saved %n result(s) to %1. Send this file to your administrator by any means; it is encrypted for the ministry&apos;s server.</source>
        <translation>
            <numerusform>Saved %n result to %1. Send this file to your administrator by any means; it is encrypted for the ministry&apos;s server.</numerusform>
            <numerusform>Saved %n results to %1. Send this file to your administrator by any means; it is encrypted for the ministry&apos;s server.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="255"/>
        <source>Open a file from the ministry</source>
        <translation>Open a file from the ministry</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="264"/>
        <source>Applied: %1 pack(s) installed, %2 certificate(s), %3 result(s).</source>
        <translation>Applied: %1 pack(s) installed, %2 certificate(s), %3 result(s).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/sync_controller.py" line="271"/>
        <source>%n assignment(s) from your unit, listed on Home.</source>
        <translation>
            <numerusform>%n assignment from your unit, listed on Home.</numerusform>
            <numerusform>%n assignments from your unit, listed on Home.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusLine</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/sync_panel.py" line="83"/>
        <source>%n result(s) waiting</source>
        <translation>
            <numerusform>%n result waiting</numerusform>
            <numerusform>%n results waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="85"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="87"/>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="89"/>
        <source>Offline · %1</source>
        <translation>Offline · %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="91"/>
        <source>Synced %1</source>
        <translation>Synced %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="94"/>
        <source>Sync incomplete · see Settings</source>
        <translation>Sync incomplete · see Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="96"/>
        <source>Not enrolled · see Settings</source>
        <translation>Not enrolled · see Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="97"/>
        <source>Not connected to the ministry server</source>
        <translation>Not connected to the ministry server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="102"/>
        <source>Sync status: %1</source>
        <translation>Sync status: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="103"/>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_panel.py" line="104"/>
        <source>Click to sync now</source>
        <translation>Click to sync now</translation>
    </message>
</context>
<context>
    <name>TextWidget</name>
    <message>
        <location filename="../../desktop/ui/items.py" line="107"/>
        <source>Your answer</source>
        <translation>Your answer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="108"/>
        <source>Type your answer</source>
        <translation>Type your answer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/items.py" line="112"/>
        <source>Type a number</source>
        <translation>Type a number</translation>
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
        <translation>Choose your profile and type your passphrase to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="56"/>
        <source>&amp;Profile</source>
        <translation>&amp;Profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="57"/>
        <source>Pass&amp;phrase</source>
        <translation>Pass&amp;phrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="58"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="59"/>
        <source>&amp;New profile…</source>
        <translation>&amp;New profile…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="60"/>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="61"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/unlock.py" line="97"/>
        <source>Unlocking…</source>
        <translation>Unlocking…</translation>
    </message>
</context>
</TS>
