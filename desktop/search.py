"""Full-text search over installed lessons (SQLite FTS5), insensitive to diacritics.

Lesson text is not personal, so the index is a plain SQLite file beside the library.
Both the indexed text and the query are folded the way answers are (`fold_text`:
no case, no diacritics, đ as d), so "bao mat" finds "bảo mật".
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from content.grading import fold_text
from content.lesson import LessonError, split_front_matter
from content.library import InstalledPack

_WORD = re.compile(r"\w+", re.UNICODE)
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|[#*_>`|\[\]()-]+")


@dataclass(frozen=True)
class Hit:
    pack_id: str
    slug: str
    lang: str
    title: str
    snippet: str


def fold(text: str) -> str:
    return fold_text(text, case_sensitive=False, ignore_diacritics=True)


class SearchIndex:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS lessons USING fts5("
            "pack_id UNINDEXED, version UNINDEXED, slug UNINDEXED, lang UNINDEXED, "
            "title UNINDEXED, body UNINDEXED, folded, tokenize='unicode61')"
        )

    def indexed_versions(self) -> dict[str, int]:
        rows = self.db.execute("SELECT pack_id, MAX(version) FROM lessons GROUP BY pack_id")
        return {pack_id: int(version) for pack_id, version in rows}

    def refresh(self, packs: list[InstalledPack]) -> int:
        """Index packs that are new or changed, drop packs no longer installed.
        Returns the number of lessons (re)indexed."""
        have = self.indexed_versions()
        wanted = {p.pack_id: p for p in packs}
        count = 0
        with self.db:
            for pack_id in set(have) - set(wanted):
                self.db.execute("DELETE FROM lessons WHERE pack_id = ?", (pack_id,))
            for pack in wanted.values():
                if have.get(pack.pack_id) == pack.version:
                    continue
                self.db.execute("DELETE FROM lessons WHERE pack_id = ?", (pack.pack_id,))
                for module in pack.manifest["modules"]:
                    for lesson in module["lessons"]:
                        for lang in pack.lesson_languages(lesson["slug"]):
                            count += self._add(pack, lesson["slug"], lang)
        return count

    def _add(self, pack: InstalledPack, slug: str, lang: str) -> int:
        try:
            meta, body = split_front_matter(pack.lesson_text(slug, lang))
        except LessonError:
            return 0
        plain = " ".join(_MARKUP.sub(" ", body).split())
        self.db.execute(
            "INSERT INTO lessons (pack_id, version, slug, lang, title, body, folded) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                pack.pack_id,
                pack.version,
                slug,
                lang,
                meta.title,
                plain,
                fold(f"{meta.title} {meta.title} {plain}"),
            ),
        )
        return 1

    def search(self, query: str, lang: str | None = None, limit: int = 30) -> list[Hit]:
        """Lessons holding the words as a phrase first, then those holding all of them;
        the last word may be a prefix (search as you type)."""
        words = _WORD.findall(fold(query))
        if not words:
            return []
        phrase = '"' + " ".join(words) + '"*'
        every = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        hits: dict[tuple[str, str, str], Hit] = {}
        for match in (phrase, every) if len(words) > 1 else (every,):
            for hit in self._query(match.strip(), words, lang, limit):
                hits.setdefault((hit.pack_id, hit.slug, hit.lang), hit)
        return list(hits.values())[:limit]

    def _query(self, match: str, words: list[str], lang: str | None, limit: int) -> list[Hit]:
        sql = "SELECT pack_id, slug, lang, title, body FROM lessons WHERE lessons MATCH ?"
        args: list[object] = [f"folded : ({match})"]
        if lang:
            sql += " AND lang = ?"
            args.append(lang)
        sql += " ORDER BY rank LIMIT ?"
        args.append(limit)
        return [
            Hit(pack_id, slug, lng, title, _snippet(body, words))
            for pack_id, slug, lng, title, body in self.db.execute(sql, args)
        ]

    def close(self) -> None:
        self.db.close()


def _snippet(body: str, words: list[str], width: int = 160) -> str:
    folded = fold(body)
    at = folded.find(" ".join(words))
    if at < 0:
        at = min((i for i in (folded.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    end = min(len(body), start + width)
    # Whole words at both ends: a passage never opens or closes on half a word.
    if start > 0:
        space = body.find(" ", start, at) if at > start else -1
        start = space + 1 if space >= 0 else start
    if end < len(body):
        space = body.rfind(" ", max(at, start), end)
        end = space if space > start else end
    text = body[start:end].strip()
    return ("…" if start else "") + text + ("…" if end < len(body) else "")


def marked(text: str, query: str) -> list[tuple[str, bool]]:
    """`text` cut into pieces, each with whether it is a term of `query` as the search
    matched it: without regard to case or diacritics, at the start of a word (so "bao
    mat" marks "bảo mật", and "mat" marks the start of "mật khẩu")."""
    text = unicodedata.normalize("NFC", text)
    words = _WORD.findall(fold(query))
    if not words or not text:
        return [(text, False)] if text else []
    folded: list[str] = []
    origin: list[int] = []  # for each folded character, the character of `text` it came from
    for at, char in enumerate(text):
        for piece in " " if char.isspace() else fold(char):
            folded.append(piece)
            origin.append(at)
    plain = "".join(folded)
    hit = [False] * len(text)
    for word in words:
        start = plain.find(word)
        while start >= 0:
            if start == 0 or not plain[start - 1].isalnum():
                for n in range(origin[start], origin[start + len(word) - 1] + 1):
                    hit[n] = True
            start = plain.find(word, start + 1)
    pieces: list[tuple[str, bool]] = []
    for char, is_term in zip(text, hit, strict=True):
        if pieces and pieces[-1][1] == is_term:
            pieces[-1] = (pieces[-1][0] + char, is_term)
        else:
            pieces.append((char, is_term))
    return pieces
