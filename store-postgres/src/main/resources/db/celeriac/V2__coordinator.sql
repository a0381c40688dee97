-- The coordinator (issue 5): fires published after their claim, delayed-change notifications, expiry.

-- A fire is claimed (inserted) before its task is published and marked here after; a claim still
-- unpublished after a crash is published by the next leader.
ALTER TABLE celeriac_schedule_fires ADD COLUMN published_at timestamptz;
CREATE INDEX celeriac_schedule_fires_unpublished_idx ON celeriac_schedule_fires (fired_at)
  WHERE published_at IS NULL;
CREATE INDEX celeriac_schedules_due_idx ON celeriac_schedules (next_fire_time) WHERE NOT paused;

-- Wakes delayed dispatchers (LISTEN celeriac_delayed) when a committed transaction added delayed
-- entries or moved their due time. Once per statement; PostgreSQL folds repeats per transaction.
CREATE FUNCTION celeriac_notify_delayed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('celeriac_delayed', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER celeriac_delayed_changed
  AFTER INSERT OR UPDATE OF due_at ON celeriac_delayed
  FOR EACH STATEMENT EXECUTE FUNCTION celeriac_notify_delayed();

-- The reaper finds tasks that expired before starting.
CREATE INDEX celeriac_tasks_expiring_idx ON celeriac_tasks (expires)
  WHERE expires IS NOT NULL AND state IN ('PENDING', 'SCHEDULED');
