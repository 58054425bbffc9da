"""Load test (issue 12): the everyday mix of pages over 100 connections with wrk, against
one app instance (gunicorn, DEBUG=false) or against two instances behind nginx, sharing
PostgreSQL and Redis with one or more task workers: the app keeps no state of its own.
Usage: bench/README.md.

It signs a benchmark user in (a session made the way the login makes it), starts the
servers and the task workers, runs wrk with bench/load/mix.lua (each page of the mix, then
/healthz and the segment page alone in the same run, for their ratio), and stops everything.
With --during-preview a year's re-segmentation preview is started as staff start it in the
browser, just before the mix: a task worker evaluates every company while the mix runs; the
run is waited for, reported and deleted afterwards.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

SECRET_KEY = "bench-load-not-a-secret-" + "x" * 40
NGINX_CONF = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 2048; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  upstream app {{
    least_conn;
    {servers}
    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
    }}
  }}
}}
"""


# The collected files go outside the checkout: a `staticfiles/` left in it would be served
# (WhiteNoise) in place of the app folders' newer files by the tests and `make run`.
BENCH_STATIC_ROOT = "/tmp/asiakkuusstrategia-bench-static"


def server_environment(args):
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS="https://127.0.0.1",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        TRUSTED_PROXY_COUNT="1" if args.instances > 1 else "0",
        STATIC_ROOT=BENCH_STATIC_ROOT,
        # The task workers' reminders and outbox: on the console, never to port 25.
        EMAIL_URL="consolemail://",
    )
    return env


def django_output(code, env):
    """What `code` prints, run with Django set up as the servers are."""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(out.stderr)
    return out.stdout


def signed_in_cookie(env):
    """A ministry user's cookies as a browser sends them after its first page: the session,
    made with the same settings as the servers, and a CSRF secret (without one the server
    makes a new secret and sets it again on every page, which a browser never asks for)."""
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from django.contrib.auth.models import Group, User\n"
        "from importlib import import_module\n"
        "from governance import roles\n"
        "roles.sync_roles()\n"
        "user, _ = User.objects.get_or_create(username='bench-load', defaults={'is_staff': True})\n"
        "user.groups.add(Group.objects.get(name=roles.MINISTRY_STAFF))\n"
        "store = import_module(settings.SESSION_ENGINE).SessionStore()\n"
        "store[SESSION_KEY] = str(user.pk)\n"
        "store[BACKEND_SESSION_KEY] = 'core.auth.CachedModelBackend'\n"
        "store[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "store.create()\n"
        "from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH\n"
        "from django.utils.crypto import get_random_string\n"
        "csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)\n"
        "print(f'{settings.SESSION_COOKIE_NAME}={store.session_key};"
        " {settings.CSRF_COOKIE_NAME}={csrf}')\n"
    )
    return django_output(code, env).strip().splitlines()[-1]


def mix_paths(env):
    """The eight everyday pages, with a real company and segment of the database."""
    code = (
        "import django; django.setup()\n"
        "from segments.models import Company\n"
        "company = Company.objects.order_by('pk')[Company.objects.count() // 2]\n"
        "print(company.get_absolute_url(), company.name[:5].replace(' ', '+'))\n"
    )
    company_url, prefix = django_output(code, env).split()
    return [
        "/",
        "/segments/",
        "/segments/kansainvalistyvat/",
        "/segments/companies/",
        f"/segments/companies/?q={prefix}",
        company_url,
        "/services/",
        "/responsibility/customers/",
    ]


def preview_start(env, year):
    """Start a year's re-segmentation preview as the browser's button does (the run and its
    task in one transaction; a task worker takes it); its run's id. Refused for a year that
    has runs: a finished preview prunes the entries of the year's earlier runs, which
    deleting the bench's run afterwards would not bring back."""
    code = (
        "import django, sys; django.setup()\n"
        "from segments import runs\n"
        "from segments.models import ResegmentationRun\n"
        f"if ResegmentationRun.objects.filter(year={year}).exists():\n"
        f"    sys.exit('--during-preview {year}: the year has runs; choose a year without')\n"
        f"print(runs.run_start_preview(year={year}, by=None).pk)\n"
    )
    return int(django_output(code, env).split()[-1])


