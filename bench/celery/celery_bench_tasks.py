"""The Celery app and the no-op task of the Celery comparison benchmark.

celery_bench.py configures it through environment variables, so that its own client and the
worker it starts as a subprocess (``celery -A celery_bench_tasks worker``) share one
configuration. See README.md for why each setting is what it is.
"""

import os

from celery import Celery

QUEUE = os.environ.get("CELERY_BENCH_QUEUE", "celery_bench")

app = Celery("celery_bench")
app.conf.update(
    broker_url=os.environ.get("CELERY_BENCH_AMQP", "amqp://guest:guest@127.0.0.1:5672//"),
    result_backend=os.environ.get(
        "CELERY_BENCH_RESULT", "db+postgresql://postgres@127.0.0.1:5432/celery_bench"
    ),
    # One dedicated durable queue, so a run neither sees nor disturbs other Celery users.
    task_default_queue=QUEUE,
    task_default_exchange=QUEUE,
    task_default_routing_key=QUEUE,
    task_create_missing_queues=True,
    # Celeriac's guarantees: a submit returns once the broker confirmed the (persistent) message,
    # and the message is acknowledged only after the result is stored. Ask Celery for the same.
    broker_transport_options={
        "confirm_publish": os.environ.get("CELERY_BENCH_CONFIRM_PUBLISH", "1") == "1"
    },
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=int(os.environ.get("CELERY_BENCH_PREFETCH_MULTIPLIER", "16")),
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    # Nothing else on the hot path: no events, no STARTED state, no extended result metadata.
    worker_send_task_events=False,
    task_send_sent_event=False,
    task_track_started=False,
    result_extended=False,
    worker_hijack_root_logger=False,
)


@app.task(name="bench.noop")
def noop():
    """Does nothing; its (null) result still goes to the PostgreSQL result backend."""
    return None
