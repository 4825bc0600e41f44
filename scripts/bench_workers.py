"""Throughput against gunicorn workers: ``bench_load.py`` once per configuration, same steps.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale \\
        .venv/bin/python scripts/bench_workers.py [--configs 1x1,2x1,3x1,4x1,2x2] [--rates 10,20,40]

A configuration is WORKERSxTHREADS. Prints one line per configuration: the best requests/s
achieved at any step (the capacity once saturated), the held line, the CPU milliseconds per
request of gunicorn and of PostgreSQL, and the load average (other work on the machine counts).
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", default="1x1,2x1,3x1,4x1,2x2")
    parser.add_argument("--rates", default="10,20,40")
    parser.add_argument("--step-seconds", default="15")
    parser.add_argument("--port", default="8765")
    args = parser.parse_args()
    print(f"{'workers×threads':>15} {'best req/s':>10} {'app ms/req':>10} {'db ms/req':>9}  held")
    for config in args.configs.split(","):
        workers, threads = config.split("x")
        out = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts/bench_load.py"),
                "--workers",
                workers,
                "--threads",
                threads,
                "--rates",
                args.rates,
                "--step-seconds",
                args.step_seconds,
                "--port",
                args.port,
            ],
            capture_output=True,
            text=True,
            env=os.environ,
            cwd=ROOT,
            check=False,
        ).stdout
        steps = re.findall(r"^ +\d+ +([\d.]+) .*?(\d+)ms +(\d+)ms .*?([\d.]+)$", out, re.M)
        held = next((ln for ln in out.splitlines() if ln.startswith("held")), "no result")
        cpu = next((ln for ln in out.splitlines() if ln.startswith("cpu per")), "")
        app, db = (re.findall(r"(\d+) ms", cpu) + ["?", "?"])[:2]
        best = max((float(s[0]) for s in steps), default=0.0)
        loads = ",".join(s[3] for s in steps)
        print(f"{config:>15} {best:10.1f} {app:>10} {db:>9}  {held} (load {loads})", flush=True)


if __name__ == "__main__":
    main()