def preview_finish(env, run_id, seconds=300):
    """Wait for the run's preview, then delete the run with its entries, history and task in
    one transaction; what the run and its task say. A run still busy after `seconds` is
    left to its worker and named, not deleted under it."""
    code = (
        "import django, sys, time; django.setup()\n"
        "from django.db import transaction\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from segments.models import ResegmentationRun, RunEntry\n"
        f"deadline = time.monotonic() + {seconds}\n"
        "while True:\n"
        f"    run = ResegmentationRun.objects.get(pk={run_id})\n"
        "    if run.status not in ResegmentationRun.BUSY or time.monotonic() > deadline:\n"
        "        break\n"
        "    time.sleep(0.5)\n"
        "if run.status in ResegmentationRun.BUSY:\n"
        f"    sys.exit('run {run_id} still busy after {seconds} s: left as it is')\n"
        "task = DBTaskResult.objects.filter(pk=run.task_id or None).first()\n"
        "def seconds(start, end):\n"
        "    return f'{(end - start).total_seconds():.1f}' if start and end else '-'\n"
        "print(f'status={run.status} companies={run.company_count} movers={run.mover_count}'\n"
        "      f' waited_s={seconds(task.enqueued_at, task.started_at) if task else \"-\"}'\n"
        "      f' preview_s={seconds(task.started_at, task.finished_at) if task else \"-\"}'\n"
        "      f' worker={task.worker_ids if task else \"-\"}')\n"
        "with transaction.atomic():\n"
        "    RunEntry.objects.filter(run=run).delete()\n"
        "    run.delete()\n"
        f"    ResegmentationRun.history.filter(id={run_id}).delete()\n"
        "    if task:\n"
        "        task.delete()\n"
    )
    return django_output(code, env).strip().splitlines()[-1]


def wait_until_up(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"no answer on port {port}")


def server_command(args, port):
    """The command that starts one app instance on `port`."""
    if args.server == "granian":
        return [
            str(Path(sys.executable).parent / "granian"),
            "config.wsgi:application",
            *("--interface", "wsgi", "--no-ws", "--log-level", "warning"),
            *("--workers", str(args.workers), "--blocking-threads", str(args.threads)),
            *("--port", str(port)),
        ]
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi",
        # config/gunicorn.py, or its other setting alone (--default-gc).
        *(
            ["--worker-tmp-dir", "/dev/shm"]
            if args.default_gc
            else ["--config", "python:config.gunicorn"]
        ),
        *("--workers", str(args.workers), "--worker-class", args.worker_class),
        *("--threads", str(args.threads)),
        *("--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
    ]


