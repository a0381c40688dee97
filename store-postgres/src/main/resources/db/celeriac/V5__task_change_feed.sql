-- The console's change feed pages through tasks by their last change (TaskChangeFeed, issue 6).
CREATE INDEX celeriac_tasks_updated_idx ON celeriac_tasks (updated_at, id);
