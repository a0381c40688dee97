-- Heartbeats carry the worker's lifetime counts, for the console's worker list.
ALTER TABLE celeriac_workers
  ADD COLUMN processed bigint NOT NULL DEFAULT 0,
  ADD COLUMN failed    bigint NOT NULL DEFAULT 0;
