"""Who reads /xapi statements, and where a page of what it may read is found.

A tool reads the statements it wrote and those of its unit subtree's learners. The
scope is a condition on each row; a walk of the statements newest first that checks it
row by row reads the whole table for a tool that sees little of a large store. So the
statements a tool may see are also reachable from its side: its own through the index
(xapi_client_id, seq) (migration 0013), its learners' through (learner_id, seq). Two
capped counts of those index entries, within the page's seq bounds, say how much it
sees (`Sight`), and `sync.server.xapi_query` picks a walk from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement as _Element

from sync.server.models import Learner, Statement
from sync.server.reporting.scope import scope_unit_ids

# A count stops here: past it a side is "many", and reading all of it to sort would
# cost more than a walk that stops at the page's end.
CAP = 2000


@dataclass(frozen=True)
class Reader:
    """An xAPI client as a reader: its id and the learners of its unit subtree."""

    client_id: int
    learners: Select

    @property
    def seen(self) -> ColumnElement[bool]:
        """What it may read, as a condition on a statement."""
        return or_(
            Statement.xapi_client_id == self.client_id, Statement.learner_id.in_(self.learners)
        )

    @property
    def checked(self) -> ColumnElement[bool]:
        """`seen` as a check of each row a walk reads, never a walk of its own: an OR
        of the two indexes would read every statement the reader sees and sort them."""
        return or_(
            unindexed(Statement.xapi_client_id) == self.client_id,
            unindexed(Statement.learner_id).in_(self.learners),
        )

    def own(self, *bounds: ColumnElement[bool]) -> Select:
        """The seqs of its own statements (the index (xapi_client_id, seq))."""
        return select(Statement.seq).where(Statement.xapi_client_id == self.client_id, *bounds)

    def learners_seqs(self, *bounds: ColumnElement[bool]) -> Select:
        """The seqs of its learners' statements (the index (learner_id, seq))."""
        return select(Statement.seq).where(Statement.learner_id.in_(self.learners), *bounds)


def reader(session: Session, client_id: int, unit_id: int) -> Reader:
    scope = scope_unit_ids(session, unit_id)
    return Reader(client_id, select(Learner.id).where(Learner.unit_id.in_(scope)))


@dataclass(frozen=True)
class Sight:
    """The seqs of the statements a reader may see within a page's seq bounds, read
    from each side's index up to CAP entries: a side that reaches CAP is "many"."""

    own: list[int]
    learners: list[int]

    @property
    def few(self) -> bool:
        """Few enough to read them all and sort them: the page is found among them."""
        return len(self.own) + len(self.learners) < CAP

    @property
    def few_learners(self) -> bool:
        return len(self.learners) < CAP

    @property
    def seqs(self) -> list[int]:
        return sorted(set(self.own) | set(self.learners))


def sight(session: Session, who: Reader, bounds: list[ColumnElement[bool]]) -> Sight:
    """Each side's seqs, up to CAP. Handed back to the page's SELECT as values, not as
    a subquery: given a subquery, PostgreSQL estimates a thousand rows and plans a walk
    of the whole table newest first to merge with them."""
    return Sight(
        list(session.scalars(who.own(*bounds).limit(CAP))),
        list(session.scalars(who.learners_seqs(*bounds).limit(CAP))),
    )


class unindexed(_Element):
    """A column that SQLite must not look up through an index (`+column`, SQLite's way
    to say so): for a walk in seq order that stops at the page's end, where an index on
    the column would make SQLite read and sort every matching row. Other databases
    choose from their statistics and get the column as is."""

    inherit_cache = True

    def __init__(self, column: ColumnElement) -> None:
        self.column = column
        self.type = column.type


@compiles(unindexed)
def _plain(element: unindexed, compiler, **kw) -> str:
    return compiler.process(element.column, **kw)


@compiles(unindexed, "sqlite")
def _sqlite(element: unindexed, compiler, **kw) -> str:
    return "+" + compiler.process(element.column, **kw)
