create table task_runs (
  id           varchar(64)              not null primary key,
  job_id       varchar(64)              not null references jobs (id) on delete cascade,
  position     integer                  not null,
  attempt      integer                  not null,
  retries      integer                  not null,
  lost         integer                  not null,
  name         varchar                  not null,
  queue        varchar(64)              not null,
  state        varchar(16)              not null,
  created_at   timestamp with time zone not null,
  started_at   timestamp with time zone,
  completed_at timestamp with time zone,
  node_id      varchar(256),
  lease_until  timestamp with time zone,
  exit_code    integer,
  result       ${large_text},
  error        ${large_text},
  version      bigint                   not null default 0
);

-- The claim: oldest QUEUED run of the worker's queues.
create index task_runs_claim on task_runs (state, queue, created_at, id);
-- A job's runs in order.
create index task_runs_of_job on task_runs (job_id, position, attempt);
-- The lease reaper: RUNNING runs whose lease ended.
create index task_runs_lease on task_runs (state, lease_until);

