#!/usr/bin/python3
"""bench/check: `credit-repair-cli check --json` on 1,000 generated cases.

Generates N cases (default 1,000) of three records each, spread over the
three regimes, domains, classes and penalty types, in a temporary
directory, and times, alternately in the same run:

  baseline: bench/check-baseline, which reads and parses the same files
            with json-glib and nothing else;
  check:    credit-repair-cli check --json --on 2026-11-27 on all of them
            in one process (loading the rule sets, reading and validating
            each case, checking it and writing its JSON line).

Prints both medians and their ratio. With --callgrind (valgrind must be
installed) it also counts the instructions of one run of each under
`valgrind --tool=callgrind`, which is stable on a noisy machine.

Usage: check.py BUILD_DIR [--cases N] [--runs N] [--callgrind] [--keep]
"""
import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

DOMAINS = ["market_regulation", "food", "drug", "special_equipment", "work_safety", "fire",
           "environment", "construction_quality", "product_certification", "transport", "tax",
           "customs", "labour", "other"]
CLASSES = ["minor", "general", "serious", "specific_serious", None]
PENALTIES = [
    [{"type": "fine", "amount": "5000"}],
    [{"type": "warning"}],
    [{"type": "fine", "amount": "20000"}, {"type": "confiscation_of_illegal_gains", "amount": "3500.50"}],
    [{"type": "license_suspension"}],
    [{"type": "production_suspension"}, {"type": "fine", "amount": "100000"}],
]
SLOTS = ["commitment", "payment_proof", "rectification_proof", "training_certificate", "credit_report"]


def make_case(rng, n):
    records = []
    materials = [{"slot": "identity_proof", "record": None, "path": "attachments/identity.pdf"}]
    for r in range(3):
        rid = f"r{r + 1}"
        year = rng.choice([2019, 2021, 2023, 2024, 2025, 2026])
        decided = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        penalties = rng.choice(PENALTIES)
        fine = sum(int(float(p.get("amount", "0"))) for p in penalties if p["type"] == "fine")
        records.append({
            "id": rid,
            "kind": "serious_dishonesty_list" if rng.random() < 0.05 else "administrative_penalty",
            "decision_number": f"锡惠市监处罚〔{year}〕{n * 3 + r + 1}号",
            "authority": "无锡市惠山区市场监督管理局",
            "decision_date": decided,
            "publication_date": None,
            "domain": rng.choice(DOMAINS),
            "penalties": penalties,
            "severity": rng.choice(CLASSES),
            "simple_procedure": False,
            "rectification_ordered": rng.random() < 0.3,
            "performance": {
                "fine_paid_amount": str(fine) if rng.random() < 0.8 else None,
                "fine_paid_date": decided if rng.random() < 0.8 else None,
                "rectification_completed": rng.choice([True, False, None]),
            },
        })
        for slot in SLOTS:
            if rng.random() < 0.7:
                materials.append({"slot": slot, "record": rid, "path": f"attachments/{slot}-{rid}.pdf"})
    return {
        "format": "org.example.CreditRepair.case",
        "format_version": 1,
        "company": {"name": f"无锡示例精密机械{n}有限公司", "uscc": "91320206MA1N2P3Q0J",
                    "legal_representative": "张伟", "address": "无锡市惠山区示例路 1 号",
                    "phone": "0510-00000000"},
        "applicant": {"role": "agent", "name": "李娜", "id_number": "", "phone": "13800000000",
                      "email": "lina@example.com"},
        "records": records,
        "materials": materials,
    }


def generate(directory, n_cases):
    rng = random.Random(20261127)
    paths = []
    for n in range(n_cases):
        path = os.path.join(directory, f"case-{n + 1:04d}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(make_case(rng, n), f, ensure_ascii=False, indent=2)
        paths.append(path)
    return paths


def run(argv, env, expect):
    start = time.monotonic()
    proc = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.monotonic() - start
    if proc.returncode not in expect:
        sys.exit(f"{argv[0]} exited with {proc.returncode}: {proc.stderr.decode()[:2000]}")
    return elapsed, proc.stdout


def instructions(argv, env, expect):
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "--cache-sim=no"] + argv
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode not in expect:
        sys.exit(f"valgrind {argv[0]} exited with {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    m = re.search(r"Collected\s*:\s*(\d+)", proc.stderr.decode())
    if not m:
        sys.exit("no instruction count in callgrind's output")
    return int(m.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build_dir")
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--callgrind", action="store_true",
                        help="also count instructions under valgrind --tool=callgrind")
    parser.add_argument("--keep", action="store_true", help="keep the generated cases")
    args = parser.parse_args()

    build = os.path.abspath(args.build_dir)
    source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    cli = os.path.join(build, "src", "cli", "credit-repair-cli")
    baseline = os.path.join(build, "bench", "check-baseline")
    for program in (cli, baseline):
        if not os.access(program, os.X_OK):
            sys.exit(f"{program} is not built")

    work = tempfile.mkdtemp(prefix="cr-bench-check-")
    try:
        paths = generate(work, args.cases)
        env = dict(os.environ)
        env["CREDIT_REPAIR_RULES_DIR"] = os.path.join(source, "data", "rules")
        env["XDG_CACHE_HOME"] = os.path.join(work, "cache")   # never the user's fetched rules
        env["LANGUAGE"] = "C"
        env["LC_ALL"] = "C.UTF-8"

        check_argv = [cli, "check", "--json", "--on", "2026-11-27"] + paths
        baseline_argv = [baseline] + paths

        # Warm the page cache and check the outputs once.
        _, out = run(check_argv, env, (0, 1))
        lines = out.decode().splitlines()
        if len(lines) != len(paths) or any('"error"' in line[:200] and '"ready"' not in line for line in lines):
            sys.exit("check did not give one result line per case")
        run(baseline_argv, env, (0,))

        times = {"baseline": [], "check": []}
        for _ in range(args.runs):
            times["baseline"].append(run(baseline_argv, env, (0,))[0])
            times["check"].append(run(check_argv, env, (0, 1))[0])

        base = statistics.median(times["baseline"])
        chk = statistics.median(times["check"])
        size = sum(os.path.getsize(p) for p in paths)
        print(f"{len(paths)} cases of 3 records, {size / len(paths) / 1024:.1f} KiB each, "
              f"median of {args.runs} alternating runs")
        print(f"  baseline (json-glib parse only): {base * 1000:8.1f} ms")
        print(f"  credit-repair-cli check --json:  {chk * 1000:8.1f} ms"
              f"  ({chk / len(paths) * 1e6:.0f} µs per case)")
        print(f"  ratio: {chk / base:.2f}")

        if args.callgrind:
            if shutil.which("valgrind") is None:
                print("  callgrind: valgrind is not installed, skipped")
            else:
                ib = instructions(baseline_argv, env, (0,))
                ic = instructions(check_argv, env, (0, 1))
                print(f"  instructions, baseline: {ib:,}")
                print(f"  instructions, check:    {ic:,}")
                print(f"  instruction ratio: {ic / ib:.2f}")
    finally:
        if args.keep:
            print(f"cases kept in {work}")
        else:
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
