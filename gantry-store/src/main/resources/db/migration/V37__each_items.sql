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
