"""What a hostile client costs the ministry server, and a bundle bomb the laptop.

    .venv/bin/python bench/hostile_bench.py [--quick]

Against `hocvu server` in its own process on loopback (SQLite), it prints:
- the server's peak memory (VmHWM) before and after a 100 MB unauthenticated body to
  /api/v1/enrol, and how long the answer took;
- the size of the answer to a 2 MB invalid field;
- device push latency (batches of 100 statements; median and p95) alone, and while 8
  threads send failed dashboard logins without pause (a new name each time, so none is
  throttled and each costs an Argon2id check);
and, in a child process, the time and peak memory to refuse a return bundle whose
bundle.json unpacks to 1 GiB. Prints figures and never asserts.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from bench.sync_bench import Deployment, batch_statements  # noqa: E402
from sync.server import admin  # noqa: E402

MIB = 1024 * 1024
PASSWORD = "a long bench password"


def peak_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))


def huge_body(port: int, path: str, size: int) -> tuple[int, float]:
    """Send headers for `size` bytes and then the bytes, until the server answers or
    closes; returns the status and the seconds to the answer."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {size}\r\n\r\n"
        )
        sock.sendall(head.encode())
        chunk = b"x" * MIB
        sock.setblocking(False)
        sent, answer = 0, b""
        while sent < size:
            try:
                answer += sock.recv(65536)
                if answer:
                    break
            except BlockingIOError:
                pass
            try:
                sent += sock.send(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                time.sleep(0.001)
        sock.setblocking(True)
        while b"\r\n" not in answer:
            more = sock.recv(65536)
            if not more:
                break
            answer += more
    status = int(answer.split()[1]) if answer else 0
    return status, time.perf_counter() - started


def push_latencies(url: str, headers: dict, profile: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        body = json.dumps({"statements": batch_statements(profile, 100)}).encode()
        started = time.perf_counter()
        requests.post(f"{url}/api/v1/statements", data=body, headers=headers, timeout=60)
        times.append(time.perf_counter() - started)
    return times


def failed_logins(url: str, stop: threading.Event, counter: list[int]) -> None:
    session = requests.Session()
    while not stop.is_set():
        page = session.get(f"{url}/admin/login", timeout=30).text
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        session.post(
            f"{url}/admin/login",
            # A new name each time: never throttled, so every try pays the Argon2 check.
            data={"username": f"guess-{counter[0]}", "password": "wrong!", "csrf": token},
            allow_redirects=False,
            timeout=60,
        )
        counter[0] += 1


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"


BOMB_CHILD = r"""
import resource, sys, time, zipfile
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from sync.bundle import BundleRefused, read_return_bundle
from sync.server.keys import load_or_create
folder = Path(sys.argv[1])
keys = load_or_create(folder / "keys").public_keys()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    read_return_bundle(folder / "bomb.hvsync", keys, folder / "out")
    outcome = "accepted?!"
except BundleRefused as exc:
    outcome = f"refused ({exc.kind})"
elapsed = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{outcome} in {elapsed * 1000:.0f} ms; peak memory {before // 1024} -> {after // 1024} MiB")
"""


def bundle_bomb(folder: Path) -> str:
    bomb = folder / "bomb.hvsync"
    zeros = bytes(MIB)
    with zipfile_open(bomb) as archive:
        with archive.open("bundle.json", "w", force_zip64=True) as entry:
            for _ in range(1024):
                entry.write(zeros)
        archive.writestr("bundle.sig", b"{}")
    size = bomb.stat().st_size / MIB
    done = subprocess.run(
        [sys.executable, "-c", BOMB_CHILD, str(folder), str(ROOT)],
        capture_output=True,
        text=True,
    )
    return f"{size:.1f} MB file, bundle.json 1 GiB unpacked: {(done.stdout or done.stderr).strip()}"


def zipfile_open(path: Path):
    import zipfile

    return zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer pushes (CI)")
    runs = 15 if parser.parse_args().quick else 60
    print(f"machine: {describe()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deployment = Deployment("sqlite", None, work)
        try:
            url, pid, port = (
                deployment.server.url,
                deployment.server.process.pid,
                deployment.server.port,
            )
            with deployment.ctx.db.write() as session:
                admin.create_admin(
                    session, "bench", "bench-admin", PASSWORD, "ministry_admin", deployment.unit
                )
            profile, headers = deployment.device()
            requests.get(f"{url}/api/v1/about", timeout=10)
            before = peak_kib(pid)
            status, seconds = huge_body(port, "/api/v1/enrol", 100 * MIB)
            after = peak_kib(pid)
            print(
                f"100 MB unauthenticated body to /api/v1/enrol: answered {status} in "
                f"{seconds * 1000:.0f} ms; server peak memory {before // 1024} -> "
                f"{after // 1024} MiB"
            )
            invalid = requests.post(
                f"{url}/api/v1/statements",
                data=json.dumps({"statements": "x" * (2 * MIB)}),
                headers=headers,
                timeout=60,
            )
            print(
                f"2 MB invalid field in a push: answered {invalid.status_code} with "
                f"{len(invalid.content)} bytes"
            )
            push_latencies(url, headers, profile, 5)  # warm-up
            alone = push_latencies(url, headers, profile, runs)
            stop, counter = threading.Event(), [0]
            threads = [
                threading.Thread(target=failed_logins, args=(url, stop, counter), daemon=True)
                for _ in range(8)
            ]
            for thread in threads:
                thread.start()
            time.sleep(1)
            loaded = push_latencies(url, headers, profile, runs)
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            print(f"push of 100 statements, alone: {summary(alone)}")
            print(
                f"push of 100 statements, 8 threads of failed logins: {summary(loaded)} "
                f"({counter[0]} failed logins meanwhile)"
            )
        finally:
            deployment.close()
        print(f"return bundle bomb: {bundle_bomb(work)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
