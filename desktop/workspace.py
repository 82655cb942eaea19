"""Everything the app keeps on this computer, opened in one place.

    <data dir>/learners.sqlite   encrypted profiles and statements (desktop.store)
    <data dir>/library/          installed packs (content.library)
    <data dir>/search.sqlite     the lesson search index (not personal)
    <data dir>/settings.json     app settings (language, text size, lock time, server)

No Qt here: the windows call it through the background workers in `desktop.tasks`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.app_settings import AppSettings
from desktop.profile_names import read_profile_names
from hocvu.paths import resources_dir, root_key_files, shipped_trust_files

if TYPE_CHECKING:
    from content.library import InstalledPack, Library
    from desktop.catalog import Catalog
    from desktop.search import SearchIndex
    from desktop.store import KdfParams, Store

# The store's file (desktop.store.STORE_FILE_NAME; a test keeps the two equal). Named
# here so that the unlock screen can list profiles before the store code is loaded.
STORE_FILE = "learners.sqlite"


def bundled_packs_dir() -> Path:
    """The starter packs shipped with the app (built by scripts/setup.sh or packaging)."""
    return resources_dir() / "packs"


class Workspace:
    def __init__(
        self, folder: Path, kdf_params: KdfParams | None = None, bundled: Path | None = None
    ) -> None:
        self.folder = folder
        self.kdf_params = kdf_params
        self.bundled = bundled or bundled_packs_dir()
        self.settings_path = folder / "settings.json"
        self.settings = AppSettings.load(self.settings_path)
        self._store: Store | None = None
        self._library: Library | None = None
        self._catalog: Catalog | None = None
        self._search: SearchIndex | None = None

    def quick_profile_names(self) -> list[tuple[str, str]] | None:
        """Profile ids and names without loading the store; None if it must be asked."""
        return read_profile_names(self.folder / STORE_FILE)

    @property
    def store(self) -> Store:
        if self._store is None:
            from desktop.store import Store

            self.folder.mkdir(parents=True, exist_ok=True)
            self._store = Store.open(self.folder / STORE_FILE, kdf_params=self.kdf_params)
        return self._store

    @property
    def library(self) -> Library:
        if self._library is None:
            from content import trust
            from content.library import Library

            roots = trust.load_roots(root_key_files())
            shipped = [p.read_bytes() for p in shipped_trust_files()]
            self._library = Library(self.folder / "library", roots, shipped)
        return self._library

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from desktop.catalog import Catalog

            self._catalog = Catalog.from_library(self.library)
        return self._catalog

    @property
    def search(self) -> SearchIndex:
        if self._search is None:
            from desktop.search import SearchIndex

            self._search = SearchIndex(self.folder / "search.sqlite")
        return self._search

    def save_settings(self) -> None:
        self.settings.save(self.settings_path)

    def install_bundled(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Install the shipped starter packs that are missing or older; returns how many."""
        from content.verify import PackReader

        done = 0
        packs = sorted(self.bundled.glob("*.hvpack"))
        for n, path in enumerate(packs):
            with PackReader(path, self.library.roots, self.library.trust()) as reader:
                pack_id, version = reader.verified.pack_id, reader.verified.version
            current = self.library.get(pack_id)
            if current is None or current.version < version:
                self.library.install(path)
                done += 1
            if progress:
                progress(n + 1, len(packs))
        self._catalog = None
        return done

    def import_pack(
        self, path: Path, progress: Callable[[int, int], None] | None = None
    ) -> InstalledPack:
        installed = self.library.install(path, progress=progress)
        self._catalog = None
        return installed

    def reindex(self) -> int:
        """Refresh the search index and the catalog after packs came or went (import,
        sync, a return bundle); run off the UI thread."""
        self._catalog = None
        count = self.search.refresh(self.library.installed())
        self.catalog  # noqa: B018 - built here, off the UI thread, not on first use
        return count

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        if self._search is not None:
            self._search.close()
