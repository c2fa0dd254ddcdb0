-- Job progression is a tree. A run of a task below a top-level one (a parallel's task, an each's
-- element) names its node by path, fixed-width segments that sort in tree order
-- (00002.00000.00005); null for a top-level task's runs, whose position is their node.
alter table task_runs add column node_path varchar(256);

-- The rows of composite nodes (parallel, each) and each job's ROOT row (path '': the results of
-- its tasks by var); a leaf's state is its latest run's. Only jobs that use composites or vars have any.
create table job_nodes (
  job_id     varchar(64)  not null references jobs (id) on delete cascade,
  node_path  varchar(256) not null,
  kind       varchar(16)  not null,
  state      varchar(16)  not null,
  total      integer      not null,
  next_index integer      not null,
  completed  integer      not null,
  items      ${large_text},
  results    ${large_text},
  error      ${large_text},
  primary key (job_id, node_path)
);
