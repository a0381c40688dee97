#!/usr/bin/python3
"""Celery 5 side of Celeriac's benchmark (issue #8, scenario 7): end-to-end throughput and
open-loop latency of a no-op task on RabbitMQ with a PostgreSQL result backend.

  celery_bench.py throughput --n N --runs K --amqp URL --db URL [--concurrency C]
  celery_bench.py latency --rate R --seconds S --amqp URL --db URL [--concurrency C]

The script starts its own Celery worker as a subprocess, waits until a probe task made the whole
round trip, measures, and stops the worker (SIGTERM, then SIGKILL), also on errors and timeouts.
Progress goes to stderr; the LAST stdout line is one JSON object with the results. On an error
the exit code is non-zero and stderr ends with one line saying what went wrong.
"""

import argparse
import itertools
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SYSTEM_PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))
TERMINAL_STATES = ("SUCCESS", "FAILURE", "REVOKED")


class BenchError(Exception):
    """A failure to report as one line on stderr."""


def _reexec_with_system_python():
    """Debian's Celery lives in the system interpreter's dist-packages; a pyenv python3 earlier
    on PATH cannot import it, so rerun this script with /usr/bin/python3."""
    try:
        import celery  # noqa: F401
        import psycopg2  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError as e:
        if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.access(
            SYSTEM_PYTHON, os.X_OK
        ):
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
        print(
            f"celery_bench: error: {e}; run bench/celery/ensure-celery.sh (as root) first",
            file=sys.stderr,
        )
        sys.exit(1)


def log(message):
    print(f"celery_bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- configuration and database


def postgres_dsn(url):
    """Accepts postgresql://, postgres://, db+postgresql:// and jdbc:postgresql:// URLs (the
    Java harness has JDBC ones) and returns (libpq URL, database name)."""
    u = url.strip()
    for prefix in ("jdbc:", "db+"):
        if u.startswith(prefix):
            u = u[len(prefix):]
    if u.startswith("postgres://"):
        u = "postgresql://" + u[len("postgres://"):]
    parsed = urllib.parse.urlsplit(u)
    if parsed.scheme != "postgresql" or not parsed.hostname:
        raise BenchError(
            f"--db must be a PostgreSQL URL like postgresql://postgres@127.0.0.1:5432/celery_bench, got {url!r}"
        )
    database = parsed.path.lstrip("/")
    if not database or "/" in database:
        raise BenchError(f"--db must name a database, got {url!r}")
    query = urllib.parse.parse_qs(parsed.query)
    user = parsed.username or query.get("user", ["postgres"])[0]
    password = parsed.password or query.get("password", [None])[0]
    netloc = urllib.parse.quote(user, safe="")
    if password:
        netloc += ":" + urllib.parse.quote(password, safe="")
    netloc += "@" + parsed.hostname + (f":{parsed.port}" if parsed.port else "")
    return f"postgresql://{netloc}/{database}", database


def ensure_database(dsn, database):
    import psycopg2

    admin = dsn.rsplit("/", 1)[0] + "/postgres"
    try:
        conn = psycopg2.connect(admin, connect_timeout=10)
    except psycopg2.Error as e:
        raise BenchError(f"cannot connect to PostgreSQL at {admin}: {str(e).strip()}") from None
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,))
            if cur.fetchone() is None:
                log(f"creating database {database}")
                try:
                    cur.execute('CREATE DATABASE "%s"' % database.replace('"', '""'))
                except psycopg2.errors.DuplicateDatabase:
                    pass  # created concurrently by another run: fine
            cur.execute("SHOW server_version")
            return cur.fetchone()[0].split()[0]
    finally:
        conn.close()


def configure(args):
    """Sets the environment the tasks module (here and in the worker) reads, then imports it."""
    dsn, database = postgres_dsn(args.db)
    pg_version = ensure_database(dsn, database)
    os.environ["CELERY_BENCH_AMQP"] = args.amqp
    os.environ["CELERY_BENCH_RESULT"] = "db+" + dsn
    os.environ["CELERY_BENCH_QUEUE"] = args.queue
    os.environ["CELERY_BENCH_CONFIRM_PUBLISH"] = "1" if args.confirm_publish else "0"
    os.environ["CELERY_BENCH_PREFETCH_MULTIPLIER"] = str(args.prefetch_multiplier)
    sys.path.insert(0, HERE)
    sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
    import celery_bench_tasks

    return celery_bench_tasks, dsn, pg_version


