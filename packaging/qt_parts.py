"""Which parts of Qt the desktop bundle keeps: used by hocvu.spec and hooks/.

PyInstaller's hooks collect every plugin of a Qt module the app imports (QtGui alone
brings platform plugins for framebuffers and KMS, a virtual keyboard built on QML, ...)
and then every library those plugins link. The hooks in hooks/ drop the unwanted
plugins before that analysis, so their libraries never come in either.

Kept: platforms (X11, Wayland, offscreen and minimal for tests; Windows and Cocoa
elsewhere), SVG and JPEG images (PNG is built into QtGui), SVG icons, the compose and
IBus input methods (Vietnamese typists on Linux use IBus), the XDG portal theme (native
file dialogs), the Windows styles. Not kept: Qt's own translations, which the app never
loads (and Qt ships none in Vietnamese).
"""

from __future__ import annotations

import re

KEEP_PLUGINS = {
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qcocoa"},
    "imageformats": {"qsvg", "qjpeg"},
    "iconengines": {"qsvgicon"},
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    "platformthemes": {"qxdgdesktopportal"},
    "xcbglintegrations": {"qxcb-egl-integration", "qxcb-glx-integration"},
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient", "adwaita"},
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"},
}
# Qt Python modules the app never imports, though hooks name them as dependencies.
DROP_MODULES = ("PySide6.QtDBus", "PySide6.QtNetwork", "PySide6.QtOpenGL")
# Libraries of Qt modules the app does not use, in case anything still pulls one in.
DROP_LIBS = re.compile(
    r"Qt6?(Quick|Qml|VirtualKeyboard|WebEngine|WebChannel|WebSockets|Pdf|3D|Multimedia|"
    r"Designer|UiTools|Network|OpenGL|Sql|Test|Positioning|Sensors|Charts|Graphs|"
    r"Bluetooth|Location|SerialPort|SpatialAudio|TextToSpeech|Help|Concurrent|"
    r"PrintSupport|ShaderTools|EglFS|EglFs)"
)
_EXTENSION = re.compile(r"^lib|\.(so|dll|dylib)$")


def kept(path: str) -> bool:
    """Whether a file PyInstaller collected (source or destination path) stays in the bundle."""
    parts = path.replace("\\", "/").split("/")
    if "plugins" in parts:
        rest = parts[parts.index("plugins") + 1 :]
        if len(rest) >= 2:
            return _EXTENSION.sub("", rest[-1]) in KEEP_PLUGINS.get(rest[0], ())
    if "translations" in parts and parts[-1].endswith(".qm") and "resources" not in parts:
        return False
    return not DROP_LIBS.search(parts[-1])


def kept_entries(entries: list) -> list:
    """Filter a hook's (source, destination folder) pairs by their source path."""
    return [entry for entry in entries if kept(entry[0])]
