-- Shared by H2 and PostgreSQL. ${large_text} is the dialect's unbounded text type (H2 caps
-- VARCHAR at 1M characters; a spec with inline files, or a task's result, may be longer).
-- Instants are UTC, microsecond precision (both databases' TIMESTAMP WITH TIME ZONE).
-- `version` grows by one on every update: the claim's optimistic check reads it.

create table jobs (
  id           varchar(64)              not null primary key,
  name         varchar                  not null,
  description  varchar,
  state        varchar(16)              not null,
  spec         ${large_text}            not null,
  -- name, description and state, lower-cased: what a search word must occur in
  search_text  varchar                  not null,
  created_at   timestamp with time zone not null,
  started_at   timestamp with time zone,
  completed_at timestamp with time zone,
  failed_at    timestamp with time zone,
  position     integer                  not null,
  result       ${large_text},
  error        ${large_text},
  version      bigint                   not null default 0
);

-- Listing is newest first; this index makes a page an index range scan even at 100,000s of jobs.
create index jobs_newest on jobs (created_at desc, id desc);

create table job_tags (
  job_id varchar(64) not null references jobs (id) on delete cascade,
  tag    varchar(64) not null,
  primary key (job_id, tag)
);

create index job_tags_by_tag on job_tags (tag, job_id);
