"""Fill unfinished messages of a .ts file from a small mapping (source → translation).

    .venv/bin/python scripts/fill_translation.py resources/translations/hocvu_vi.ts \
        'Review done: %1%=Ôn tập xong: %1%' ...
    .venv/bin/python scripts/fill_translation.py resources/translations/hocvu_en.ts \
        --json strings.json

In the JSON form each value is the translation, or for a plural (%n) message the
list of its forms (one for Vietnamese; singular and plural for English).

For the few strings added between full translation passes; every .ts stays complete
(tests/desktop/test_translations.py checks it).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main() -> None:
    path = Path(sys.argv[1])
    if sys.argv[2:3] == ["--json"]:
        wanted = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
    else:
        wanted = dict(arg.split("=", 1) for arg in sys.argv[2:])
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in wanted:
            value = wanted[source]
            if isinstance(value, list):
                translation.text = None
                for placeholder in list(translation):
                    translation.remove(placeholder)
                for form in value:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value
            del translation.attrib["type"]
            filled += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    print(f"{path}: {filled} filled")


if __name__ == "__main__":
    main()