def versions(app, pg_version):
    import celery
    import kombu
    import sqlalchemy

    v = {
        "celery": celery.__version__,
        "kombu": kombu.__version__,
        "python": platform.python_version(),
        "sqlalchemy": sqlalchemy.__version__,
        "postgresql": pg_version,
    }
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1)
            v["rabbitmq"] = conn.connection.server_properties.get("version", "?")
            if isinstance(v["rabbitmq"], bytes):
                v["rabbitmq"] = v["rabbitmq"].decode()
    except Exception as e:  # the run itself reports an unreachable broker clearly
        raise BenchError(f"cannot connect to RabbitMQ at {redact(app.conf.broker_url)}: {e}") from None
    return v


def redact(url):
    parsed = urllib.parse.urlsplit(url)
    if parsed.password:
        return url.replace(":" + parsed.password + "@", ":***@")
    return url


# ---------------------------------------------------------------- worker


class Worker:
    """A `celery worker` subprocess in its own process group, so stopping it also stops its
    prefork children."""

    def __init__(self, queue, concurrency):
        self.queue = queue
        self.concurrency = concurrency
        self.log_file = tempfile.NamedTemporaryFile(
            prefix="celery_bench_worker_", suffix=".log", delete=False
        )
        self.process = None

    def start(self):
        cmd = [
            sys.executable, "-m", "celery", "-A", "celery_bench_tasks", "worker",
            "--pool", "prefork", "--concurrency", str(self.concurrency), "-O", "fair",
            "-Q", self.queue, "--loglevel", "WARNING",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-n", f"celery_bench_{os.getpid()}@%h",
        ]  # fmt: skip
        env = dict(
            os.environ,
            PYTHONPATH=HERE + os.pathsep + os.environ.get("PYTHONPATH", ""),
            PYTHONDONTWRITEBYTECODE="1",
        )
        self.process = subprocess.Popen(
            cmd, cwd=HERE, env=env, stdin=subprocess.DEVNULL,
            stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        log(f"worker pid {self.process.pid} (concurrency {self.concurrency}), log {self.log_file.name}")

    def check_alive(self):
        if self.process.poll() is not None:
            raise BenchError(
                f"the Celery worker exited with code {self.process.returncode}: {self.last_log_line()}"
            )

    def last_log_line(self):
        try:
            with open(self.log_file.name, errors="replace") as f:
                lines = [line.strip() for line in f if line.strip()]
            return (lines[-1] if lines else "(no output)") + f" (log {self.log_file.name})"
        except OSError:
            return f"(log {self.log_file.name} unreadable)"

    def stop(self, grace_s=30):
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)  # warm shutdown
                self.process.wait(grace_s)
            except subprocess.TimeoutExpired:
                log("worker ignored SIGTERM; killing it")
            except ProcessLookupError:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # also any leftover pool child
        except ProcessLookupError:
            pass
        self.process.wait()


# ---------------------------------------------------------------- result polling


class ResultPoller:
    """Finds finished tasks by reading Celery's result table directly, many ids per query.

    AsyncResult.get() on the database backend polls one id per query every 0.5 s by default;
    one query for all outstanding ids every millisecond or so is cheaper for the machine and
    observes each result sooner, so it can only flatter Celery."""

    def __init__(self, dsn):
        import psycopg2

        self.conn = psycopg2.connect(dsn, connect_timeout=10)
        self.conn.autocommit = True

    def finished(self, ids):
        """Returns {id: status} for the ids in a terminal state."""
        found = {}
        ids = list(ids)
        with self.conn.cursor() as cur:
            for i in range(0, len(ids), 2000):
                cur.execute(
                    "SELECT task_id, status FROM celery_taskmeta"
                    " WHERE task_id = ANY(%s) AND status = ANY(%s)",
                    (ids[i:i + 2000], list(TERMINAL_STATES)),
                )
                found.update(cur.fetchall())
        return found

    def close(self):
        self.conn.close()


def check_success(found):
    for task_id, status in found.items():
        if status != "SUCCESS":
            raise BenchError(f"task {task_id} ended {status} instead of SUCCESS")


