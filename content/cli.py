"""`hocvu pack`: the trainer's commands (new, build, verify, info, audit, install, import-gift)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from content import keys
from content.audit import DEFAULT_FORMS, AuditError
from content.errors import KeyFileError, PackRefused, SourceError

DESCRIPTION = """Build, check and inspect content packs.

A typical session:
  hocvu pack new my-pack                      # a folder to start from
  (edit my-pack/course.yaml, lessons/, quizzes/ in any text editor)
  hocvu pack build my-pack --key trainer.key -o my-pack.hvpack
  hocvu pack verify my-pack.hvpack
  hocvu pack audit my-pack                    # could a blind guesser pass the exam?
"""


def _roots():
    from content import trust
    from hocvu.paths import root_key_files

    return trust.load_roots(root_key_files())


def _default_trust_bytes() -> bytes:
    from content import trust
    from hocvu.paths import shipped_trust_files

    roots = _roots()
    lists = [trust.parse(p.read_bytes(), roots, str(p)) for p in shipped_trust_files()]
    newest = trust.newest(lists)
    if newest is None:
        raise KeyFileError("no trust list is shipped with the app; give one with --trust")
    return newest.to_bytes()


def cmd_new(args: argparse.Namespace) -> int:
    target = Path(args.folder)
    if target.exists() and any(target.iterdir()):
        print(f"{target}: the folder exists and is not empty; choose a new name", file=sys.stderr)
        return 1
    template = Path(__file__).parent / "scaffold"
    shutil.copytree(template, target, dirs_exist_ok=True)
    if args.id:
        course = target / "course.yaml"
        text = course.read_text(encoding="utf-8").replace("vn.mofa.dl.demo", args.id, 1)
        course.write_text(text, encoding="utf-8")
    print(f"Created {target}/ with one module, one lesson in Vietnamese and English, and a quiz")
    print("using all seven item types. Edit the files, then:")
    print(f"  hocvu pack build {target} --key YOUR-TRAINER.key -o {target.name}.hvpack")
    return 0


def _signing_material(args: argparse.Namespace):
    from content import trust
    from content.passphrase import ask

    key_path = Path(args.key)
    passphrase = None
    if keys.is_encrypted(key_path):
        passphrase = ask(args.passphrase_env, f"Passphrase for {key_path.name}: ")
    private = keys.load_private(key_path, passphrase)
    trust_bytes = Path(args.trust).read_bytes() if args.trust else _default_trust_bytes()
    trust.parse(trust_bytes, _roots(), args.trust or "trust.json")
    return private, trust_bytes


def _build_one(folder: Path, out: Path, private, trust_bytes: bytes) -> list[str]:
    """Build, print warnings, and verify the result exactly as the app will, so a
    trainer learns about a refusal now rather than from a diplomat abroad."""
    from content.build import build_pack
    from content.verify import verify_pack

    result = build_pack(folder, private, trust_bytes, out)
    for warning in result.warnings:
        print(f"warning: {folder.name}: {warning}", file=sys.stderr)
    try:
        verified = verify_pack(out, _roots())
    except PackRefused as refusal:
        out.unlink(missing_ok=True)
        raise SourceError(str(folder), f"the app would refuse this pack: {refusal}") from None
    print(
        f"Built {out} ({result.manifest['id']} version {result.manifest['version']}, "
        f"{len(result.manifest['files'])} files, {out.stat().st_size / 1e6:.1f} MB), signed "
        f"with key {verified.signer.key_id} ({verified.signer.name}); sha256 {result.sha256}"
    )
    return result.warnings


def _audit_gate(folders: list[Path], forms: int, each_warning: bool) -> tuple[bool, int]:
    """`--strict` and `--strict-audit`: audit the sources before building. Prints the
    findings over a threshold and the audit's warnings (each one with `--strict-audit`,
    otherwise how many); returns whether a figure is over a threshold (nothing is then
    built) and how many warnings the audit adds."""
    from content.audit import audit_input, read_source

    sources = [read_source(folder) for folder in folders]
    # A placement pack probes the modules of the level packs built with it.
    marks = {target: mark for s in sources for target, mark in s.module_pass_marks.items()}
    over = warnings = 0
    for folder, source in zip(folders, sources, strict=True):
        report = audit_input(source, forms=forms, module_pass_marks=marks)
        if each_warning:
            for finding in report.warnings:
                print(f"warning: {folder.name}: audit: {finding.message}", file=sys.stderr)
        for finding in report.over:
            print(f"refused: {folder.name}: {finding.message}", file=sys.stderr)
        over += len(report.over)
        warnings += len(report.warnings)
    where = str(folders[0]) if len(folders) == 1 else str(folders[0].parent)
    if over:
        print(
            f"{over} audit figure(s) over the thresholds of docs/pack-format.md: nothing "
            f"built. See the full report with: hocvu pack audit {where}",
            file=sys.stderr,
        )
    elif warnings and not each_warning:
        # Advisory until the item bank meets them; the trainer sees how many and where.
        print(f"Audit: {warnings} warning(s), none over a threshold (hocvu pack audit {where})")
    return bool(over), warnings


def cmd_build(args: argparse.Namespace) -> int:
    private, trust_bytes = _signing_material(args)
    folder = Path(args.folder)
    out = Path(args.output) if args.output else Path(f"{folder.resolve().name}.hvpack")
    audit_warnings = 0
    if args.strict or args.strict_audit:
        refused, audit_warnings = _audit_gate([folder], args.audit_forms, args.strict_audit)
        if refused:
            return 1
    warnings = len(_build_one(folder, out, private, trust_bytes))
    if args.strict_audit:
        warnings += audit_warnings
    if warnings and args.strict:
        print(f"{warnings} warning(s) and --strict: failing", file=sys.stderr)
        return 1
    return 0


def cmd_build_all(args: argparse.Namespace) -> int:
    from content import yamltext

    private, trust_bytes = _signing_material(args)
    root, out_dir = Path(args.folder), Path(args.output)
    folders = sorted(p.parent for p in root.glob("*/course.yaml"))
    if not folders:
        print(f"{root}: no sub-folder with a course.yaml", file=sys.stderr)
        return 1
    warnings = 0
    if args.strict or args.strict_audit:
        refused, audit_warnings = _audit_gate(folders, args.audit_forms, args.strict_audit)
        if refused:
            return 1
        if args.strict_audit:
            warnings = audit_warnings
    for folder in folders:
        course = yamltext.load((folder / "course.yaml").read_text(encoding="utf-8"))
        pack_id = course.get("id", folder.name) if isinstance(course, dict) else folder.name
        warnings += len(_build_one(folder, out_dir / f"{pack_id}.hvpack", private, trust_bytes))
    print(f"{len(folders)} pack(s) in {out_dir}, {warnings} warning(s)")
    return 1 if warnings and args.strict else 0


def _summary(verified) -> dict:
    manifest = verified.manifest
    return {
        "id": manifest["id"],
        "version": manifest["version"],
        "format": manifest["format"],
        "created": manifest["created"],
        "title": manifest["title"],
        "languages": manifest["languages"],
        "min_app_version": manifest.get("min_app_version"),
        "signed_by": {"key_id": verified.signer.key_id, "name": verified.signer.name},
        "trust_version": verified.trust.version,
        "modules": [
            {
                "id": m["id"],
                "area": m["area"],
                "level": m["level"],
                "title": m["title"],
                "lessons": [lesson["slug"] for lesson in m["lessons"]],
                "quiz": m["quiz"],
            }
            for m in manifest["modules"]
        ],
        "exam": manifest.get("exam"),
        "placement": manifest.get("placement"),
        "files": len(manifest["files"]),
        "bytes": sum(f["size"] for f in manifest["files"].values()),
        "warnings": verified.warnings,
    }


def cmd_verify(args: argparse.Namespace) -> int:
    from content.verify import verify_pack

    verified = verify_pack(Path(args.pack), _roots())
    for warning in verified.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    info = _summary(verified)
    if args.json:
        print(json.dumps({"ok": True, **info}, ensure_ascii=False, indent=2))
    else:
        print(
            f"OK: {info['id']} version {info['version']} is intact and signed by "
            f"{info['signed_by']['name']} (key {info['signed_by']['key_id']}, "
            f"trust list version {info['trust_version']}); {info['files']} files checked"
        )
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from content.verify import verify_pack

    verified = verify_pack(Path(args.pack), _roots())
    info = _summary(verified)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    print(f"{info['title'].get(lang) or next(iter(info['title'].values()))}")
    print(f"  id {info['id']}, version {info['version']}, created {info['created']}")
    print(
        f"  languages {', '.join(info['languages'])}; {info['files']} files, "
        f"{info['bytes'] / 1e6:.1f} MB"
    )
    print(
        f"  signed by {info['signed_by']['name']} (key {info['signed_by']['key_id']}), "
        f"trust list version {info['trust_version']}"
    )
    for module in verified.manifest["modules"]:
        title = module["title"].get(lang) or next(iter(module["title"].values()))
        print(f"  module {module['id']} (level {module['level']}, area {module['area']}): {title}")
        for lesson in module["lessons"]:
            ltitle = lesson["title"].get(lang) or next(iter(lesson["title"].values()))
            print(f"    - {lesson['slug']}: {ltitle} ({lesson['minutes']} min)")
        if module["quiz"]:
            print(f"    quiz {module['quiz']}")
    if info["exam"]:
        print(f"  exam {info['exam']['quiz']}")
    if info["placement"]:
        print(f"  placement {', '.join(info['placement']['quizzes'])}")
    return 0


def _grading_keys(files: list[str], passphrase_env: str | None) -> dict:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from content.envelope import x25519_key_id
    from content.passphrase import ask

    found = {}
    for name in files:
        path = Path(name)
        data = path.read_bytes()
        secret = None
        if b"ENCRYPTED" in data[:64]:
            secret = ask(passphrase_env, f"Passphrase for {path.name}: ").encode()
        try:
            key = serialization.load_pem_private_key(data, secret)
        except (TypeError, ValueError):
            raise KeyFileError(f"{path}: wrong passphrase, or not a PEM private key") from None
        if not isinstance(key, X25519PrivateKey):
            raise KeyFileError(f"{path}: not a grading key (X25519)")
        found[x25519_key_id(key.public_key())] = key
    return found


def cmd_audit(args: argparse.Namespace) -> int:
    from content.audit import audit_input, read_pack, read_source, render

    if args.forms < 1:
        print("--forms must be at least 1", file=sys.stderr)
        return 2
    target = Path(args.pack)
    if target.is_dir():
        if (target / "course.yaml").is_file():
            folders = [target]
        else:
            folders = sorted(p.parent for p in target.glob("*/course.yaml"))
            if not folders:
                raise SourceError(str(target), "no course.yaml here or in a sub-folder")
        sources = [read_source(folder) for folder in folders]
    else:
        keys_given = _grading_keys(args.grading_key or [], args.passphrase_env)
        sources = [read_pack(target, _roots(), keys_given)]
    marks = {t: mark for source in sources for t, mark in source.module_pass_marks.items()}
    reports = [audit_input(s, forms=args.forms, module_pass_marks=marks) for s in sources]
    over = any(r.over for r in reports)
    if args.json:
        document = {"packs": [r.to_json() for r in reports], "over_thresholds": over}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(render(r) for r in reports))
    return 1 if over and args.strict else 0


def cmd_install(args: argparse.Namespace) -> int:
    from content.library import Library
    from hocvu.paths import shipped_trust_files

    library = Library(Path(args.library), _roots(), [p.read_bytes() for p in shipped_trust_files()])
    installed = library.install(Path(args.pack), force=args.force)
    print(f"Installed {installed.pack_id} version {installed.version} into {args.library}")
    return 0


def cmd_import_gift(args: argparse.Namespace) -> int:
    from content.gift import dump_quiz_yaml, import_gift

    source = Path(args.file)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        print(f"{source}: not UTF-8 text; save the file as UTF-8 and try again", file=sys.stderr)
        return 1
    result = import_gift(text, source=source.name)
    out = Path(args.output)
    if out.exists() and not args.force:
        print(f"{out}: exists; use --force to replace it", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dump_quiz_yaml(result.quiz), encoding="utf-8")
    print(f"Wrote {out}: {len(result.quiz.get('items', []))} item(s)")
    for problem in result.problems:
        print(f"{source}:{problem.line}: {problem.message}", file=sys.stderr)
    if result.problems:
        print(f"{len(result.problems)} thing(s) to check by hand (listed above)", file=sys.stderr)
    return 0


def parser(prog: str = "hocvu pack") -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog=prog, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "new",
        help="create a source folder to start a pack from",
        description="Create a source folder with one module, a lesson in "
        "Vietnamese and English, an illustration and a quiz showing every item type.",
    )
    p.add_argument("folder", help="the folder to create (must not exist or be empty)")
    p.add_argument("--id", help="the pack id to put in course.yaml, e.g. vn.mofa.dl.my-topic")
    p.set_defaults(run=cmd_new)

    def signing_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--key", required=True, help="your trainer private key (.key file)")
        p.add_argument(
            "--trust",
            help="the trust.json to ship inside the pack (default: the newest the app ships)",
        )
        p.add_argument(
            "--passphrase-env",
            metavar="VAR",
            help="read the key's passphrase from this environment variable",
        )
        p.add_argument(
            "--strict",
            action="store_true",
            help="audit the quizzes, exam and placement first (as `hocvu pack audit`) and "
            "build nothing when a blind strategy beats the thresholds of docs/pack-format.md; "
            "fail when the build has any warning",
        )
        p.add_argument(
            "--strict-audit",
            action="store_true",
            help="print each of the audit's warnings; with --strict they fail the build too",
        )
        p.add_argument(
            "--audit-forms",
            type=int,
            default=DEFAULT_FORMS,
            metavar="N",
            help=f"forms drawn per quiz by the audit of --strict (default {DEFAULT_FORMS})",
        )

    p = sub.add_parser(
        "build",
        help="build and sign a pack from a source folder",
        description="Check the sources, build a reproducible .hvpack signed with "
        "your trainer key, and verify it as the app would. Warnings point at "
        "things to fix (missing translations, explanations, unused files).",
    )
    p.add_argument("folder", help="the source folder (with course.yaml)")
    p.add_argument("-o", "--output", help="the pack to write (default: FOLDER.hvpack)")
    signing_options(p)
    p.set_defaults(run=cmd_build)

    p = sub.add_parser(
        "build-all",
        help="build every pack under a folder (e.g. content/courses)",
        description="Build each sub-folder that has a course.yaml into OUTPUT/<pack id>.hvpack, "
        "as `build` does for one.",
    )
    p.add_argument("folder", help="the folder whose sub-folders are pack sources")
    p.add_argument("-o", "--output", required=True, help="the folder to write the packs to")
    signing_options(p)
    p.set_defaults(run=cmd_build_all)

    p = sub.add_parser(
        "verify",
        help="check that a pack is intact and signed by a trusted key",
        description="Run every check the app runs before installing a pack. "
        "Exit status 0 when the pack would be accepted, 1 with the reason when not.",
    )
    p.add_argument("pack", help="the .hvpack file")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=cmd_verify)

    p = sub.add_parser(
        "info",
        help="show what a pack holds",
        description="Verify a pack and show its modules, lessons, quizzes and signer.",
    )
    p.add_argument("pack", help="the .hvpack file")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.add_argument("--lang", default="vi", help="language of titles (default vi)")
    p.set_defaults(run=cmd_info)

    p = sub.add_parser(
        "audit",
        help="could a learner who knows nothing pass the quizzes, exam or placement?",
        description="Report, per quiz, exam and placement test: where the key is written "
        "among the options, how often the longest option is the key, how true/false keys "
        "are balanced, the pool against what an attempt draws, and items found in more "
        "than one pool. Then play blind strategies (always the first option shown, always "
        "the longest, at random, all false, typed answers left empty) against drawn forms "
        "and print each one's pass probability and, for placement, how many modules a "
        "blind learner would skip. Thresholds: docs/pack-format.md, 'Audit and --strict'.",
    )
    p.add_argument(
        "pack",
        metavar="PACK_OR_SOURCE_DIR",
        help="a .hvpack, a source folder (with course.yaml), or a folder of source folders",
    )
    p.add_argument(
        "--forms",
        type=int,
        default=DEFAULT_FORMS,
        metavar="N",
        help=f"forms drawn per quiz (default {DEFAULT_FORMS}; the figures are reproducible)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--grading-key",
        action="append",
        metavar="FILE",
        help="a grading private key (X25519 PEM) to open a built pack's sealed exam; "
        "may be repeated",
    )
    p.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="read an encrypted grading key's passphrase from this environment variable",
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when a figure is over a threshold")
    p.set_defaults(run=cmd_audit)

    p = sub.add_parser(
        "install",
        help="install a pack into a library folder",
        description="Verify and install a pack atomically into a library folder "
        "(as the app does). Refuses older or equal versions unless --force.",
    )
    p.add_argument("pack", help="the .hvpack file")
    p.add_argument("--library", required=True, help="the library folder")
    p.add_argument("--force", action="store_true", help="allow an older or equal version")
    p.set_defaults(run=cmd_install)

    p = sub.add_parser(
        "import-gift",
        help="convert a Moodle GIFT quiz to a quiz YAML file",
        description="Convert a Moodle GIFT file into quizzes/NAME.yaml. "
        "Everything that cannot be carried over is listed with its line number.",
    )
    p.add_argument("file", help="the .gift file (UTF-8)")
    p.add_argument("-o", "--output", required=True, help="the YAML file to write")
    p.add_argument("--force", action="store_true", help="replace the output if it exists")
    p.set_defaults(run=cmd_import_gift)
    return top


def main(argv: list[str], prog: str = "hocvu pack") -> int:
    args = parser(prog).parse_args(argv)
    try:
        return args.run(args)
    except (PackRefused, SourceError, KeyFileError, AuditError) as exc:
        print(f"{prog} {args.command}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{prog} {args.command}: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 1