def cpu_by_program(before=None):
    """CPU seconds used so far by each program on the machine (the app servers counted as
    "gunicorn", the task workers as "db_worker"), from /proc; with `before`, what was used
    since, most first. wrk has ended by the second reading, so its own CPU is not among
    them."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
        name = next(
            (
                program
                for program in ("gunicorn", "granian", "db_worker")
                if program.encode() in command
            ),
            stat[stat.index("(") + 1 : stat.rindex(")")],
        )
        fields = stat.rsplit(")", 1)[1].split()
        used[name] = used.get(name, 0) + (int(fields[11]) + int(fields[12])) / ticks
    if before is None:
        return used
    spent = {name: seconds - before.get(name, 0) for name, seconds in used.items()}
    return sorted(((n, s) for n, s in spent.items() if s >= 0.1), key=lambda item: -item[1])[:6]


def wrk(port, paths, cookie, args):
    env = dict(os.environ, LOAD_PATHS=" ".join(paths), LOAD_COOKIE=cookie)
    command = [
        "wrk",
        f"-t{args.wrk_threads}",
        f"-c{args.connections}",
        f"-d{args.seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "load" / "mix.lua"),
        f"http://127.0.0.1:{port}",
    ]
    out = subprocess.run(command, env=env, capture_output=True, text=True)
    lines = [line for line in out.stdout.splitlines() if line.startswith("RESULT")]
    if not lines:
        sys.exit(out.stdout + out.stderr)
    return lines[-1].removeprefix("RESULT ")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument("--instances", type=int, default=1, help="app instances (2: nginx)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers each")
    # granian (a Rust HTTP server with a WSGI interface) only for comparison: not a project
    # dependency (`.venv/bin/pip install granian`), and without config/gunicorn.py's settings.
    parser.add_argument("--server", choices=["gunicorn", "granian"], default="gunicorn")
    parser.add_argument("--worker-class", default="sync")
    # gunicorn's threads a worker: above 1 gunicorn runs gthread workers whatever
    # --worker-class says, so the sync default keeps 1.
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads a worker")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument(
        "--default-gc",
        action="store_true",
        help="servers with Python's default garbage collection, not config/gunicorn.py's",
    )
    parser.add_argument(
        "--mix-only", action="store_true", help="only the mix, not /healthz and the segment page"
    )
    parser.add_argument(
        "--each", action="store_true", help="also each page of the mix alone, for its rate"
    )
    parser.add_argument(
        "--task-workers",
        type=int,
        default=0,
        help="task workers (manage.py db_worker) beside the servers, sharing the database",
    )
    parser.add_argument(
        "--during-preview",
        type=int,
        metavar="YEAR",
        help="start YEAR's re-segmentation preview for the task workers just before the mix",
    )
    args = parser.parse_args()
    if args.during_preview and not args.task_workers:
        sys.exit("--during-preview needs --task-workers 1 or more: a worker makes the preview")
    if not args.database_url.startswith("postgres"):
        sys.exit("--database-url (or DATABASE_URL) must name the PostgreSQL benchmark database")
    if args.server == "granian" and not (Path(sys.executable).parent / "granian").exists():
        sys.exit("--server granian: install it first (.venv/bin/pip install granian)")
    env = server_environment(args)
    # The servers serve the static files as a deployment does (hashed, by whitenoise).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], env=env, cwd=ROOT
    ).check_returncode()
    cookie = signed_in_cookie(env)
    paths = mix_paths(env)
    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    processes, run_id = [], None
    try:
        ports = [8101 + n for n in range(args.instances)]
        for port in ports:
            processes.append(subprocess.Popen(server_command(args, port), env=env, cwd=ROOT))
        for _ in range(args.task_workers):
            command = [sys.executable, "manage.py", "db_worker"]
            processes.append(subprocess.Popen(command, env=env, cwd=ROOT))
        for port in ports:
            wait_until_up(port)
        port = ports[0]
        if args.instances > 1:
            port = 8100
            servers = "\n    ".join(f"server 127.0.0.1:{p};" for p in ports)
            (tmp / "nginx.conf").write_text(NGINX_CONF.format(tmp=tmp, servers=servers, port=port))
            processes.append(subprocess.Popen(["nginx", "-c", str(tmp / "nginx.conf")]))
            wait_until_up(port)
        print(
            f"{args.instances} instance(s) x {args.workers}"
            f" {'granian' if args.server == 'granian' else args.worker_class} workers"
            f"{' behind nginx' if args.instances > 1 else ''}"
            f"{f', {args.task_workers} task worker(s)' if args.task_workers else ''};"
            f" {args.connections} connections, {args.seconds} s each;"
            f" load before: {os.getloadavg()[0]:.2f}"
        )
        if any(process.poll() is not None for process in processes):
            sys.exit("a server or task worker stopped at its start (its error is above)")
        if args.during_preview:
            run_id = preview_start(env, args.during_preview)
        runs = [("mix of 8 pages:", paths)]
        if not args.mix_only:
            runs += [("/healthz:      ", ["/healthz"]), ("segment page:  ", [paths[2]])]
        for label, run_paths in runs:
            before = cpu_by_program()
            result = wrk(port, run_paths, cookie, args)
            spent = cpu_by_program(before)
            print(label, result)
            print("    CPU s:", ", ".join(f"{name} {seconds:.1f}" for name, seconds in spent))
        if args.each:
            for path in paths:
                print(f"{path[:40]:<40}", wrk(port, [path], cookie, args))
    finally:
        # The preview waited for and deleted while its workers still run, whatever failed.
        if run_id:
            try:
                print(f"preview of {args.during_preview}:", preview_finish(env, run_id))
            except SystemExit as error:
                print(error, file=sys.stderr)
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a worker still in its task
                process.kill()
                process.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
