-- When a run's container started, and (after a cancel) when its worker saw it gone: the facts
-- behind Daestro's `starting` (claimed, no container started yet) and `cancelling` (cancelled, a
-- container still there). A row of its own, written once at the start, so that the claim's and
-- the finish's statements on task_runs stay as they were.
create table run_containers (
  run_id     varchar(64)              not null primary key references task_runs (id) on delete cascade,
  job_id     varchar(64)              not null,
  started_at timestamp with time zone not null,
  stopped_at timestamp with time zone
);

create index run_containers_job on run_containers (job_id);
