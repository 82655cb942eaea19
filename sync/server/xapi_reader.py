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
from typing import ClassVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement as _Element
from sqlalchemy.sql.visitors import InternalTraversal

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
    """How many statements a reader may see within a page's seq bounds, each side
    counted in its index up to CAP entries (a side that reaches CAP is "many"), and the
    seqs themselves where they are few."""

    own_count: int
    learner_count: int
    seqs: list[int]  # own and learners', when `few`
    learners: list[int]  # the learners', when `few_learners`

    @property
    def few(self) -> bool:
        """Few enough to read them all and sort them: the page is found among them."""
        return self.own_count + self.learner_count < CAP

    @property
    def few_learners(self) -> bool:
        return self.learner_count < CAP


def sight(session: Session, who: Reader, bounds: list[ColumnElement[bool]]) -> Sight:
    """Counted first (a count reads the index and sends one number: a reader that sees
    many pays about a millisecond), then the seqs of the few. Handed back to the page's
    SELECT as values, not as a subquery: given a subquery, PostgreSQL estimates a
    thousand rows and plans a walk of the whole table newest first to merge with them."""
    own_count = capped(session, who.own(*bounds))
    learner_count = capped(session, who.learners_seqs(*bounds))
    learners = list(session.scalars(who.learners_seqs(*bounds))) if learner_count < CAP else []
    seqs: list[int] = []
    if own_count + learner_count < CAP:
        seqs = sorted(set(session.scalars(who.own(*bounds))) | set(learners))
    return Sight(own_count, learner_count, seqs, learners)


def capped(session: Session, sql: Select) -> int:
    """How many rows `sql` has, counting at most CAP."""
    counted = select(func.count()).select_from(sql.limit(CAP).subquery())
    return session.scalar(counted) or 0


class unindexed(_Element):
    """A column that SQLite must not look up through an index (`+column`, SQLite's way
    to say so): for a walk in seq order that stops at the page's end, where an index on
    the column would make SQLite read and sort every matching row. Other databases
    choose from their statistics and get the column as is."""

    inherit_cache = True
    # The wrapped column is part of the statement's cache key.
    _traverse_internals: ClassVar = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: ColumnElement) -> None:
        self.column = column
        self.type = column.type


@compiles(unindexed)
def _plain(element: unindexed, compiler, **kw) -> str:
    return compiler.process(element.column, **kw)


@compiles(unindexed, "sqlite")
def _sqlite(element: unindexed, compiler, **kw) -> str:
    return "+" + compiler.process(element.column, **kw)
