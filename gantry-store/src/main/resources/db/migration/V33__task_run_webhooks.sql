-- Whether the run's job has task webhooks (task.StateChange, task.Progress): set when the run is
-- inserted, read by the claim with the run it takes, so that only such a run's claim reads its job
-- and writes the RUNNING call in the claim's transaction. A claim of any other run stays as cheap
-- as before (the same statements).
alter table task_runs add column task_webhooks boolean default false not null;
