"""More of what a learner notices: a resumed exam, the idle lock, the certificate PDF
(review sessions: test_review_screen.py)."""

from __future__ import annotations

from tests.desktop.app_driver import (
    PASSPHRASE,
    asking,
    idle,
    on_intro,
    shown_choices,
    some_answer,
    start_app,
    start_exam,
)
from tests.desktop.test_app_screens import unlocked_app


def unlock(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.unlock.profile.count() == 1)
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.unlock_button.click()
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.home and window.home._data is not None,
        timeout=20_000,
    )


def test_interrupted_exam_resumes_after_a_restart(qtbot, qapp, tmp_path, starter_packs):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs)
    pack_id = window.workspace.catalog.level_packs[0].pack_id
    start_exam(qtbot, window, pack_id)
    quiz = window.quiz
    assert not quiz.check.isVisible() and quiz.clock.isVisible()  # exam: no feedback, timed
    first_two = [q.item.id for q in quiz.run.questions[:2]]
    shown = [(q.item.id, q.order) for q in quiz.run.questions]
    for n in range(2):
        quiz.widget.set_response(some_answer(quiz.run.questions[n].item))
        quiz.next.click()
        qtbot.waitUntil(lambda n=n: quiz.index == n + 1)
    idle(qtbot, window)
    assert quiz.feedback.text() == ""
    third_options = shown_choices(quiz.widget)
    window.close()  # the lid closes in the middle of the exam

    again = start_app(qtbot, qapp, tmp_path / "data", starter_packs)
    unlock(qtbot, again)
    again.start_exam(pack_id)  # an open attempt is offered to continue, without a timer prompt
    qtbot.waitUntil(lambda: on_intro(again))
    assert again.quiz.intro.start.text() == again.quiz.intro.tr("C&ontinue")
    assert "đã trả lời 2/30 câu" in again.quiz.intro.resume.text()
    assert "Đồng hồ còn khoảng 60 phút." in again.quiz.intro.resume.text()
    again.quiz.intro.start.click()
    assert again.quiz.confirm_box is None
    qtbot.waitUntil(lambda: asking(again))
    run = again.quiz.run
    assert {item_id for (_quiz, item_id) in run.answers} == set(first_two)
    # The same items in the same order, each with its options in the same order.
    assert [(q.item.id, q.order) for q in run.questions] == shown
    assert shown_choices(again.quiz.widget) == third_options
    assert again.quiz.index == 2
    assert again.quiz.position.text().startswith(again.quiz.tr("Question %1 of %2")[:4])


def test_idle_lock_returns_to_the_unlock_screen(qtbot, qapp, tmp_path, starter_packs):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs)
    assert window.idle.isActive()
    assert window.idle.interval() == window.workspace.settings.idle_lock_minutes * 60_000
    window.idle.timeout.emit()
    idle(qtbot, window)
    assert window.learner is None
    assert window.stack.currentWidget() is window.unlock
    assert not window.nav.isVisible()
    unlock(qtbot, window)


def test_certificate_pdf_holds_a_qr_with_the_record(qapp, tmp_path):
    import json

    from desktop.certificate_pdf import qr_payload, write_certificate_pdf
    from desktop.store import Certificate, CertificateStatus

    certificate = Certificate(
        "6a1d8f3e-0000-4000-8000-000000000001",
        "vn.mofa.dl.l1",
        "l1-exam",
        1,
        0.9,
        "2026-11-22T10:00:00Z",
        CertificateStatus.PROVISIONAL,
    )
    record = json.loads(qr_payload(certificate))
    assert record["status"] == "provisional" and record["level"] == 1
    out = tmp_path / "certificate.pdf"
    texts = dict.fromkeys(("title", "name", "level", "date", "status", "note"), "Chứng chỉ")
    write_certificate_pdf(out, certificate, texts)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 2000
