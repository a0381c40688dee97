#!/usr/bin/env bash
# Smoke test of the Celery comparison driver against the real RabbitMQ and PostgreSQL: a small
# throughput run and a short latency run, each checked for a well-formed, plausible JSON result.
# Env: CELERY_BENCH_AMQP (default amqp://guest:guest@127.0.0.1:5672//),
#      CELERY_BENCH_DB (default postgresql://postgres@127.0.0.1:5432/celery_bench_test).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
amqp="${CELERY_BENCH_AMQP:-amqp://guest:guest@127.0.0.1:5672//}"
db="${CELERY_BENCH_DB:-postgresql://postgres@127.0.0.1:5432/celery_bench_test}"
queue="celery_bench_test_$$"   # its own queue: runs in parallel do not steal each other's tasks

"$here/ensure-celery.sh"

# check_json SCENARIO: validates the last line of stdin, prints it.
check_json() {
  tail -n 1 | /usr/bin/python3 -c '
import json, sys
scenario = sys.argv[1]
line = sys.stdin.read().strip()
r = json.loads(line)
assert r["scenario"] == scenario, r
v = r["versions"]
for key in ("celery", "kombu", "python", "sqlalchemy"):
    assert isinstance(v[key], str) and v[key], (key, v)
assert v["celery"].startswith("5."), v
if scenario == "throughput":
    assert r["n"] == 50 and len(r["runs"]) == 2, r
    for run in r["runs"]:
        assert run["tasks_per_s"] > 0 and run["submit_per_s"] >= run["tasks_per_s"] > 0, run
        assert abs(run["wall_s"] * run["tasks_per_s"] - 50) < 1, run
else:
    assert r["rate"] == 20 and r["count"] == 60, r
    assert 0 < r["p50_ms"] <= r["p95_ms"] <= r["p99_ms"] <= r["max_ms"], r
print(line)
' "$1"
}

start=$SECONDS
echo "== throughput --n 50 --runs 2"
"$here/celery_bench.py" throughput --n 50 --runs 2 --amqp "$amqp" --db "$db" --queue "$queue" --delete-queue \
  --timeout 120 | check_json throughput
echo "== latency --rate 20 --seconds 3"
"$here/celery_bench.py" latency --rate 20 --seconds 3 --amqp "$amqp" --db "$db" --queue "$queue" --delete-queue \
  --timeout 120 | check_json latency

echo "== a bad --db is one clear line and exit 1"
set +e
err="$("$here/celery_bench.py" throughput --n 1 --amqp "$amqp" --db "mysql://nowhere/x" 2>&1 >/dev/null)"
rc=$?
set -e
[ "$rc" -eq 1 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && [[ "$err" == *"PostgreSQL URL"* ]] \
  || { echo "unexpected: rc=$rc err=$err"; exit 1; }
echo "$err"

echo "test_celery_bench: OK in $((SECONDS - start)) s"
