-- A revocation with terminate asks the worker running the task to stop it (issue 6). Workers look
-- up their running ids by primary key about once a second.
ALTER TABLE celeriac_revocations
  ADD COLUMN terminate boolean NOT NULL DEFAULT false;
