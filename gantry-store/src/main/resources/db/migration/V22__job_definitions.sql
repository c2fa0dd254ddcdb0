-- Job definitions (Daestro's): one immutable row per version. `spec` is the definition's JSON
-- without its sensitive values; those are in `sensitive_env` alone (JSON), the one column to
-- encrypt as jobs.secrets is.
create table job_definitions (
  name          varchar(64)              not null,
  version       integer                  not null,
  image         varchar(512)             not null,
  spec          ${large_text}            not null,
  sensitive_env ${large_text},
  created_at    timestamp with time zone not null,
  owner         varchar(64),
  primary key (name, version)
);

-- Names that are unique in their queue (Daestro's jobs): a submit reserves its name here in the
-- transaction that inserts its job, so of two submits of one name only one is stored.
create table job_names (
  queue  varchar(64)  not null,
  name   varchar(256) not null,
  job_id varchar(64)  not null references jobs (id) on delete cascade,
  primary key (queue, name)
);
