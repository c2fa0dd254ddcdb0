-- The task as a run runs it, its {{ }} templates evaluated when it became runnable (JSON, as the
-- job's spec is kept). Null when the run runs its task as the job's spec wrote it: a job without
-- templates stores nothing more per run. (V10: V7 to V9 are taken by other work in progress.)
alter table task_runs add column spec ${large_text};
