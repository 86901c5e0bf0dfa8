#!/usr/bin/env python3
"""Speed at scale, end to end: the released binary (the `dist` profile) on
the generated corpus
(100 registers x 100 risks, 1,000 pages), against the copy floor and, when
`hugo` is installed, Hugo on the same content (benches/hugo/make_site.py).

Prints, for `build`, `check` and Hugo, the min and median of 9 runs and
the peak RSS (`build` both into an empty folder, as `cp -r` and Hugo
write, and over its last output, as a rebuild does); the time `cp -r`
takes to copy riskbook's output; the size of search-index.json; and, for `serve`, the time from writing an edited
register to the reload event on /__riskbook/events.

usage: python3 benches/compare.py [--serve-only] [WORK_DIR]   (default: /dev/shm if present)
Run from the repository root after `cargo build --profile dist --features jemalloc`
(the released binaries' build).
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / "target" / "dist" / "riskbook"
serve_only = "--serve-only" in sys.argv
args = [a for a in sys.argv[1:] if a != "--serve-only"]
work = Path(args[0] if args else ("/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()))
work = Path(tempfile.mkdtemp(prefix="riskbook-bench-", dir=work))
corpus, out = work / "corpus", work / "out"


def timed(cmd, **kw):
    """Wall time and peak RSS (MB) of one run, via GNU time."""
    t = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)
    wall = time.perf_counter() - t
    if r.returncode not in (0, 1):
        sys.exit(f"{cmd} failed: {r.stderr[-2000:]}")
    rss = int(r.stderr.strip().splitlines()[-1]) / 1024
    return wall, rss


def runs(name, cmd, before=None, n=9, **kw):
    walls, rsss = [], []
    for _ in range(n):
        if before:
            before()
        w, m = timed(cmd, **kw)
        walls.append(w)
        rsss.append(m)
    print(f"{name:<28} min {min(walls):6.2f} s  median {statistics.median(walls):6.2f} s  peak RSS {max(rsss):5.0f} MB")
    return statistics.median(walls)


subprocess.run(["cargo", "bench", "--bench", "build", "--", "--generate", str(corpus)], cwd=REPO, check=True, capture_output=True)
today = ["--today", "2026-03-01"]


def measure_build():
    build_cmd = [str(BIN), "build", "--root", str(corpus), "--out", str(out), "--no-git"] + today
    # Into an empty folder, as `cp -r` and Hugo below write: the ratios.
    build = runs("riskbook build --no-git", build_cmd, before=lambda: shutil.rmtree(out, ignore_errors=True))
    # Over the previous build's output, as a rebuild does: the swap and the
    # removal of the old tree come on top.
    over = runs("  ... over the last output", build_cmd)
    check = runs("riskbook check --no-git", [str(BIN), "check", "--root", str(corpus), "--no-git", "--format", "json"] + today)
    copy_to = work / "copy"
    floor = runs("cp -r of the output", ["cp", "-r", str(out), str(copy_to)], before=lambda: shutil.rmtree(copy_to, ignore_errors=True))
    files = sum(len(f) for _, _, f in os.walk(out))
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"output: {files} files, {size / 1e6:.0f} MB; search-index.json {(out / 'search-index.json').stat().st_size / 1e6:.2f} MB")
    print(f"build / copy floor: {build / floor:.1f}x (over the last output {over / floor:.1f}x)")

    if shutil.which("hugo"):
        site = work / "hugo-site"
        subprocess.run([sys.executable, str(REPO / "benches/hugo/make_site.py"), str(corpus), str(site)], check=True)
        hugo_out = work / "hugo-out"
        hugo = runs("hugo (same content)", ["hugo", "--quiet", "-d", str(hugo_out)], cwd=site, before=lambda: shutil.rmtree(hugo_out, ignore_errors=True))
        print(f"build / Hugo: {build / hugo:.2f}x (over the last output {over / hugo:.2f}x); check / Hugo: {check / hugo:.2f}x")
    else:
        print("hugo is not installed: no comparison (apt install hugo)")


if not serve_only:
    measure_build()

# serve: from writing an edited register to the reload event.
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen([str(BIN), "serve", "--root", str(corpus), "--port", str(port)] + today, stderr=subprocess.DEVNULL)
try:
    for _ in range(600):
        try:
            ev = socket.create_connection(("127.0.0.1", port))
            break
        except OSError:
            time.sleep(0.05)
    ev.sendall(b"GET /__riskbook/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    stream = ev.makefile("rb")

    def next_version():
        while True:
            line = stream.readline()
            if not line:
                sys.exit("the event stream ended")
            if line.startswith(b"data: "):
                return line

    def fetch(path):
        """The body of one page, read over a fresh connection."""
        with socket.create_connection(("127.0.0.1", port)) as c:
            c.sendall(f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
            return b"".join(iter(lambda: c.recv(65536), b""))

    first = next_version()
    reg = corpus / "content/registers/reg-042.yaml"
    page = "/registers/reg-042/R-007.html"
    fetch(page)
    events, pages = [], []
    for k in range(5):
        time.sleep(4)  # the background rendering of the last version is done
        text = reg.read_text()
        t = time.perf_counter()
        reg.write_text(text.replace("title: Risk 7 of register 42", f"title: Risk 7 (edit {k}) of register 42", 1)
                       if k == 0 else text.replace(f"(edit {k - 1})", f"(edit {k})", 1))
        next_version()
        events.append(time.perf_counter() - t)
        body = fetch(page)
        pages.append(time.perf_counter() - t)
        assert f"(edit {k})".encode() in body, "the edited page is served"
    print(f"serve: edit to reload event  min {min(events) * 1000:.0f} ms  median {statistics.median(events) * 1000:.0f} ms")
    print(f"serve: edit to edited page   min {min(pages) * 1000:.0f} ms  median {statistics.median(pages) * 1000:.0f} ms")
    if shutil.which("node") and (REPO / "tests/browser/node_modules/playwright-core").is_dir():
        subprocess.run(["node", str(REPO / "benches/browser/serve_reload.mjs"), f"http://127.0.0.1:{port}", str(corpus)], check=True)
    else:
        print("no Chromium measurement (npm ci --prefix tests/browser)")
finally:
    server.kill()
    shutil.rmtree(work, ignore_errors=True)
