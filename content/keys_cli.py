"""`hocvu keys`: the ministry root key, trainer keys and the signed trust list."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from content import keys, trust
from content.errors import KeyFileError, PackRefused
from content.files import write_atomic
from content.passphrase import ask

DESCRIPTION = """Manage the trust chain of content packs.

The ministry's root key (kept offline, passphrase-protected) signs trust.json, the
list of trainer keys allowed to sign packs. Trainers make their own key pair and
hand over only the public part (.pub.json).

  hocvu keys init-root --out-dir /media/usb/root       # once, by the ministry
  hocvu keys new-trainer --name "Nguyễn Văn A" -o a    # by a trainer: a.key, a.pub.json
  hocvu keys add-trainer --root root.key --trust trust.json --trainer a.pub.json \\
      --prefix vn.mofa.dl -o trust.json                # a new, higher trust version
  hocvu keys revoke --root root.key --trust trust.json KEY_ID -o trust.json
  hocvu keys new-grading-key -o grading-2027           # by the ministry: exams seal to it
  hocvu keys add-grading-key --root root.key --trust trust.json \\
      --grading grading-2027.pub.json -o trust.json
"""


def _load_root(args: argparse.Namespace) -> keys.Ed25519PrivateKey:
    path = Path(args.root)
    return keys.load_private(path, ask(args.passphrase_env, f"Root passphrase for {path.name}: "))


def _current(args: argparse.Namespace, root: keys.Ed25519PrivateKey) -> trust.TrustList:
    roots = {keys.key_id(root.public_key()): root.public_key()}
    return trust.parse(Path(args.trust).read_bytes(), roots, args.trust)


def _write_trust(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


def cmd_init_root(args: argparse.Namespace) -> int:
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    key_path, pub_path, trust_path = (
        out / f"{args.name}.key",
        out / f"{args.name}.pub.json",
        out / "trust.json",
    )
    for path in (key_path, pub_path, trust_path):
        if path.exists():
            print(f"{path}: exists; a root key is never overwritten", file=sys.stderr)
            return 1
    passphrase = ask(args.passphrase_env, "New root passphrase: ", confirm=True)
    if len(passphrase) < 12:
        raise KeyFileError("the root passphrase must have at least 12 characters")
    root = keys.new_key()
    keys.write_private(key_path, root, passphrase)
    record = keys.write_public(pub_path, root, args.label)
    body = trust.new_body(1, args.valid_days, args.grace_days)
    _write_trust(trust_path, trust.sign_body(body, root))
    print(f"Root key {record.key_id} written to {key_path} (encrypted) and {pub_path}.")
    print(f"Trust list version 1 (no trainers yet) written to {trust_path}.")
    print(f"Pin the public key in the app: copy {pub_path.name} to resources/trust/roots/.")
    print(
        "Keep the .key file offline; without it and its passphrase no new trust list can be made."
    )
    return 0


def _new_pair(args: argparse.Namespace, prompt: str) -> tuple[Path, Path, str | None] | None:
    """NAME.key and NAME.pub.json for a new key pair (None if either exists: a key is
    never overwritten) and its passphrase, asked unless --no-passphrase."""
    base = Path(args.output)
    key_path, pub_path = base.with_suffix(".key"), base.with_suffix(".pub.json")
    for path in (key_path, pub_path):
        if path.exists():
            print(
                f"{path}: exists; a key is never overwritten, choose another name", file=sys.stderr
            )
            return None
    passphrase = None if args.no_passphrase else ask(args.passphrase_env, prompt, confirm=True)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    return key_path, pub_path, passphrase


def _pair_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-passphrase",
        action="store_true",
        help="store the private key unencrypted (only on an encrypted disk)",
    )
    p.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from this variable")


def cmd_new_trainer(args: argparse.Namespace) -> int:
    pair = _new_pair(args, "New passphrase for your key: ")
    if pair is None:
        return 1
    key_path, pub_path, passphrase = pair
    private = keys.new_key()
    keys.write_private(key_path, private, passphrase)
    record = keys.write_public(pub_path, private, args.name)
    print(f"Trainer key {record.key_id} for {args.name}: private {key_path}, public {pub_path}.")
    print(f"Send only {pub_path.name} to the ministry to be added to the trust list.")
    return 0


def cmd_add_trainer(args: argparse.Namespace) -> int:
    root = _load_root(args)
    current = _current(args, root)
    trainer = keys.load_public(Path(args.trainer))
    body = trust.next_body(current, args.valid_days)
    not_before = trust.parse_time(args.not_before) if args.not_before else datetime.now(UTC)
    trust.add_trainer(
        body, trainer, args.prefix, not_before, not_before + timedelta(days=args.key_days)
    )
    _write_trust(Path(args.output), trust.sign_body(body, root))
    print(
        f"Trust list version {body['version']} written to {args.output}: key "
        f"{trainer.key_id} ({trainer.name}) may sign {', '.join(args.prefix)}."
    )
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    root = _load_root(args)
    current = _current(args, root)
    body = trust.next_body(current, args.valid_days)
    trust.revoke(body, args.key_id)
    _write_trust(Path(args.output), trust.sign_body(body, root))
    print(
        f"Trust list version {body['version']} written to {args.output}: key {args.key_id} "
        "is revoked. Packs it signed are refused once this list reaches a computer."
    )
    return 0


def cmd_new_grading_key(args: argparse.Namespace) -> int:
    pair = _new_pair(args, "New passphrase for the grading key: ")
    if pair is None:
        return 1
    key_path, pub_path, passphrase = pair
    private = X25519PrivateKey.generate()
    keys.write_private(key_path, private, passphrase)
    key_id = keys.write_grading_public(pub_path, private, args.name)
    print(f"Grading key {key_id}: private {key_path}, public {pub_path}.")
    print(
        f"Add {pub_path.name} to the trust list (hocvu keys add-grading-key) and install "
        f"{key_path.name} on the ministry server (hocvu admin add-grading-key)."
    )
    return 0


def cmd_add_grading_key(args: argparse.Namespace) -> int:
    root = _load_root(args)
    current = _current(args, root)
    public = keys.load_grading_public(Path(args.grading))
    body = trust.next_body(current, args.valid_days)
    not_before = trust.parse_time(args.not_before) if args.not_before else datetime.now(UTC)
    key_id = trust.add_grading_key(
        body, public, not_before, not_before + timedelta(days=args.key_days)
    )
    _write_trust(Path(args.output), trust.sign_body(body, root))
    print(
        f"Trust list version {body['version']} written to {args.output}: exams built from "
        f"now on are sealed to grading key {key_id}."
    )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from hocvu.paths import root_key_files

    listed = trust.parse(
        Path(args.trust).read_bytes(), trust.load_roots(root_key_files()), args.trust
    )
    print(
        f"Trust list version {listed.version}, issued {trust.format_time(listed.issued)}, "
        f"expires {trust.format_time(listed.expires)} (+{listed.grace_days} days' grace)"
    )
    for trainer in listed.trainers.values():
        print(
            f"  {trainer.key_id}  {trainer.name}: {', '.join(trainer.prefixes)} "
            f"({trust.format_time(trainer.not_before)[:10]} to "
            f"{trust.format_time(trainer.not_after)[:10]})"
        )
    for key_id in sorted(listed.revoked):
        print(f"  {key_id}  revoked")
    for grading in listed.grading_keys.values():
        print(
            f"  {grading.key_id}  grading key ({trust.format_time(grading.not_before)[:10]} "
            f"to {trust.format_time(grading.not_after)[:10]})"
        )
    return 0


def _root_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", required=True, help="the root private key (.key)")
    p.add_argument("--trust", required=True, help="the current trust.json")
    p.add_argument("-o", "--output", required=True, help="where to write the new trust.json")
    p.add_argument(
        "--valid-days", type=int, default=365, help="days until the new list expires (default 365)"
    )
    p.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="read the root passphrase from this environment variable",
    )


def parser(prog: str) -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog=prog, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "init-root",
        help="create the ministry's root key and trust list v1",
        description="Create a passphrase-encrypted Ed25519 root key, its public "
        "key file to pin in the app, and an empty signed trust list (version 1).",
    )
    p.add_argument("--out-dir", required=True, help="where to write the files (keep it offline)")
    p.add_argument("--name", default="root", help="file name stem (default: root)")
    p.add_argument("--label", default="Ministry root", help="a name shown in the app")
    p.add_argument("--valid-days", type=int, default=365, help="days the trust list is valid")
    p.add_argument(
        "--grace-days",
        type=int,
        default=90,
        help="days an expired list is still accepted, with a warning (default 90)",
    )
    p.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from this variable")
    p.set_defaults(run=cmd_init_root)

    p = sub.add_parser(
        "new-trainer",
        help="create a trainer's signing key pair",
        description="Create an Ed25519 key pair for signing packs: NAME.key "
        "(private, keep it) and NAME.pub.json (send it to the ministry).",
    )
    p.add_argument("--name", required=True, help="the trainer's name, shown to admins")
    p.add_argument("-o", "--output", required=True, help="file name stem, e.g. keys/nguyen-a")
    _pair_options(p)
    p.set_defaults(run=cmd_new_trainer)

    p = sub.add_parser(
        "add-trainer",
        help="allow a trainer key to sign packs (new trust list)",
        description="Write a new trust list, one version higher, that lets the "
        "trainer's key sign packs whose id starts with the given prefixes.",
    )
    _root_options(p)
    p.add_argument("--trainer", required=True, help="the trainer's .pub.json")
    p.add_argument(
        "--prefix",
        action="append",
        required=True,
        help="allowed pack-id prefix, e.g. vn.mofa.dl (repeat for several)",
    )
    p.add_argument("--not-before", help="when the key becomes valid (default: now)")
    p.add_argument(
        "--key-days", type=int, default=730, help="days the key stays valid (default 730)"
    )
    p.set_defaults(run=cmd_add_trainer)

    p = sub.add_parser(
        "revoke",
        help="revoke a trainer key (new trust list)",
        description="Write a new trust list, one version higher, in which the "
        "key is revoked; packs it signed are refused from then on.",
    )
    _root_options(p)
    p.add_argument("key_id", help="the key id to revoke (16 hex digits)")
    p.set_defaults(run=cmd_revoke)

    p = sub.add_parser(
        "new-grading-key",
        help="create a grading key pair (the ministry's; exams are sealed to it)",
        description="Create an X25519 key pair: NAME.key (private, for the ministry "
        "server only) and NAME.pub.json (to add to the trust list).",
    )
    p.add_argument("--name", default="Ministry grading key", help="a label for admins")
    p.add_argument("-o", "--output", required=True, help="file name stem, e.g. keys/grading-2027")
    _pair_options(p)
    p.set_defaults(run=cmd_new_grading_key)

    p = sub.add_parser(
        "add-grading-key",
        help="publish a grading key (new trust list)",
        description="Write a new trust list, one version higher, listing the grading "
        "key; exams built afterwards are sealed to the newest valid grading key.",
    )
    _root_options(p)
    p.add_argument("--grading", required=True, help="the grading key's .pub.json")
    p.add_argument("--not-before", help="when the key becomes valid (default: now)")
    p.add_argument(
        "--key-days", type=int, default=1095, help="days the key stays valid (default 1095)"
    )
    p.set_defaults(run=cmd_add_grading_key)

    p = sub.add_parser(
        "show",
        help="show a trust list",
        description="Verify a trust list against the app's pinned roots and print its trainers.",
    )
    p.add_argument("trust", help="the trust.json")
    p.set_defaults(run=cmd_show)
    return top


def main(argv: list[str], prog: str = "hocvu keys") -> int:
    args = parser(prog).parse_args(argv)
    try:
        return args.run(args)
    except (KeyFileError, PackRefused) as exc:
        print(f"{prog} {args.command}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{prog} {args.command}: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 1
