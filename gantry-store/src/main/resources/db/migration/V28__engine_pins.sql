-- A job's tasks follow its workspace (a volume on one Docker engine). A worker registers the id of
-- the engine it runs tasks on (nodes.engine_id; null for a server). A job that may run more than one
-- container task (jobs.pins_engine, copied to its runs) is pinned to the engine of the worker that
-- claims its first run: one row in job_engines, removed when the job ends. Its runs carry the pin
-- (task_runs.engine_id, '' while none) so that the claim reads two ranges of its index per queue,
-- the runs of any engine and those of its own, and never a run pinned elsewhere.
alter table nodes add column engine_id varchar(128);
create index nodes_engine on nodes (engine_id, alive_until);

alter table jobs add column pins_engine boolean default false not null;

create table job_engines (
  job_id    varchar(64)              not null primary key references jobs (id) on delete cascade,
  engine_id varchar(128)             not null,
  pinned_at timestamp with time zone not null
);

alter table task_runs add column engine_id varchar(128) default '' not null;
alter table task_runs add column pins_engine boolean default false not null;
drop index task_runs_claim;
create index task_runs_claim on task_runs (state, queue, engine_id, priority desc, created_at, id);
