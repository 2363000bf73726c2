#!/usr/bin/python3
"""bench/startup: process start to first frame of the main window.

Runs credit-repair and a minimal AdwApplicationWindow program (built by the
same bench) alternately under the same X server with the cairo renderer,
and prints both medians and their ratio. Both programs print the
CLOCK_MONOTONIC time of their first frame; time.monotonic() uses the same
clock, taken just before exec.

Usage: startup.py BUILD_DIR [RUNS]   (starts Xvfb itself when DISPLAY is unset)
"""
import os
import shutil
import statistics
import subprocess
import sys
import time


def measure(cmd, env):
    start = time.monotonic()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    for line in out.stdout.splitlines():
        if line.startswith("first-frame "):
            return (int(line.split()[1]) / 1e6 - start) * 1000.0
    raise SystemExit(f"{cmd[0]} printed no first-frame line (rc {out.returncode}): {out.stderr[-500:]}")


def main():
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        if not shutil.which("xvfb-run"):
            raise SystemExit("bench/startup needs a display or xvfb-run")
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                               sys.executable] + sys.argv)

    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "_build")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    env = dict(os.environ)
    env.update({
        "GSK_RENDERER": "cairo",
        "GTK_A11Y": "none",
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(build, "data"),
        "CREDIT_REPAIR_EXIT_AFTER_FIRST_FRAME": "1",
        "LANG": "C.UTF-8",
    })
    app = [os.path.join(build, "src", "credit-repair")]
    base = [os.path.join(build, "bench", "startup-baseline")]

    # One warm-up run each: font and icon caches, page cache.
    measure(app, env)
    measure(base, env)

    app_times, base_times = [], []
    for _ in range(runs):
        base_times.append(measure(base, env))
        app_times.append(measure(app, env))

    a = statistics.median(app_times)
    b = statistics.median(base_times)
    print(f"runs per program: {runs} (after one warm-up each), renderer: cairo")
    print(f"baseline (minimal AdwApplicationWindow): median {b:.1f} ms")
    print(f"credit-repair main window:               median {a:.1f} ms")
    print(f"ratio credit-repair / baseline: {a / b:.2f}")


if __name__ == "__main__":
    main()
