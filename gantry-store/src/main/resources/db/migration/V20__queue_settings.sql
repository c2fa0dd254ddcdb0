-- Queue settings: a queue without a row has the defaults (priority 500, no concurrency limit,
-- enabled; see QueueSettings). The claim reads the rows of the queues it serves and, for a queue
-- with a limit, locks its row while it counts the queue's RUNNING runs and claims one.
create table queues (
  name            varchar(64)              not null primary key,
  priority        integer                  not null,
  max_concurrency integer                  not null,
  enabled         boolean                  not null,
  updated_at      timestamp with time zone not null
);

-- A run's priority within its queue (the job's: Tork's defaults.priority, Hades' level), the
-- higher first; the claim index orders by it before age so that the claim stays a range scan.
alter table task_runs add column priority integer default 0 not null;
drop index task_runs_claim;
create index task_runs_claim on task_runs (state, queue, priority desc, created_at, id);
