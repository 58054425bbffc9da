"""CPU per request of each page of the load mix (issue 12): the app's own CPU time in
process (Django's test client, settings as the servers run them) and PostgreSQL's, read
from the serving backend's /proc entry. CPU time, unlike wrk's rates, barely moves when
other work shares the machine, so it shows what a change saves while the load test
(bench/load.py) needs an idle machine. Usage: bench/README.md.
"""

import argparse
import os
import statistics
import sys
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# The collected files go outside the checkout: a `staticfiles/` left in it would be served
# (WhiteNoise) in place of the app folders' newer files by the tests and `make run`.
BENCH_STATIC_ROOT = "/tmp/asiakkuusstrategia-bench-static"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument("--requests", type=int, default=100, help="per page, after 3 warm-ups")
    parser.add_argument("paths", nargs="*", help="pages (default: the load mix and /healthz)")
    parser.add_argument(
        "--profile", type=int, default=0, help="also profile each page: the N costliest functions"
    )
    parser.add_argument(
        "--default-gc",
        action="store_true",
        help="Python's default garbage collection, not the servers' (config/gunicorn.py)",
    )
    parser.add_argument(
        "--sql",
        action="store_true",
        help="also print each page's SQL statements and Redis commands, once, warm",
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("--database-url (or DATABASE_URL) must name the PostgreSQL benchmark database")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY="bench-cpu-not-a-secret-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        STATIC_ROOT=BENCH_STATIC_ROOT,
    )
    os.chdir(ROOT)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from governance import roles
    from segments.models import Company

    call_command("collectstatic", interactive=False, verbosity=0)
    roles.sync_roles()
    user, _ = User.objects.get_or_create(username="bench-load", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=roles.MINISTRY_STAFF))
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "core.auth.CachedModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    # The same pages as bench/load.py's mix.
    company = Company.objects.order_by("pk")[Company.objects.count() // 2]
    paths = args.paths or [
        "/healthz",
        "/",
        "/segments/",
        "/segments/kansainvalistyvat/",
        "/segments/companies/",
        f"/segments/companies/?q={company.name[:5]}",
        company.get_absolute_url(),
        "/services/",
        "/responsibility/customers/",
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    ticks = os.sysconf("SC_CLK_TCK")

    def server_cpu_ms():
        fields = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / ticks

    if not args.default_gc:
        from config import gunicorn

        gunicorn.post_worker_init(worker=None)  # as each server worker does, app loaded
    print(
        f"{'page':45} {'app CPU min':>12} {'median':>8} {'mean':>8} {'PostgreSQL CPU':>15}"
        f" {'Python calls':>13}"
    )
    app_total = mean_total = server_total = calls_total = 0
    for path in paths:
        for _ in range(3):
            response = client.get(path, secure=True)
            if response.status_code != 200:
                sys.exit(f"{path}: {response.status_code}")
        spent = []
        server_before = server_cpu_ms()
        for _ in range(args.requests):
            start = time.process_time()
            client.get(path, secure=True)
            spent.append((time.process_time() - start) * 1000)
        server = (server_cpu_ms() - server_before) / args.requests
        calls = _calls(client, path)
        app_total += min(spent)
        mean_total += statistics.mean(spent)
        server_total += server
        calls_total += calls
        print(
            f"{path[:45]:45} {min(spent):9.2f} ms {statistics.median(spent):5.2f} ms "
            f"{statistics.mean(spent):5.2f} ms "
            f"{server:12.2f} ms {calls:13,}"
        )
        if args.sql:
            _statements(client, path)
        if args.profile:
            _profile(client, path, args.requests, args.profile)
    print(
        f"{'sum':45} {app_total:9.2f} ms {'':8} {mean_total:5.2f} ms {server_total:12.2f} ms"
        f" {calls_total:13,}"
    )


def _statements(client, path):
    """The statements a warm request of the page runs, one line each."""
    from django.db import connection

    statements = []

    def record(execute, sql, params, many, context):
        statements.append(" ".join(sql.split()))
        return execute(sql, params, many, context)

    import redis

    commands = []
    execute_command = redis.Redis.execute_command

    def command(self, *args, **options):
        commands.append(" ".join(str(arg)[:60] for arg in args))
        return execute_command(self, *args, **options)

    redis.Redis.execute_command = command
    try:
        with connection.execute_wrapper(record):
            client.get(path, secure=True)
    finally:
        redis.Redis.execute_command = execute_command
    for sql in statements:
        print(f"    SQL   {sql[:200]}")
    for line in commands:
        print(f"    Redis {line}")


def _profiled(client, path, requests):
    """The profiler's statistics of `requests` requests of the page."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path, secure=True)
    profiler.disable()
    return pstats.Stats(profiler)


def _calls(client, path, requests=5):
    """Python function calls per request (the profiler's count, warm): unlike CPU time it
    does not move with the machine's speed, so a change's effect shows in one run even where
    the virtual machine's speed drifts by tens of per cent between runs."""
    return round(_profiled(client, path, requests).total_calls / requests)


def _profile(client, path, requests, top):
    """Where a page's time goes: its own functions' time over `requests` requests."""
    stats = _profiled(client, path, requests)
    stats.sort_stats(os.environ.get("BENCH_PROFILE_SORT", "tottime")).print_stats(top)
    if os.environ.get("BENCH_CALLERS"):
        stats.print_callers(os.environ["BENCH_CALLERS"])


if __name__ == "__main__":
    main()
