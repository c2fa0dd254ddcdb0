-- Jobs started on a cron schedule. `next_fire_at` is the next tick to start a job for: firing a
-- tick inserts its job and moves `next_fire_at` on in one transaction, with an update that only
-- matches the value it read, so one tick starts one job however many servers fire schedules.
-- `owner` is the user who created it (as jobs.owner), and owns the jobs it starts.
create table scheduled_jobs (
  id           varchar(64)              not null primary key,
  spec         ${large_text}            not null,
  cron         varchar(256)             not null,
  state        varchar(16)              not null,
  created_at   timestamp with time zone not null,
  next_fire_at timestamp with time zone not null,
  owner        varchar(64)
);

create index scheduled_jobs_newest on scheduled_jobs (created_at desc, id desc);
-- The maintenance loop's look for due ticks.
create index scheduled_jobs_due on scheduled_jobs (state, next_fire_at);

-- The scheduled job that started a job (null: submitted directly). No foreign key: a job outlives
-- the deletion of its schedule and keeps saying where it came from.
alter table jobs add column schedule_id varchar(64);
