"""The load benchmark's own client, measured: the same URL at the same rates, timed by the open
loop of ``open_loop.py`` (threads, one connection per request) and by locust (gevent users at one
request a second each, as ``bench_load.py`` used until it showed locust's own queue).

    DATABASE_URL=… .venv/bin/python scripts/bench_clients.py [--url /healthz] [--rates 10,40,80]

Starts gunicorn (2 workers) as bench_load does. The server's time for ``/healthz`` is a
database and a Redis round trip: a p50 far above it is the client's own. Prints per client and
rate the achieved requests/s, p50 and p95.
"""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def open_loop(url: str, rate: int, seconds: float, port: int) -> str:
    from open_loop import Browser, run_step

    browser = Browser("127.0.0.1", port)

    def visit(step, arrived):
        status, _text = browser.request("GET", url)
        step.record(url, arrived, "" if status == 200 else str(status))

    run_step(visit, rate, 2)  # not counted: the workers' first connections
    step = run_step(visit, rate, seconds)
    return (
        f"open loop {rate:4d}/s: {step.achieved:6.1f} req/s p50 {step.percentile(0.5):6.1f} "
        f"p95 {step.percentile(0.95):6.1f} ms, {len(step.errors)} errors"
    )


def locust(url: str, rate: int, seconds: float, port: int) -> str:
    """In a process of its own: locust patches the standard library when imported."""
    code = f"""
import gevent
from locust import HttpUser, constant_throughput, task
from locust.env import Environment
class P(HttpUser):
    wait_time = constant_throughput(1)
    @task
    def t(self):
        self.client.get({url!r})
env = Environment(user_classes=[P], host="http://127.0.0.1:{port}")
env.create_local_runner()
env.runner.start({rate}, spawn_rate={rate})
gevent.sleep(3)
env.stats.reset_all()
gevent.sleep({seconds})
t = env.stats.total
print(f"locust    {rate:4d}/s: {{t.num_requests / {seconds}:6.1f}} req/s "
      f"p50 {{t.get_response_time_percentile(0.5):6.1f}} "
      f"p95 {{t.get_response_time_percentile(0.95):6.1f}} ms, {{t.num_failures}} errors")
env.runner.quit()
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return out.stdout.strip() or out.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="/healthz")
    parser.add_argument("--rates", default="10,40,80")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from bench_load import start_gunicorn

    server = start_gunicorn(2, args.port)
    try:
        print(f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())}; GET {args.url}")
        for rate in (int(r) for r in args.rates.split(",")):
            print(open_loop(args.url, rate, args.seconds, args.port), flush=True)
            print(locust(args.url, rate, args.seconds, args.port), flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
