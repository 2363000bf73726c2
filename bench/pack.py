#!/usr/bin/python3
"""bench/pack: `credit-repair-cli pack` on 1 GiB of attachments.

Generates 8 random files of 128 MiB once (in $CR_BENCH_TMPDIR or the
system temporary directory), writes a case that attaches them, and times,
alternately in the same run:

  floor: sha256sum of the files, then cp of the files and sync of the
         copies (reading, hashing and durably writing every byte once);
  pack:  credit-repair-cli pack --force, which hashes every byte while
         writing the zip, fsyncs it, and reads it back to verify it.

Both start from a warm page cache. Prints both medians, their ratio and the
peak resident memory of the packer (ru_maxrss of the child from wait4),
and fails when that reaches 64 MiB: memory must not grow with the package.

Usage: pack.py BUILD_DIR [--size-mib N] [--files N] [--runs N] [--keep]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MAX_RSS_MIB = 64
CHUNK = 1 << 20


def generate(directory, n_files, size_mib):
    paths = []
    os.makedirs(directory, exist_ok=True)
    for i in range(n_files):
        path = os.path.join(directory, f"scan-{i + 1}.bin")
        paths.append(path)
        if os.path.exists(path) and os.path.getsize(path) == size_mib * CHUNK:
            continue
        with open(path, "wb") as f:
            for _ in range(size_mib):
                f.write(os.urandom(CHUNK))
    return paths


def write_case(case_dir, paths):
    slots = ["payment_proof", "commitment"] + ["other"] * (len(paths) - 2)
    case = {
        "format": "org.example.CreditRepair.case",
        "format_version": 1,
        "company": {"name": "无锡示例精密机械有限公司", "uscc": "91320206MA1N2P3Q0J"},
        "applicant": {"role": "legal_representative", "name": "张伟"},
        "records": [{
            "id": "r1", "kind": "administrative_penalty",
            "decision_number": "锡惠市监处罚〔2026〕87号",
            "authority": "无锡市惠山区市场监督管理局",
            "decision_date": "2026-05-12", "domain": "market_regulation",
            "penalties": [{"type": "fine", "amount": "8000"}], "severity": "general",
            "performance": {"fine_paid_amount": "8000", "fine_paid_date": "2026-05-20"},
        }],
        "materials": [
            {"slot": slot, "record": "r1", "path": os.path.relpath(p, case_dir)}
            for slot, p in zip(slots, paths)
        ],
    }
    path = os.path.join(case_dir, "case.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
    return path


def warm(paths):
    for p in paths:
        with open(p, "rb") as f:
            while f.read(CHUNK * 8):
                pass


def run_floor(paths, dest):
    os.makedirs(dest, exist_ok=True)
    start = time.monotonic()
    subprocess.run(["sha256sum", "--"] + paths, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cp", "--"] + paths + [dest], check=True)
    copies = [os.path.join(dest, os.path.basename(p)) for p in paths]
    subprocess.run(["sync", "--"] + copies, check=True)
    elapsed = time.monotonic() - start
    shutil.rmtree(dest)
    return elapsed


def run_pack(cli, case_path, out, env):
    start = time.monotonic()
    proc = subprocess.Popen([cli, "pack", "--force", "--on", "2026-11-27", "-o", out, case_path],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"pack failed (exit {proc.returncode}): {stderr[-2000:]}")
    size = os.path.getsize(out)
    os.unlink(out)
    return elapsed, usage.ru_maxrss / 1024.0, size  # ru_maxrss is in KiB on Linux


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build", nargs="?", default="_build")
    parser.add_argument("--size-mib", type=int, default=128, help="size of each file")
    parser.add_argument("--files", type=int, default=8, help="number of files")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    if args.files < 2:
        raise SystemExit("--files must be at least 2")

    build = os.path.abspath(args.build)
    source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    cli = os.path.join(build, "src", "cli", "credit-repair-cli")
    env = dict(os.environ)
    env.setdefault("CREDIT_REPAIR_RULES_DIR", os.path.join(source, "data", "rules"))
    env["LANG"] = "C.UTF-8"

    root = tempfile.mkdtemp(prefix="cr-bench-pack-", dir=os.environ.get("CR_BENCH_TMPDIR"))
    try:
        case_dir = os.path.join(root, "case")
        print(f"generating {args.files} × {args.size_mib} MiB of random attachments in {root}",
              flush=True)
        paths = generate(os.path.join(case_dir, "attachments"), args.files, args.size_mib)
        case_path = write_case(case_dir, paths)
        out = os.path.join(root, "package.zip")
        warm(paths)

        floor_times, pack_times, rss = [], [], []
        size = 0
        for i in range(args.runs):
            # alternate the order so that neither always runs on a cooler disk
            if i % 2 == 0:
                floor_times.append(run_floor(paths, os.path.join(root, "copy")))
                t, r, size = run_pack(cli, case_path, out, env)
            else:
                t, r, size = run_pack(cli, case_path, out, env)
                floor_times.append(run_floor(paths, os.path.join(root, "copy")))
            pack_times.append(t)
            rss.append(r)
            print(f"run {i + 1}: floor {floor_times[-1]:.2f} s, pack {t:.2f} s, "
                  f"peak RSS {r:.1f} MiB", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    total_mib = args.files * args.size_mib
    floor = statistics.median(floor_times)
    pack = statistics.median(pack_times)
    peak = max(rss)
    print(f"attachments: {args.files} × {args.size_mib} MiB = {total_mib} MiB; "
          f"zip: {size / CHUNK:.1f} MiB")
    print(f"floor (sha256sum + cp + sync): median {floor:.2f} s "
          f"({total_mib / floor:.0f} MiB/s)")
    print(f"pack (write + hash + fsync + verify): median {pack:.2f} s "
          f"({total_mib / pack:.0f} MiB/s)")
    print(f"ratio pack/floor: {pack / floor:.2f}")
    print(f"peak RSS of the packer: {peak:.1f} MiB (limit {MAX_RSS_MIB} MiB)")
    if peak >= MAX_RSS_MIB:
        print("FAIL: the packer's memory grew with the package")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
