# PyInstaller's own hook for this Qt module, minus the plugins, libraries and translations
# the desktop app has no use for (packaging/qt_parts.py lists what stays, and why).
from PyInstaller.utils.hooks.qt import add_qt6_dependencies
from qt_parts import DROP_MODULES, kept_entries

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
hiddenimports = [name for name in hiddenimports if name not in DROP_MODULES]
binaries = kept_entries(binaries)
datas = kept_entries(datas)
