"""xAPI: statements that target a statement (StatementRef objects), and long IRIs.

Revision ID: 0011
Revises: 0010

`statement_refs` holds, for each stored statement whose object is a StatementRef, the
id it targets and its seq, so the query filters can match it through its target
(Communication 2.1.3, `sync.server.xapi_query`). It is filled for the statements
stored before this revision from their bodies; only bodies naming a StatementRef are
parsed.

`statements.verb` and `statements.object_id` grow to 2,048 characters
(`sync.xapi_validation.MAX_IRI_BYTES` bounds them at 2,048 UTF-8 bytes, which
PostgreSQL's btree index on the verb accepts). On SQLite the table is rebuilt (its
declared lengths are only words, but the schema must say what the models say).

Downgrade: refused (RuntimeError, nothing changed) while a stored statement has a
verb longer than 200 characters or an object id longer than 500, the columns of
revision 0010. Cutting them would change what a filter finds and what the reports
show; the administrator decides what to do with those statements first.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_BATCH = 1000
OLD_VERB, OLD_OBJECT, NEW_LENGTH = 200, 500, 2048


def upgrade() -> None:
    from sync.server.models import UUIDText

    op.create_table(
        "statement_refs",
        sa.Column("target", UUIDText(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("target", "seq"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_statement_refs_seq", "statement_refs", ["seq"], unique=True)
    with op.batch_alter_table("statements") as batch:
        batch.alter_column("verb", type_=sa.String(NEW_LENGTH), existing_type=sa.String(OLD_VERB))
        batch.alter_column(
            "object_id", type_=sa.String(NEW_LENGTH), existing_type=sa.String(OLD_OBJECT)
        )
    _backfill()


def _backfill() -> None:
    from sync.server import statement_index
    from sync.server.models import Statement

    session = Session(bind=op.get_bind())
    last = 0
    while True:
        # The LIKE spares parsing the bodies that cannot hold a StatementRef.
        rows = session.execute(
            sa.select(Statement.seq, Statement.body)
            .where(Statement.seq > last, Statement.body.like('%"StatementRef"%'))
            .order_by(Statement.seq)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1].seq
        refs = []
        for row in rows:
            target = statement_index.ref_target(json.loads(row.body))
            if target is not None:
                refs.append((target, row.seq))
        if refs:
            statement_index.insert_refs(session, refs)
    session.flush()


def downgrade() -> None:
    bind = op.get_bind()
    too_long = bind.execute(
        sa.text(
            "SELECT count(*) FROM statements "
            "WHERE length(verb) > :verb OR length(object_id) > :object"
        ),
        {"verb": OLD_VERB, "object": OLD_OBJECT},
    ).scalar_one()
    if too_long:
        raise RuntimeError(
            f"{too_long} stored statement(s) have a verb longer than {OLD_VERB} characters "
            f"or an object id longer than {OLD_OBJECT}, which revision 0010 cannot hold; "
            "nothing was changed"
        )
    with op.batch_alter_table("statements") as batch:
        batch.alter_column(
            "object_id", type_=sa.String(OLD_OBJECT), existing_type=sa.String(NEW_LENGTH)
        )
        batch.alter_column("verb", type_=sa.String(OLD_VERB), existing_type=sa.String(NEW_LENGTH))
    op.drop_table("statement_refs")
