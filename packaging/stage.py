"""Stage everything the desktop bundle carries besides code, for `packaging/hocvu.spec`.

    HOCVU_BUNDLE=development|production  python packaging/stage.py

Run it with the build environment's Python (`packaging/build` does; on Windows and macOS
run it by hand before `pyinstaller packaging/hocvu.spec`, see docs/packaging.md). It
fills `build/packaging-stage/` (or `$HOCVU_STAGE`) afresh:

    resources/           what the app finds at <_MEIPASS>/resources
      style.qss, icons/*.svg
      translations/*.qm  compiled from resources/translations/*.ts
      packs/*.hvpack     the starter packs
      trust/             pinned root PUBLIC keys and trust lists, never a private key
    share/               Linux desktop integration: .desktop, AppStream, PNG icons
    hocvu.ico            the Windows executable's icon
    version_info.txt     the Windows executable's version resource
    BUNDLE-FLAVOUR       which flavour this is; the spec copies it beside the executable

Flavours:
  development (default)  the development root's public key and trust list, and the
                         starter packs built from content/courses with the development
                         trainer key (or taken from $HOCVU_PACKS_DIR);
  production             only the ministry roots in resources/trust/roots/*.pub.json
                         (or $HOCVU_TRUST_DIR/roots/, with its trust.json);
                         the packs must come from $HOCVU_PACKS_DIR, signed by the
                         ministry's trainer keys. Nothing of resources/trust/development/.

Every staged pack is verified against exactly the roots being staged, so a production
bundle cannot ship a pack it would refuse, and no private key is ever copied.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# verify_bundle sits beside this script, whose folder Python puts first on sys.path.
from verify_bundle import private_keys_in

from hocvu import APP_VERSION

ROOT = Path(__file__).resolve().parents[1]

APP_ID = "vn.gov.mofa.HocVuSo"
FLAVOURS = ("development", "production")
DEV_PUBLIC_FILES = ("DEVELOPMENT-ONLY-root.pub.json", "trust.json")
PNG_SIZES = (64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


class StageError(Exception):
    """A reason the bundle cannot be built, worded for the person running the build."""


def stage_dir() -> Path:
    return Path(os.environ.get("HOCVU_STAGE") or ROOT / "build" / "packaging-stage")


def flavour_from_env() -> str:
    flavour = os.environ.get("HOCVU_BUNDLE", "development")
    if flavour not in FLAVOURS:
        raise StageError(f"HOCVU_BUNDLE={flavour!r}: choose one of {', '.join(FLAVOURS)}")
    return flavour


def main() -> int:
    try:
        flavour = flavour_from_env()
        stage = stage_dir()
        if stage.exists():
            shutil.rmtree(stage)
        resources = stage / "resources"
        resources.mkdir(parents=True)
        shutil.copy2(ROOT / "resources" / "style.qss", resources / "style.qss")
        stage_icons(resources, stage)
        stage_translations(resources / "translations")
        roots = stage_trust(resources / "trust", flavour)
        packs = stage_packs(resources / "packs", flavour)
        verify_packs(packs, roots)
        stage_desktop_files(stage / "share")
        (stage / "version_info.txt").write_text(windows_version_info(), encoding="utf-8")
        refuse_private_keys(stage)
        (stage / "BUNDLE-FLAVOUR").write_text(
            f"{flavour}\napp {APP_VERSION}\npacks {' '.join(p.stem for p in packs)}\n",
            encoding="utf-8",
        )
    except StageError as error:
        print(f"packaging/stage.py: {error}", file=sys.stderr)
        return 1
    print(f"staged the {flavour} bundle's resources in {stage} ({len(packs)} packs)")
    return 0


# --- trust and packs ---------------------------------------------------------------------


def stage_trust(target: Path, flavour: str) -> list[Path]:
    """Copy the public half of the trust chain; return the root key files staged."""
    source = Path(os.environ.get("HOCVU_TRUST_DIR") or ROOT / "resources" / "trust")
    (target / "roots").mkdir(parents=True)
    roots = []
    for pub in sorted((source / "roots").glob("*.pub.json")):
        roots.append(Path(shutil.copy2(pub, target / "roots" / pub.name)))
    if (source / "trust.json").exists():
        shutil.copy2(source / "trust.json", target / "trust.json")
    if flavour == "production":
        if not roots:
            raise StageError(
                "a production bundle pins the ministry's root keys, and "
                f"{source / 'roots'} holds no *.pub.json; put the ministry root's public "
                "key there (hocvu keys init-root prints where it wrote it)"
            )
        return roots
    dev = target / "development"
    dev.mkdir()
    for name in DEV_PUBLIC_FILES:
        roots_file = shutil.copy2(ROOT / "resources" / "trust" / "development" / name, dev / name)
        if name.endswith(".pub.json"):
            roots.append(Path(roots_file))
    return roots


def stage_packs(target: Path, flavour: str) -> list[Path]:
    target.mkdir(parents=True)
    given = os.environ.get("HOCVU_PACKS_DIR")
    if given:
        found = sorted(Path(given).glob("*.hvpack"))
        if not found:
            raise StageError(f"HOCVU_PACKS_DIR={given}: no *.hvpack files there")
        for pack in found:
            shutil.copy2(pack, target / pack.name)
    elif flavour == "production":
        raise StageError(
            "a production bundle ships packs signed with the ministry's keys: build them "
            "(hocvu pack build-all content/courses --key MINISTRY-TRAINER.key -o DIR) and "
            "give that folder as HOCVU_PACKS_DIR=DIR"
        )
    else:
        dev_key = ROOT / "resources" / "trust" / "development" / "DEVELOPMENT-ONLY-trainer.key"
        env = {k: v for k, v in os.environ.items() if k != "HOCVU_RESOURCES"}
        result = subprocess.run(
            [
                *(sys.executable, "-m", "hocvu", "pack", "build-all", "content/courses"),
                *("--key", str(dev_key), "-o", str(target), "--strict"),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise StageError(f"building the starter packs failed:\n{result.stdout}{result.stderr}")
    packs = sorted(target.glob("*.hvpack"))
    if not packs:
        raise StageError("no starter packs were staged")
    return packs


def verify_packs(packs: list[Path], root_files: list[Path]) -> None:
    """Every staged pack must verify under the staged roots alone: what the bundle trusts."""
    from content import trust
    from content.errors import PackRefused
    from content.verify import verify_pack

    roots = trust.load_roots(root_files)
    for pack in packs:
        try:
            verify_pack(pack, roots)
        except PackRefused as error:
            raise StageError(
                f"{pack.name} does not verify under the roots this bundle pins "
                f"({', '.join(p.name for p in root_files)}): {error}"
            ) from error


def refuse_private_keys(folder: Path) -> None:
    found = private_keys_in(folder)
    if found:
        raise StageError(f"{found[0]} is or holds a private key; it must never be bundled")


# --- translations ------------------------------------------------------------------------


def stage_translations(target: Path) -> None:
    target.mkdir(parents=True)
    scripts = Path(sys.executable).parent
    lrelease = shutil.which("pyside6-lrelease", path=str(scripts)) or shutil.which(
        "pyside6-lrelease"
    )
    if lrelease is None:
        raise StageError("pyside6-lrelease is missing: install PySide6-Essentials in this env")
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = target / f"{ts.stem}.qm"
        result = subprocess.run(
            [lrelease, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True
        )
        if result.returncode or not qm.exists():
            raise StageError(f"compiling {ts.name} failed: {result.stderr.strip()}")


# --- icons and desktop integration -------------------------------------------------------


def stage_icons(resources: Path, stage: Path) -> None:
    icons = resources / "icons"
    icons.mkdir()
    for svg in sorted((ROOT / "resources" / "icons").glob("*.svg")):
        shutil.copy2(svg, icons / svg.name)
    app_svg = ROOT / "resources" / "icons" / "hocvu.svg"
    pngs = render_svg(app_svg, sorted(set(PNG_SIZES) | set(ICO_SIZES)))
    hicolor = stage / "share" / "icons" / "hicolor"
    for size in PNG_SIZES:
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        (folder / f"{APP_ID}.png").write_bytes(pngs[size])
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(app_svg, hicolor / "scalable" / "apps" / f"{APP_ID}.svg")
    (stage / "hocvu.ico").write_bytes(ico_from_pngs({s: pngs[s] for s in ICO_SIZES}))


def render_svg(svg: Path, sizes: list[int]) -> dict[int, bytes]:
    """PNG bytes of `svg` at each size, drawn by Qt's own SVG renderer (no extra package)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise StageError(f"{svg} is not an SVG file Qt can draw")
    out = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        out[size] = bytes(data)
    return out


