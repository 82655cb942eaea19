"""The export tables, one declarative spec each (`reporting.spec`): the same spec feeds
the dashboard's HTML tables (`TableSpec.headers`, `Column.kind` for formatting), the
CSV/XLSX downloads and `hocvu admin report` (`export_table`).

Every table is scoped to a unit and everything below it; "audit" is the whole log and
only its root may export it (the web layer also checks the role).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.db import aware
from sync.server.models import AuditEntry, Certificate, Device, Learner
from sync.server.reporting import items as item_report
from sync.server.reporting.assignments import assignment_status
from sync.server.reporting.certified import first_certified, learners_in
from sync.server.reporting.curriculum import AREA_TITLES, AREAS, LEVELS
from sync.server.reporting.learners import learner_list, learner_rows, summary
from sync.server.reporting.monthly import certified_by_month
from sync.server.reporting.scope import OutOfScope, UnitTree, scope_unit_ids
from sync.server.reporting.spec import Query, Table, TableSpec, attr, col, share
from sync.server.reporting.targets import DEFAULT_TARGETS, Target
from sync.server.reporting.versions import pack_versions

# ------------------------------------------------------------------ learners


def _learner_rows(q: Query) -> list[tuple]:
    tree = UnitTree(q.session)
    scope = tree.subtree(q.root)
    learners = learner_list(q.session, Learner.unit_id.in_(scope))
    return [(r, tree.units[r.unit_id].name) for r in learner_rows(q.session, learners, scope)]


LEARNERS = TableSpec(
    "learners",
    (
        col("learner_id", "Mã học viên", "Learner id", lambda r: r[0].learner_id),
        col("name", "Họ và tên", "Name", lambda r: r[0].name),
        col("staff_ref", "Mã cán bộ", "Staff number", lambda r: r[0].staff_ref),
        col("unit_id", "Mã đơn vị", "Unit id", lambda r: r[0].unit_id, "int"),
        col("unit", "Đơn vị", "Unit", lambda r: r[1]),
        *(
            col(
                f"level_{lv}_certified",
                f"Chứng nhận cấp độ {lv}",
                f"Level {lv} certified",
                lambda r, lv=lv: r[0].certified[lv],
                "date",
            )
            for lv in LEVELS
        ),
        *(
            col(
                f"area_{a}_progress",
                f"Tiến độ: {AREA_TITLES[a]['vi']}",
                f"Progress: {AREA_TITLES[a]['en']}",
                lambda r, a=a: round(r[0].areas[a], 4),
                "share",
            )
            for a in AREAS
        ),
        col("last_sync", "Đồng bộ gần nhất", "Last sync", lambda r: r[0].last_sync, "datetime"),
        col("devices", "Thiết bị", "Devices", lambda r: r[0].devices, "int"),
        *(
            col(
                f"level_{lv}_progress",
                f"Tiến độ cấp độ {lv}",
                f"Level {lv} progress",
                lambda r, lv=lv: round(r[0].levels[lv], 4),
                "share",
            )
            for lv in LEVELS
        ),
    ),
    _learner_rows,
)


# ------------------------------------------------------------------ units


def _unit_rows(q: Query) -> list[tuple]:
    tree = UnitTree(q.session)
    scope = tree.subtree(q.root)
    by_unit: dict[int, list[str]] = defaultdict(list)
    for learner_id, owner in learners_in(q.session, scope):
        by_unit[owner].append(learner_id)
    certified = first_certified(q.session, scope)
    return [(summary(tree, u, by_unit, certified), tree.parent[u]) for u in scope]


UNITS = TableSpec(
    "units",
    (
        col("unit_id", "Mã đơn vị", "Unit id", lambda r: r[0].unit.id, "int"),
        col("name", "Đơn vị", "Unit", lambda r: r[0].unit.name),
        col("kind", "Loại", "Kind", lambda r: r[0].unit.kind),
        col("parent_id", "Đơn vị cấp trên", "Parent unit id", lambda r: r[1], "int"),
        col("learners", "Học viên", "Learners", lambda r: r[0].learners, "int"),
        *(
            col(
                f"level_{lv}_certified",
                f"Đã chứng nhận cấp độ {lv}",
                f"Certified at level {lv}",
                lambda r, i=i: r[0].levels[i].certified,
                "int",
            )
            for i, lv in enumerate(LEVELS)
        ),
        *(
            col(
                f"level_{lv}_share",
                f"Tỷ lệ chứng nhận cấp độ {lv}",
                f"Level {lv} certified share",
                lambda r, i=i: round(r[0].levels[i].share, 4),
                "share",
            )
            for i, lv in enumerate(LEVELS)
        ),
    ),
    _unit_rows,
)


# ------------------------------------------------------------------ certified by month


def _month_rows(q: Query) -> list[tuple]:
    report = certified_by_month(q.session, q.root, q.root, q.today, q.targets)
    return [(report.unit, month) for month in report.months]


CERTIFIED_BY_MONTH = TableSpec(
    "certified_by_month",
    (
        col("unit_id", "Mã đơn vị", "Unit id", lambda r: r[0].id, "int"),
        col("unit", "Đơn vị", "Unit", lambda r: r[0].name),
        col("month", "Tháng", "Month", lambda r: r[1].month.strftime("%Y-%m")),
        col("learners", "Học viên", "Learners", lambda r: r[1].learners, "int"),
        col("certified", "Đã có chứng nhận", "Certified", lambda r: r[1].certified, "int"),
        col(
            "share", "Tỷ lệ có chứng nhận", "Certified share", lambda r: share(r[1].share), "share"
        ),
        col("target", "Mục tiêu", "Target", lambda r: r[1].target.share, "share"),
        col("target_due", "Hạn mục tiêu", "Target due", lambda r: r[1].target.due, "date"),
        col("target_met", "Đạt mục tiêu", "Target met", lambda r: r[1].met, "bool"),
    ),
    _month_rows,
)


# ------------------------------------------------------------------ certificates


def _certificate_rows(q: Query) -> list[Any]:
    scope = scope_unit_ids(q.session, q.root)
    return q.session.execute(
        select(
            Certificate.id,
            Learner.id.label("learner_id"),
            Learner.name,
            Learner.staff_ref,
            Learner.unit_id,
            Certificate.level,
            Certificate.pack_id,
            Certificate.score,
            Certificate.issued,
        )
        .join(Learner, Learner.id == Certificate.learner_id)
        .where(Learner.unit_id.in_(scope))
        .order_by(Certificate.issued, Certificate.id)
    ).all()


CERTIFICATES = TableSpec(
    "certificates",
    (
        col("certificate_id", "Mã chứng nhận", "Certificate id", attr("id")),
        col("learner_id", "Mã học viên", "Learner id", attr("learner_id")),
        col("name", "Họ và tên", "Name", attr("name")),
        col("staff_ref", "Mã cán bộ", "Staff number", attr("staff_ref")),
        col("unit_id", "Mã đơn vị", "Unit id", attr("unit_id"), "int"),
        col("level", "Cấp độ", "Level", attr("level"), "int"),
        col("pack_id", "Gói học liệu", "Pack", attr("pack_id")),
        col("score", "Điểm", "Score", attr("score"), "share"),
        col("issued", "Ngày cấp", "Issued", lambda r: aware(r.issued), "datetime"),
    ),
    _certificate_rows,
)


# ------------------------------------------------------------------ assignments

ASSIGNMENTS = TableSpec(
    "assignments",
    (
        col("assignment_id", "Mã giao việc", "Assignment id", attr("assignment_id"), "int"),
        col("pack_id", "Gói học liệu", "Pack", attr("pack_id")),
        col("unit_id", "Mã đơn vị", "Unit id", lambda r: r.unit.id, "int"),
        col("unit", "Đơn vị", "Unit", lambda r: r.unit.name),
        col("due", "Hạn hoàn thành", "Due", attr("due"), "date"),
        col("learners", "Học viên", "Learners", attr("learners"), "int"),
        col("completed", "Đã hoàn thành", "Completed", attr("completed"), "int"),
        col("overdue", "Quá hạn", "Overdue", attr("overdue"), "bool"),
    ),
    lambda q: assignment_status(q.session, q.root, q.today),
)


# ------------------------------------------------------------------ pack versions


def _pack_version_rows(q: Query) -> list[tuple]:
    """One line per unit, pack and version seen (or one empty line for an assigned
    pack nothing was seen of), as the packs page shows them."""
    return [
        (r, version) for r in pack_versions(q.session, q.root) for version in r.versions or [None]
    ]


PACK_VERSIONS = TableSpec(
    "pack_versions",
    (
        col("unit_id", "Mã đơn vị", "Unit id", lambda r: r[0].unit.id, "int"),
        col("unit", "Đơn vị", "Unit", lambda r: r[0].unit.name),
        col("pack_id", "Gói học liệu", "Pack", lambda r: r[0].pack_id),
        col("newest_version", "Phiên bản mới nhất", "Newest version", lambda r: r[0].newest, "int"),
        col("version", "Phiên bản", "Version", lambda r: r[1], "int"),
        col("devices", "Thiết bị", "Devices", lambda r: r[0].devices.get(r[1], 0), "int"),
        col("learners", "Học viên", "Learners", lambda r: r[0].learners.get(r[1], 0), "int"),
        col(
            "behind",
            "Chưa cập nhật",
            "Behind",
            lambda r: r[1] is not None and r[0].newest is not None and r[1] < r[0].newest,
            "bool",
        ),
    ),
    _pack_version_rows,
)


# ------------------------------------------------------------------ devices


def _device_rows(q: Query) -> list[Any]:
    scope = scope_unit_ids(q.session, q.root)
    return q.session.execute(
        select(
            Device.id,
            Device.learner_id,
            Learner.name.label("learner"),
            Learner.unit_id,
            Device.name,
            Device.created,
            Device.revoked,
        )
        .join(Learner, Learner.id == Device.learner_id)
        .where(Learner.unit_id.in_(scope))
        .order_by(Learner.name, Device.created)
    ).all()


DEVICES = TableSpec(
    "devices",
    (
        col("device_id", "Mã thiết bị", "Device id", attr("id")),
        col("learner_id", "Mã học viên", "Learner id", attr("learner_id")),
        col("learner", "Học viên", "Learner", attr("learner")),
        col("unit_id", "Mã đơn vị", "Unit id", attr("unit_id"), "int"),
        col("device", "Thiết bị", "Device", attr("name")),
        col("created", "Ngày đăng ký", "Enrolled", lambda r: aware(r.created), "datetime"),
        col("revoked", "Ngày thu hồi", "Revoked", lambda r: aware(r.revoked), "datetime"),
    ),
    _device_rows,
)


# ------------------------------------------------------------------ audit


def _audit_rows(q: Query) -> list[Any]:
    tree = UnitTree(q.session)
    tree.subtree(q.root)
    if tree.parent[q.root] is not None:
        raise OutOfScope("the audit log covers the whole ministry: only its root may export it")
    return q.session.execute(
        select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.target,
            AuditEntry.detail,
        ).order_by(AuditEntry.id)
    ).all()


AUDIT = TableSpec(
    "audit",
    (
        col("id", "Số", "No.", attr("id"), "int"),
        col("at", "Thời điểm", "Time", lambda r: aware(r.at), "datetime"),
        col("actor", "Người thực hiện", "Actor", attr("actor")),
        col("action", "Thao tác", "Action", attr("action")),
        col("target", "Đối tượng", "Target", attr("target")),
        col("detail", "Chi tiết", "Detail", attr("detail")),
    ),
    _audit_rows,
)


SPECS: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        LEARNERS,
        UNITS,
        CERTIFIED_BY_MONTH,
        CERTIFICATES,
        ASSIGNMENTS,
        item_report.ITEMS,
        PACK_VERSIONS,
        DEVICES,
        AUDIT,
    )
}
TABLES = tuple(SPECS)


def export_table(
    session: Session,
    name: str,
    root_unit_id: int,
    today: date | None = None,
    *,
    data_dir: Path | None = None,
    pack_id: str | None = None,
    grading_keys: Mapping[str, Any] | None = None,
    lang: str = "vi",
    targets: tuple[Target, ...] = DEFAULT_TARGETS,
) -> Table:
    """One of TABLES over the scope, ready for CSV or XLSX. `data_dir` and
    `grading_keys` let the items table read question texts and keys from the pack
    files, in `lang` (see `reporting.items`)."""
    spec = SPECS.get(name)
    if spec is None:
        raise ValueError(f"no report table {name!r}: choose one of {', '.join(TABLES)}")
    today = today or datetime.now(UTC).date()
    return spec.table(
        Query(session, root_unit_id, today, data_dir, pack_id, grading_keys, lang, targets)
    )