def wait_ready(tasks, poller, worker, deadline):
    """Ready = a probe task went through broker, worker and result backend."""
    probe = tasks.noop.delay()
    started = time.monotonic()
    while True:
        found = poller.finished([probe.id])
        if found:
            check_success(found)
            log(f"worker ready after {time.monotonic() - started:.1f} s")
            return
        worker.check_alive()
        if time.monotonic() > deadline:
            raise BenchError(
                f"the Celery worker did not run a probe task in time: {worker.last_log_line()}"
            )
        time.sleep(0.05)


def wait_all(poller, ids, worker, deadline, window=500, interval=0.005):
    """Waits until every id finished; returns the perf_counter time the last one was seen.

    Asks only about the oldest `window` outstanding ids at a time (a worker finishes roughly in
    submit order), so the waiting client costs the machine little CPU while the worker runs."""
    outstanding = dict.fromkeys(ids)  # ordered like the submits, O(1) removal
    last_seen = None
    while outstanding:
        found = poller.finished(itertools.islice(outstanding, window))
        if found:
            last_seen = time.perf_counter()
            check_success(found)
            for task_id in found:
                del outstanding[task_id]
            continue
        worker.check_alive()
        if time.monotonic() > deadline:
            raise BenchError(f"timed out with {len(outstanding)} of {len(ids)} results missing")
        time.sleep(interval)
    return last_seen


# ---------------------------------------------------------------- scenarios


def purge(app):
    discarded = app.control.purge()
    if discarded:
        log(f"purged {discarded} old messages")


def clean_up_queue(app, queue, delete):
    """A late ack can be lost when the worker stops right after the last result, so the broker
    redelivers that message: drop it (or the whole queue) rather than leave work behind."""
    try:
        with app.connection_for_write() as conn:
            if delete:
                conn.default_channel.queue_delete(queue)
            else:
                app.control.purge(connection=conn)
    except Exception as e:  # cleanup must not hide the run's own outcome
        log(f"could not clean up queue {queue}: {e}")


def throughput_run(tasks, poller, worker, n, deadline):
    purge(tasks.app)
    ids = []
    t0 = time.perf_counter()
    for i in range(n):
        ids.append(tasks.noop.delay().id)
        if i % 500 == 499 and time.monotonic() > deadline:
            raise BenchError(f"timed out while submitting ({i + 1} of {n} sent)")
    t_submitted = time.perf_counter()
    t_last = wait_all(poller, ids, worker, deadline)
    wall = t_last - t0
    return {
        "tasks_per_s": round(n / wall, 1),
        "submit_per_s": round(n / (t_submitted - t0), 1),
        "wall_s": round(wall, 3),
    }


