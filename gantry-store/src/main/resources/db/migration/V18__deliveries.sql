-- The outbox: every outgoing call (Hades callbacks, Tork webhooks), written in the transaction of
-- the state change that causes it and delivered by the servers' senders. A sender claims a due
-- PENDING row by raising `attempts` (only from the value it read) and setting `lease_until`; a row
-- whose sender died is claimed again once its lease has passed. `id` is the X-Gantry-Delivery
-- header of every attempt. No foreign key to jobs: retention deletes a job's deliveries with it.
create table deliveries (
  id              varchar(64)              not null primary key,
  kind            varchar(32)              not null,
  job_id          varchar(64)              not null,
  run_id          varchar(64),
  event           varchar(32)              not null,
  url             varchar(4096)            not null,
  headers         ${large_text},
  subject_state   varchar(16),
  subject_position integer,
  state           varchar(16)              not null,
  attempts        integer                  not null,
  created_at      timestamp with time zone not null,
  next_attempt_at timestamp with time zone not null,
  lease_until     timestamp with time zone,
  delivered_at    timestamp with time zone,
  last_error      varchar(2048)
);

-- The senders' look for due calls.
create index deliveries_due on deliveries (state, next_attempt_at);
create index deliveries_of_job on deliveries (job_id, created_at);
