"""Exam attempts as the app records them (docs/assessment.md section 2): packs with a
real exam, the right and wrong answers to its items, and the statements of an attempt
(`attempted` with the drawn form, one `answered` per item, `completed`)."""

from __future__ import annotations

import json
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from content.build import seal_exam, write_pack
from content.envelope import x25519_key_id
from content.forms import EXT_FORM, draw_form, new_seed
from content.grading import encode_response
from content.keys import load_grading_private
from content.quiz import Item
from content.sources import read_sources
from hocvu.paths import development_dir
from sync.server import grading, keys
from sync.xapi import make_statement
from tests.content.conftest import SCAFFOLD

from .conftest import CREATED, DevKeys

PACK = "vn.mofa.dl.demo"
EXAM = "demo-quiz"


def exam_pack(
    dev: DevKeys, out: Path, *, version: int = 3, sealed: bool = True, **exam: Any
) -> Path:
    """The scaffold pack with its quiz as the level-2 exam (7 items, one of each type),
    sealed to the development grading key as `hocvu pack build` seals it."""
    src = read_sources(SCAFFOLD)
    src.manifest["version"] = version
    src.manifest["exam"] = {"quiz": EXAM, "time_limit_minutes": None, "level": 2, **exam}
    if sealed:
        seal_exam(src.manifest, src.entries, dev.trainer, dev.trust_bytes, CREATED)
    write_pack(out, src.manifest, src.entries, dev.trainer, dev.trust_bytes, CREATED)
    return out


def install_grading_key(ctx) -> None:
    """The development grading key installed as `hocvu admin add-grading-key` does."""
    folder = ctx.settings.data_dir / "keys"
    keys.install_grading_key(folder, development_dir() / "DEVELOPMENT-ONLY-grading.key")
    ctx.keys.grading.update(keys.load_grading_keys(folder / keys.GRADING_FOLDER))


def opened_exam(path: Path):
    """The exam of a pack file opened as the server opens it."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read(f"quizzes/{manifest['exam']['quiz']}.json"))
    grading_key = load_grading_private(development_dir() / "DEVELOPMENT-ONLY-grading.key", None)
    key_id = x25519_key_id(grading_key.public_key())
    return grading.open_for_grading(data, {key_id: grading_key})


def right_answer(item: Item) -> Any:
    """A response earning full credit, in the authored item's ids."""
    if item.type == "single":
        return next(o.id for o in item.options if o.correct or (o.weight or 0) >= 1)
    if item.type == "multiple":
        return {o.id for o in item.options if o.correct}
    if item.type == "true_false":
        return item.answer
    if item.type == "short_answer":
        return next(iter(item.accept.values()))[0].text
    if item.type == "numeric":
        answer = max(item.answers, key=lambda a: a.weight)
        return answer.value if answer.value is not None else answer.min
    if item.type == "ordering":
        return [s.id for s in item.steps]
    return {p.id: p.id for p in item.pairs}


def wrong_answer(item: Item) -> Any:
    """A response earning nothing, in the authored item's ids."""
    if item.type == "single":
        return next(o.id for o in item.options if not o.correct and not o.weight)
    if item.type == "multiple":
        return {o.id for o in item.options if not o.correct}
    if item.type == "true_false":
        return not item.answer
    if item.type == "short_answer":
        return "không biết"
    if item.type == "numeric":
        return -12345
    if item.type == "ordering":
        return [s.id for s in reversed(item.steps)]
    pairs = [p.id for p in item.pairs]
    return dict(zip(pairs, pairs[1:] + pairs[:1], strict=True))