def latency_run(tasks, poller, worker, rate, seconds, deadline):
    """Open loop: send i is due at t0 + i/rate whatever happened before, and its latency counts
    from that due time, so a sender held up by a slow system does not hide the delay."""
    purge(tasks.app)
    count = max(1, round(rate * seconds))
    sent = {}  # id -> due time
    lock = threading.Lock()
    latencies = []
    failure = []
    sending_done = threading.Event()

    def poll():
        try:
            while True:
                with lock:
                    waiting = list(sent)
                if waiting:
                    found = poller.finished(waiting)
                    now = time.perf_counter()
                    if found:
                        check_success(found)
                        with lock:
                            for task_id in found:
                                latencies.append(now - sent.pop(task_id))
                        continue
                elif sending_done.is_set():
                    return
                if time.monotonic() > deadline:
                    return
                time.sleep(0.001)
        except Exception as e:  # reported by the main thread
            failure.append(e)

    poller_thread = threading.Thread(target=poll, name="result-poller", daemon=True)
    poller_thread.start()
    t0 = time.perf_counter() + 0.05
    try:
        for i in range(count):
            due = t0 + i / rate
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            task_id = tasks.noop.delay().id
            with lock:
                sent[task_id] = due
            if failure or time.monotonic() > deadline:
                break
    finally:
        sending_done.set()
    poller_thread.join(max(0.0, deadline - time.monotonic()) + 5)
    if failure:
        raise failure[0]
    worker.check_alive()
    submitted = len(latencies) + len(sent)
    if submitted < count:
        raise BenchError(f"timed out after submitting {submitted} of {count} tasks")
    if len(latencies) < count:
        raise BenchError(f"timed out with {count - len(latencies)} of {count} results missing")
    latencies.sort()

    def pct(p):  # nearest rank
        return round(latencies[max(0, -(-len(latencies) * p // 100) - 1)] * 1000, 2)

    return {
        "count": count,
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "max_ms": round(latencies[-1] * 1000, 2),
    }


# ---------------------------------------------------------------- main


def parse_args(argv):
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--amqp", required=True, help="broker URL, e.g. amqp://guest:guest@127.0.0.1:5672//")
    common.add_argument("--db", required=True, help="PostgreSQL URL of the result database (created if missing)")
    common.add_argument("--concurrency", type=positive_int, default=os.cpu_count() or 1,
                        help="prefork worker processes (default: cores, Celery's own default)")
    common.add_argument("--queue", default="celery_bench", help="queue name (default celery_bench)")
    common.add_argument("--prefetch-multiplier", type=positive_int, default=16,
                        help="worker_prefetch_multiplier (default 16; Celery's own is 4)")
    common.add_argument("--no-confirm-publish", dest="confirm_publish", action="store_false",
                        help="publish without broker confirms (Celery's default; Celeriac confirms)")
    common.add_argument("--delete-queue", action="store_true",
                        help="delete the queue at the end (for throw-away queue names)")
    common.add_argument("--timeout", type=positive_float, default=600.0,
                        help="seconds for the whole command before it gives up (default 600)")
    parser = argparse.ArgumentParser(prog="celery_bench.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="scenario", required=True)
    t = sub.add_parser("throughput", parents=[common], help="N no-op tasks, submit then wait for all")
    t.add_argument("--n", type=positive_int, required=True)
    t.add_argument("--runs", type=positive_int, default=1)
    lat = sub.add_parser("latency", parents=[common], help="open-loop fixed-rate submit->result latency")
    lat.add_argument("--rate", type=positive_float, required=True, help="tasks per second")
    lat.add_argument("--seconds", type=positive_float, required=True)
    return parser.parse_args(argv)


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def on_sigterm(signum, frame):
    raise BenchError(f"stopped by signal {signum}")


def main(argv):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, on_sigterm)
    deadline = time.monotonic() + args.timeout
    tasks, dsn, pg_version = configure(args)
    facts = versions(tasks.app, pg_version)
    config = {
        "concurrency": args.concurrency,
        "pool": "prefork",
        "acks_late": True,
        "confirm_publish": args.confirm_publish,
        "prefetch_multiplier": args.prefetch_multiplier,
    }
    # Creates Celery's result tables now (the backend does it on first use), so that polling
    # can start before the worker stored anything.
    tasks.app.backend.ResultSession().close()
    purge(tasks.app)
    worker = Worker(args.queue, args.concurrency)
    poller = None
    succeeded = False
    try:
        worker.start()
        poller = ResultPoller(dsn)
        wait_ready(tasks, poller, worker, min(deadline, time.monotonic() + 120))
        if args.scenario == "throughput":
            runs = []
            for k in range(args.runs):
                run = throughput_run(tasks, poller, worker, args.n, deadline)
                log(f"run {k + 1}/{args.runs}: {run}")
                runs.append(run)
            result = {"scenario": "throughput", "n": args.n, "runs": runs}
        else:
            run = latency_run(tasks, poller, worker, args.rate, args.seconds, deadline)
            log(f"latency: {run}")
            rate = int(args.rate) if args.rate == int(args.rate) else args.rate
            result = {"scenario": "latency", "rate": rate, **run}
        succeeded = True
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # finish cleaning up
        if poller:
            poller.close()
        worker.stop()
        clean_up_queue(tasks.app, args.queue, args.delete_queue)
        if succeeded:
            os.unlink(worker.log_file.name)  # kept on failure: its path is in the error
    result["versions"] = facts
    result["config"] = config
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    _reexec_with_system_python()
    try:
        main(sys.argv[1:])
    except BenchError as e:
        print(f"celery_bench: error: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("celery_bench: error: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as e:  # anything unforeseen still ends in one clear line
        print(f"celery_bench: error: {type(e).__name__}: {str(e).strip()}", file=sys.stderr)
        sys.exit(1)
