-- Delayed starts: a job submitted with a start time in the future is stored SCHEDULED, without
-- runs, and gets a row here. The maintenance loop releases the pending rows whose time has come:
-- in one transaction it locks the job, queues its first task and clears `pending`, so a start
-- happens once however many servers release. The row stays (with the job) to say when it was due.
create table job_starts (
  job_id   varchar(64)              not null primary key references jobs (id) on delete cascade,
  start_at timestamp with time zone not null,
  pending  boolean                  not null
);

create index job_starts_due on job_starts (pending, start_at);
