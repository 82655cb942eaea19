"""The dashboard's read-only pages: overview, units, learners, packs, item analysis,
audit log. Every number comes from `sync.server.reporting`, scoped to the admin's unit."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from sync.server.dashboard import charts, i18n
from sync.server.dashboard.audit_view import audit_lines
from sync.server.dashboard.titles import Titles
from sync.server.dashboard.web import (
    Context,
    Refused,
    Signed,
    language,
    need,
    need_unit,
    render,
)
from sync.server.models import AuditEntry, Pack
from sync.server.reporting import (
    curriculum,
    item_stats,
    items,
    learners,
    monthly,
    scope,
    versions,
)
from sync.server.reporting import overview as overview_report

router = APIRouter()
AUDIT_PAGE = 50


@router.get("/")
async def overview(request: Request, who: Signed, ctx: Context) -> Response:
    need(who, "overview")

    def build():
        with ctx.db.read() as session:
            return overview_report.overview(session, who.who.unit_id, date.today())

    data = await run_in_threadpool(build)
    t = i18n.translator(language(request))
    level_chart = charts.bar_chart(
        [(t("level.n", n=row.level), row.share) for row in data.levels],
        curriculum.TARGETS,
        title=t("overview.by_level"),
        target_label=t("overview.target"),
    )
    trend_chart = charts.line_chart(
        [point.month.strftime("%Y-%m") for point in data.trend],
        [
            (t("level.n", n=level), [point.shares[level] for point in data.trend])
            for level in curriculum.LEVELS
        ],
        curriculum.TARGETS,
        title=t("overview.trend"),
    )
    return render(
        request,
        "overview.html",
        who,
        ov=data,
        targets=curriculum.TARGETS,
        level_chart=level_chart,
        trend_chart=trend_chart,
    )


@router.get("/units/{unit_id}")
async def unit_page(unit_id: int, request: Request, who: Signed, ctx: Context) -> Response:
    need(who, "names")
    need_unit(who, unit_id)

    def build():
        with ctx.db.read() as session:
            try:
                detail = learners.unit_detail(session, unit_id, who.who.unit_id)
                months = monthly.certified_by_month(
                    session, unit_id, who.who.unit_id, date.today(), ctx.settings.targets
                )
            except scope.OutOfScope:
                raise Refused("refused.scope", f"unit:{unit_id}", 404) from None
            return detail, months

    detail, months = await run_in_threadpool(build)
    t = i18n.translator(language(request))
    months_chart = charts.share_and_target_chart(
        [m.month.strftime("%Y-%m") for m in months.months],
        [m.share for m in months.months],
        [m.target.share for m in months.months],
        title=t("unit.months_chart"),
        share_label=t("unit.series_share"),
        target_label=t("col.target_share"),
    )
    return render(
        request,
        "unit.html",
        who,
        unit=detail,
        levels=curriculum.LEVELS,
        months=months,
        months_chart=months_chart,
        targets_text=_targets_text(months.targets, t),
    )


def _targets_text(targets, t) -> str:
    """ "40 %, then 100 %" or "40 % by 2027-06-30, then 100 % by 2028-12-31"."""
    parts = [
        t("unit.target_by", share=i18n.percent(x.share), date=x.due.isoformat())
        if x.due
        else i18n.percent(x.share)
        for x in targets
    ]
    return t("unit.target_then").join(parts)


@router.get("/learners/{learner_id}")
async def learner_page(learner_id: str, request: Request, who: Signed, ctx: Context) -> Response:
    need(who, "names")
    lang = language(request)

    def build():
        with ctx.db.read() as session:
            try:
                detail = learners.learner_detail(session, learner_id, who.who.unit_id)
            except scope.OutOfScope:
                raise Refused("refused.scope", f"learner:{learner_id}", 404) from None
            return detail, Titles.load(session, ctx.settings.data_dir)

    detail, titles = await run_in_threadpool(build)
    t = i18n.translator(lang)
    return render(
        request,
        "learner.html",
        who,
        learner=detail,
        levels=curriculum.LEVELS,
        pack_title=lambda pack_id: titles.pack(pack_id, lang),
        activity_title=lambda a: titles.activity(a.pack_id, a.kind, a.local_id, lang, t),
    )


@router.get("/packs")
async def packs_page(
    request: Request, who: Signed, ctx: Context, pack: str | None = None
) -> Response:
    need(who, "packs")
    lang = language(request)

    def build():
        with ctx.db.read() as session:
            packs = session.execute(
                select(
                    Pack.pack_id, Pack.version, Pack.size, Pack.uploaded, Pack.manifest
                ).order_by(Pack.pack_id, Pack.version.desc())
            ).all()
            held = versions.pack_versions(session, who.who.unit_id, pack or None)
        rows = []
        for pack_id, version, size, uploaded, manifest in packs:
            title = json.loads(manifest).get("title")
            if isinstance(title, dict):
                title = title.get(lang) or next(iter(title.values()), pack_id)
            rows.append((pack_id, version, size, uploaded, title or pack_id))
        return rows, held

    rows, held = await run_in_threadpool(build)
    return render(
        request,
        "packs.html",
        who,
        packs=rows,
        held=held,
        pack_ids=sorted({row[0] for row in rows}),
        # Rows come newest version first: a pack goes by its newest title.
        titles={pack_id: title for pack_id, _, _, _, title in reversed(rows)},
        chosen=pack or "",
    )


@router.get("/items")
async def items_page(
    request: Request,
    who: Signed,
    ctx: Context,
    pack: str | None = None,
    quiz: str | None = None,
) -> Response:
    need(who, "items")
    lang = language(request)

    def build():
        with ctx.db.read() as session:
            answered = items.quizzes_answered(session)
            chosen = (pack or "", quiz or "")
            if not chosen[0] and answered:
                # One quiz at a time: a whole ministry's packs is too long a page.
                chosen = answered[0]
            stats = items.item_analysis(
                session,
                who.who.unit_id,
                chosen[0] or None,
                chosen[1] or None,
                data_dir=ctx.settings.data_dir,
                grading_keys=ctx.keys.grading,
                lang=lang,
            )
            titles = Titles.load(session, ctx.settings.data_dir)
        return answered, chosen, items.by_item(stats), titles

    answered, chosen, reports, titles = await run_in_threadpool(build)
    query = "?" + urlencode({k: v for k, v in (("pack", chosen[0]),) if v}) if chosen[0] else ""
    t = i18n.translator(lang)
    return render(
        request,
        "items.html",
        who,
        reports=reports,
        answered=answered,
        pack_ids=sorted({p for p, _ in answered}),
        chosen=chosen,
        # The selectors name packs and quizzes as the learner activity page does.
        pack_title=lambda pack_id: titles.pack(pack_id, lang),
        quiz_title=lambda pack_id, slug: titles.quiz(pack_id, slug, lang, t),
        export_query=query,
        min_learners=items.MIN_LEARNERS_FOR_TEXT,
        min_answers=item_stats.MIN_ANSWERS_FOR_FLAGS,
        easy=item_stats.TOO_EASY,
        hard=item_stats.TOO_HARD,
    )


@router.get("/audit")
async def audit_page(request: Request, who: Signed, ctx: Context, page: int = 1) -> Response:
    need(who, "audit")
    page = max(page, 1)
    lang = language(request)

    def build():
        with ctx.db.read() as session:
            total = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
            entries = session.scalars(
                select(AuditEntry)
                .order_by(AuditEntry.id.desc())
                .offset((page - 1) * AUDIT_PAGE)
                .limit(AUDIT_PAGE)
            ).all()
            return total, audit_lines(session, entries, lang)

    total, entries = await run_in_threadpool(build)
    pages = max(1, (total + AUDIT_PAGE - 1) // AUDIT_PAGE)
    return render(request, "audit.html", who, entries=entries, page=page, pages=pages, total=total)
