"""The unit tree and the scopes cut from it.

A scope is a unit and everything below it. The tree is small (hundreds of units),
so it is read whole once per report and walked in memory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.models import Unit


class OutOfScope(LookupError):
    """An id outside the caller's scope (or unknown: the two are not told apart, so
    a tampered id learns nothing)."""


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str
    kind: str


class UnitTree:
    """The unit tree in memory: it is small (hundreds of units) and read whole."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(select(Unit.id, Unit.name, Unit.kind, Unit.parent_id)).all()
        self.units = {r.id: UnitRef(r.id, r.name, r.kind) for r in rows}
        self.parent = {r.id: r.parent_id for r in rows}
        self.children: dict[int | None, list[int]] = defaultdict(list)
        for r in sorted(rows, key=lambda r: (r.name, r.id)):
            self.children[r.parent_id].append(r.id)

    def subtree(self, root: int) -> list[int]:
        if root not in self.units:
            raise OutOfScope(f"no unit {root} in your scope")
        found, frontier = [root], [root]
        while frontier:
            frontier = [c for u in frontier for c in self.children.get(u, [])]
            found += frontier
        return found

    def path(self, unit_id: int, root: int | None = None) -> list[UnitRef]:
        """From `root` (or the tree's top) down to the unit."""
        path = []
        current: int | None = unit_id
        while current is not None:
            path.append(self.units[current])
            if current == root:
                break
            current = self.parent[current]
        return path[::-1]

    def within(self, unit_id: int, root: int) -> bool:
        current: int | None = unit_id
        while current is not None:
            if current == root:
                return True
            current = self.parent.get(current)
        return False


def scope_unit_ids(session: Session, root_unit_id: int) -> list[int]:
    """The unit and every unit below it; OutOfScope for an unknown unit."""
    return UnitTree(session).subtree(root_unit_id)


def top_unit(tree: UnitTree, root: int | None) -> int:
    if root is not None:
        return root
    tops = tree.children.get(None, [])
    if len(tops) != 1:
        raise OutOfScope("give the scope's root unit")
    return tops[0]