def ico_from_pngs(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (valid since Windows Vista), without Pillow."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def windows_version_info() -> str:
    """The version resource Windows shows in the file's Properties, in PyInstaller's syntax."""
    numbers = [int(n) for n in re.findall(r"\d+", APP_VERSION)[:4]]
    numbers += [0] * (4 - len(numbers))
    strings = {
        "CompanyName": "Ministry of Foreign Affairs",
        "FileDescription": "Học Vụ Số",
        "FileVersion": APP_VERSION,
        "InternalName": "hocvu",
        "OriginalFilename": "hocvu.exe",
        "ProductName": "Học Vụ Số",
        "ProductVersion": APP_VERSION,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple(numbers)}, prodvers={tuple(numbers)},
    mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
{table}
    ])]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200])])
  ]
)
"""


def stage_desktop_files(share: Path) -> None:
    linux = ROOT / "packaging" / "linux"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(linux / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    metainfo = linux / f"{APP_ID}.metainfo.xml"
    check_metainfo(metainfo)
    shutil.copy2(metainfo, share / "metainfo" / f"{APP_ID}.metainfo.xml")


def check_metainfo(path: Path) -> None:
    """Well-formed, names this app, and its newest release is the version being built."""
    try:
        component = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise StageError(f"{path.name} is not well-formed XML: {error}") from error
    if component.findtext("id") != APP_ID:
        raise StageError(f"{path.name}: <id> must be {APP_ID}")
    releases = component.findall("releases/release")
    if not releases or releases[0].get("version") != APP_VERSION:
        raise StageError(
            f"{path.name}: the first <release> must be version {APP_VERSION} (the app's "
            "version); add a release entry with its date and notes"
        )


if __name__ == "__main__":
    sys.exit(main())
