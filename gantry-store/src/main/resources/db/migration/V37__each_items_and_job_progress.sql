-- An each's items, one row per element, written once when the each starts: a transition in the
-- each reads the one element a child it starts needs, never the whole list (which the items column
-- of job_nodes held, read with the row at every run's end). Rows written before this keep their
-- items column, and are read as before.
create table job_node_items (
  job_id     varchar(64)  not null references jobs (id) on delete cascade,
  node_path  varchar(256) not null,
  item_index integer      not null,
  item_value ${large_text},
  primary key (job_id, node_path, item_index)
);

-- What a job's running task last reported of its progress ($TORK_PROGRESS) and the top-level
-- position it was at: the job's progress, as Tork computes it, counts it until the job moves on.
alter table jobs add column progress_position integer;
alter table jobs add column task_progress double precision;
