"""PNG screenshots of every dashboard page at 1366×768, in Vietnamese and English.

    .venv/bin/python packaging/dashboard_screenshots.py --shots DIR

Seeds a small ministry (tests/sync/dashboard_world.py) on a throwaway SQLite
server, serves it on a loopback port and drives Debian's chromium (headless) with
Playwright. For reviewing the layout by eye: diacritics, clipping, charts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pages(world) -> dict[str, str]:
    return {
        "login": "/admin/login",
        "overview": "/admin/",
        "ministry": f"/admin/units/{world.ministry}",
        "mission": f"/admin/units/{world.tokyo}",
        "learner": f"/admin/learners/{world.learners['tokyo'][0]}",
        "assignments": "/admin/assignments",
        "packs": "/admin/packs",
        "items": "/admin/items",
        "enrol": "/admin/enrol",
        "bundles": "/admin/bundles",
        "certificates": "/admin/certificates",
        "audit": "/admin/audit",
    }


def shoot(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from sync.server import admin
    from sync.server.context import ServerContext, ServerSettings
    from tests.e2e.conftest import ARGS, CHROMIUM
    from tests.sync.conftest import ThreadServer
    from tests.sync.dashboard_world import PASSWORD, seed_ministry

    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        ctx = ServerContext(ServerSettings(data_dir=Path(tmp) / "server"))
        ctx.db.migrate()
        world = seed_ministry(ctx)
        with ctx.db.write() as session:
            admin.assign(session, "demo", "vn.mofa.dl.l1", world.tokyo, None)
        sheet = Path(tmp) / "learners.csv"
        sheet.write_text(
            "name,staff_ref,unit\n"
            f"Lý Thị Nga,NV-0101,{world.tokyo}\n"
            "Đoàn Văn Phúc,NV-0102,Đại sứ quán tại Paris\n",
            encoding="utf-8",
        )
        bad_sheet = Path(tmp) / "bad.csv"
        bad_sheet.write_text(
            "name,staff_ref,unit\nLý Thị Nga,NV-0201,Hà Nội\n,NV-0202,1\n", encoding="utf-8"
        )
        server = ThreadServer(ctx)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                for lang in ("vi", "en"):
                    page = browser.new_page(viewport={"width": 1366, "height": 768})
                    page.context.add_cookies(
                        [{"name": "hocvu_lang", "value": lang, "url": server.url + "/admin/"}]
                    )

                    def snap(name: str, page=page, lang=lang) -> None:
                        target = out / f"{name}-{lang}.png"
                        page.screenshot(path=str(target), full_page=True)
                        made.append(target)

                    for name, path in pages(world).items():
                        page.goto(server.url + path)
                        snap(name)
                        if name == "login":
                            page.fill("input[name=username]", "bo")
                            page.fill("input[name=password]", PASSWORD)
                            page.click("button[type=submit]")
                    # The pages a form leads to: codes made, a CSV refused, a refusal.
                    page.goto(server.url + "/admin/enrol")
                    page.set_input_files("input[name=file]", str(sheet))
                    page.click("form.row button[type=submit]")
                    snap("enrol-codes")
                    page.goto(server.url + "/admin/enrol")
                    page.set_input_files("input[name=file]", str(bad_sheet))
                    page.click("form.row button[type=submit]")
                    snap("enrol-refused")
                    page.goto(server.url + "/admin/units/999999")
                    snap("refused")
                    page.close()
                browser.close()
        finally:
            server.stop()
            ctx.db.dispose()
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", required=True, type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    from tests.e2e.conftest import CHROMIUM

    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: run `bash scripts/chromium.sh` first", file=sys.stderr)
        return 1
    for path in shoot(args.shots):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
