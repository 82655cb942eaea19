"""xAPI: the statement index forgets authorities that writers sent.

Revision ID: 0014
Revises: 0013

Until `related_agents` matched the authority as read (the credentials a statement came
with, `sync.server.xapi_query.written_with`), ingest and migration 0010 indexed the
`authority` a device or a tool sent as a related agent. The LRS never shows that
authority (it reads each statement with its credentials' authority), so those index
rows let `agent=<a forged authority>&related_agents=true` find statements whose
readers see another authority. This rebuilds the agent rows of every stored statement
that carries an authority, with what `statement_index.names` now records (the
server's own statements keep theirs: they are read with it).

Downgrade: nothing to undo; the rows removed named what no reader is shown.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_BATCH = 2000


def upgrade() -> None:
    from sync.server import statement_index
    from sync.server.models import Statement, StatementAgent

    session = Session(bind=op.get_bind())
    last = 0
    while True:
        # Bodies are stored canonically (sorted keys, no spaces), so the key is spelt
        # plainly; the look-up reads the table once, in pages of seq.
        rows = session.execute(
            sa.select(Statement.seq, Statement.body)
            .where(Statement.seq > last, Statement.body.contains('"authority":'))
            .order_by(Statement.seq)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1].seq
        seqs = [row.seq for row in rows]
        session.execute(sa.delete(StatementAgent).where(StatementAgent.seq.in_(seqs)))
        fresh = [
            {"agent": agent, "seq": row.seq, "related": related}
            for row in rows
            for agent, related in statement_index.names(json.loads(row.body)).agents.items()
        ]
        if fresh:
            session.execute(sa.insert(StatementAgent), fresh)
    session.flush()


def downgrade() -> None:
    pass