def public_response(opened, item_id: str, authored: Any) -> str:
    """An authored response as the app sends it: in the pack's (public) ids."""
    authored_item = opened.quiz.item(item_id)
    public_item = opened.public.item(item_id)
    text = encode_response(authored_item, authored)
    if opened.public is opened.quiz:
        return text
    # Sealed: learn the public → authored id map from the grader itself.
    ids: dict[str, str] = {}
    if public_item.type in ("single", "multiple"):
        for option in public_item.options:
            ids[opened.authored_response(item_id, option.id)] = option.id
    elif public_item.type == "ordering":
        for step in public_item.steps:
            ids[opened.authored_response(item_id, step.id)] = step.id
    elif public_item.type == "matching":
        lefts = [p.id for p in public_item.pairs]
        rights = public_item.right_choices()
        left_of = {
            opened.authored_response(item_id, f"{left}[.]{rights[0]}").split("[.]")[0]: left
            for left in lefts
        }
        right_of = {
            opened.authored_response(item_id, f"{lefts[0]}[.]{right}").split("[.]")[1]: right
            for right in rights
        }
        return "[,]".join(
            f"{left_of[a]}[.]{right_of[b]}"
            for a, b in sorted(authored.items(), key=lambda kv: left_of[kv[0]])
        )
    else:
        return text
    return "[,]".join(ids[part] for part in text.split("[,]")) if text else text


@dataclass
class Attempt:
    registration: str
    statements: list[dict]
    form: Any

    @property
    def completed(self) -> dict:
        return self.statements[-1]

    @property
    def result_id(self) -> str:
        return grading.result_statement_id(self.registration)


def attempt(
    opened,
    profile_id: str,
    answers: dict[str, Any] | str = "right",
    *,
    started: datetime | None = None,
    seconds: float = 600,
    version: int = 3,
    pack: str = PACK,
    seed: int | None = None,
    avoid: tuple[str, ...] = (),
    form_json: dict | None = None,
) -> Attempt:
    """The statements of one attempt: `answers` is "right", "wrong", or item id →
    authored response (items left out are not answered)."""
    registration = str(uuid.uuid4())
    form = draw_form(opened.public, new_seed() if seed is None else seed, avoid)
    started = started or datetime.now(UTC) - timedelta(seconds=seconds + 60)
    if isinstance(answers, str):
        pick = right_answer if answers == "right" else wrong_answer
        answers = {i: pick(opened.quiz.item(i)) for i in form.item_ids}
    common = {
        "profile_id": profile_id,
        "pack_id": pack,
        "pack_version": version,
        "app_version": "0.1.0",
        "device_id": "exam-laptop",
        "registration": registration,
    }

    def at(offset: float) -> str:
        moment = started + timedelta(seconds=offset)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    statements = [
        make_statement(
            verb="attempted",
            kind="exam",
            local_id=opened.public.slug,
            timestamp=at(0),
            extensions={EXT_FORM: form_json or form.to_json()},
            **common,
        )
    ]
    step = seconds / (len(form.items) + 1)
    for n, item_id in enumerate(form.item_ids, start=1):
        if item_id not in answers:
            continue
        statements.append(
            make_statement(
                verb="answered",
                kind="item",
                local_id=f"{opened.public.slug}/{item_id}",
                response=public_response(opened, item_id, answers[item_id]),
                duration_s=step,
                timestamp=at(step * n),
                **common,
            )
        )
    statements.append(
        make_statement(
            verb="completed",
            kind="exam",
            local_id=opened.public.slug,
            completion=True,
            duration_s=seconds,
            timestamp=at(seconds),
            **common,
        )
    )
    return Attempt(registration, statements, form)


def draw(opened, seed: int):
    return draw_form(opened.public, seed)


def any_response(item: Item):
    """A hypothesis strategy of responses to an authored item, right, wrong or partly."""
    from hypothesis import strategies as st

    if item.type == "single":
        return st.sampled_from([o.id for o in item.options])
    if item.type == "multiple":
        return st.sets(st.sampled_from([o.id for o in item.options]))
    if item.type == "true_false":
        return st.booleans()
    if item.type == "short_answer":
        accepted = [a.text for answers in item.accept.values() for a in answers]
        return st.sampled_from(accepted) | st.text(max_size=12)
    if item.type == "numeric":
        return st.integers(-5, 15) | st.floats(-5, 15, allow_nan=False)
    if item.type == "ordering":
        return st.permutations([s.id for s in item.steps])
    lefts = [p.id for p in item.pairs]
    return st.fixed_dictionaries(
        {}, optional={left: st.sampled_from(item.right_choices()) for left in lefts}
    )
