"""xAPI: attachment contents are returned only to the statements of a tool that sent them.

Revision ID: 0012
Revises: 0011

`xapi_attachment_uploads` holds, per attachment digest, the xAPI clients that sent its
content as a part and the type each gave (`sync.server.xapi_attachments`); the type
moves there from `xapi_attachments`, which keeps only the bytes, once.

Filled for the attachments stored before this revision from the statements xAPI
clients wrote: an attachment declared without a `fileUrl` needed its part in the same
request, so its writer sent the bytes. An attachment sent with both a `fileUrl` and a
part leaves no such trace, and its writer is not recorded: its statements are then
returned without that content until the tool sends it again (a digest declared with a
`fileUrl` is exactly what a tool that never had the bytes could write). Each upload
gets the type stored with the content, the only one kept before. Only bodies that name
attachments are parsed.

Downgrade: the type goes back beside the content (the type of one of its uploaders),
and the uploads are dropped: every tool then gets every stored content again.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_BATCH = 1000
_UPLOADS = "xapi_attachment_uploads"
_DEFAULT_TYPE = "application/octet-stream"


def upgrade() -> None:
    op.create_table(
        _UPLOADS,
        sa.Column("sha2", sa.String(length=128), nullable=False),
        sa.Column("xapi_client_id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["xapi_client_id"], ["xapi_clients.id"]),
        sa.PrimaryKeyConstraint("sha2", "xapi_client_id"),
    )
    _backfill()
    with op.batch_alter_table("xapi_attachments") as batch:
        batch.drop_column("content_type")


def _backfill() -> None:
    from sync.server.xapi_attachments import declared

    bind = op.get_bind()
    statements = sa.table(
        "statements",
        sa.column("seq", sa.BigInteger()),
        sa.column("xapi_client_id", sa.Integer()),
        sa.column("body", sa.Text()),
    )
    contents = sa.table(
        "xapi_attachments", sa.column("sha2", sa.String()), sa.column("content_type", sa.String())
    )
    uploads = sa.table(
        _UPLOADS,
        sa.column("sha2", sa.String()),
        sa.column("xapi_client_id", sa.Integer()),
        sa.column("content_type", sa.String()),
    )
    last = 0
    while True:
        # The LIKE spares parsing the bodies that cannot declare an attachment.
        rows = bind.execute(
            sa.select(statements.c.seq, statements.c.xapi_client_id, statements.c.body)
            .where(
                statements.c.seq > last,
                statements.c.xapi_client_id.is_not(None),
                statements.c.body.like('%"attachments"%'),
            )
            .order_by(statements.c.seq)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1].seq
        pairs = {
            (attachment["sha2"].lower(), row.xapi_client_id)
            for row in rows
            for attachment in declared([json.loads(row.body)])
            if "fileUrl" not in attachment
        }
        if not pairs:
            continue
        types = dict(
            bind.execute(
                sa.select(contents.c.sha2, contents.c.content_type).where(
                    contents.c.sha2.in_({sha2 for sha2, _ in pairs})
                )
            ).all()
        )
        known = set(
            bind.execute(
                sa.select(uploads.c.sha2, uploads.c.xapi_client_id).where(uploads.c.sha2.in_(types))
            ).all()
        )
        new = [
            {"sha2": sha2, "xapi_client_id": client, "content_type": types[sha2]}
            for sha2, client in sorted(pairs - known)
            if sha2 in types
        ]
        if new:
            bind.execute(uploads.insert(), new)


def downgrade() -> None:
    with op.batch_alter_table("xapi_attachments") as batch:
        batch.add_column(sa.Column("content_type", sa.String(length=255), nullable=True))
    op.execute(
        sa.text(
            "UPDATE xapi_attachments SET content_type = COALESCE("
            f"(SELECT min(u.content_type) FROM {_UPLOADS} u "
            "WHERE u.sha2 = xapi_attachments.sha2), :default)"
        ).bindparams(default=_DEFAULT_TYPE)
    )
    with op.batch_alter_table("xapi_attachments") as batch:
        batch.alter_column("content_type", existing_type=sa.String(length=255), nullable=False)
    op.drop_table(_UPLOADS)
