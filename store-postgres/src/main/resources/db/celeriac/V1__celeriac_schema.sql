-- Celeriac's tables (DESIGN.md, PostgreSQL). Timestamps are timestamptz (microsecond precision).

-- One row per task id: its latest state and, once terminal, its result or failure.
CREATE TABLE celeriac_tasks (
  id              uuid        PRIMARY KEY,
  name            text        NOT NULL,
  queue           text        NOT NULL,
  state           text        NOT NULL CHECK (state IN ('PENDING', 'SCHEDULED', 'STARTED', 'RETRYING',
                                'TIMED_OUT', 'SUCCEEDED', 'FAILED', 'REVOKED', 'EXPIRED', 'DEAD')),
  args            jsonb       NOT NULL,
  result          jsonb,
  failure_type    text,
  failure_message text,
  failure_stack   text,
  attempts        integer     NOT NULL DEFAULT 0,
  priority        integer     NOT NULL DEFAULT 0,
  headers         jsonb       NOT NULL DEFAULT '{}',
  submitted_at    timestamptz NOT NULL,
  eta             timestamptz,
  expires         timestamptz,
  started_at      timestamptz,
  finished_at     timestamptz,
  worker_id       text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX celeriac_tasks_state_finished_idx ON celeriac_tasks (state, finished_at);
CREATE INDEX celeriac_tasks_name_submitted_idx ON celeriac_tasks (name, submitted_at);
CREATE INDEX celeriac_tasks_queue_state_idx ON celeriac_tasks (queue, state);
CREATE INDEX celeriac_tasks_submitted_id_idx ON celeriac_tasks (submitted_at, id);
-- Retention scans finished rows by age only.
CREATE INDEX celeriac_tasks_finished_idx ON celeriac_tasks (finished_at) WHERE finished_at IS NOT NULL;

-- Every run of a task; a redelivered attempt that runs again gets its own row.
CREATE TABLE celeriac_attempts (
  run_id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id         uuid        NOT NULL,
  attempt         integer     NOT NULL,
  worker_id       text        NOT NULL,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz,
  outcome         text,
  failure_type    text,
  failure_message text,
  failure_stack   text
);
CREATE INDEX celeriac_attempts_task_idx ON celeriac_attempts (task_id, attempt);

-- Tasks waiting for their eta or a retry's backoff. A claim is a lease: claimed_until.
CREATE TABLE celeriac_delayed (
  task_id         uuid        NOT NULL,
  attempt         integer     NOT NULL,
  due_at          timestamptz NOT NULL,
  message         jsonb       NOT NULL,
  claimed_until   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_id, attempt)
);
CREATE INDEX celeriac_delayed_due_idx ON celeriac_delayed (due_at);

-- Messages that cannot run, kept byte for byte for a re-drive.
CREATE TABLE celeriac_dead_letters (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id         uuid,
  queue           text        NOT NULL,
  body            bytea       NOT NULL,
  reason_type     text        NOT NULL,
  reason_message  text,
  reason_stack    text        NOT NULL DEFAULT '',
  delivery_count  integer     NOT NULL,
  dead_at         timestamptz NOT NULL,
  redriven_at     timestamptz
);
CREATE INDEX celeriac_dead_letters_dead_at_idx ON celeriac_dead_letters (dead_at, id);
CREATE INDEX celeriac_dead_letters_task_idx ON celeriac_dead_letters (task_id) WHERE task_id IS NOT NULL;

-- Revocations of ids the store had not seen yet, so a later submission or start yields REVOKED.
CREATE TABLE celeriac_revocations (
  task_id         uuid        PRIMARY KEY,
  revoked_at      timestamptz NOT NULL
);

-- Cron schedules, declared in code or created through the console.
CREATE TABLE celeriac_schedules (
  name            text        PRIMARY KEY,
  task            text        NOT NULL,
  queue           text,
  args            jsonb       NOT NULL DEFAULT '[]',
  headers         jsonb       NOT NULL DEFAULT '{}',
  priority        integer     NOT NULL DEFAULT 0,
  cron            text        NOT NULL,
  time_zone       text        NOT NULL DEFAULT 'UTC',
  misfire_policy  text        NOT NULL DEFAULT 'FIRE_ONCE'
                              CHECK (misfire_policy IN ('FIRE_ONCE', 'SKIP', 'CATCH_UP')),
  paused          boolean     NOT NULL DEFAULT false,
  source          text        NOT NULL DEFAULT 'API' CHECK (source IN ('CODE', 'API')),
  last_fire_time  timestamptz,
  next_fire_time  timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Each fire is inserted under this unique key before it is published: exactly once per fire.
CREATE TABLE celeriac_schedule_fires (
  schedule_name   text        NOT NULL,
  fire_time       timestamptz NOT NULL,
  task_id         uuid        NOT NULL,
  fired_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (schedule_name, fire_time)
);
CREATE INDEX celeriac_schedule_fires_fired_idx ON celeriac_schedule_fires (fired_at);

-- Worker processes and their heartbeats, for the reaper and the console.
CREATE TABLE celeriac_workers (
  worker_id       text        PRIMARY KEY,
  host            text        NOT NULL,
  pid             bigint,
  version         text,
  queues          text[]      NOT NULL DEFAULT '{}',
  concurrency     integer     NOT NULL DEFAULT 0,
  running         integer     NOT NULL DEFAULT 0,
  state           text        NOT NULL DEFAULT 'RUNNING' CHECK (state IN ('RUNNING', 'DRAINING', 'STOPPED', 'LOST')),
  started_at      timestamptz NOT NULL,
  last_heartbeat  timestamptz NOT NULL,
  stopped_at      timestamptz
);
CREATE INDEX celeriac_workers_heartbeat_idx ON celeriac_workers (state, last_heartbeat);
