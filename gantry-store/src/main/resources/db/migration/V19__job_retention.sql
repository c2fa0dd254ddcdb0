-- Retention: when an ended job ended (`ended_at`, for --retention) and when it is to be deleted
-- because it asked so (`delete_at`, Tork's autoDelete.after). Both are set in the transaction
-- that ends the job and cleared by a restart. The maintenance loop deletes due jobs in small
-- batches, with their runs, log parts and tags (foreign keys, on delete cascade), their words
-- and their outgoing calls (no foreign key: deleted by the same transaction).
alter table jobs add column ended_at timestamp with time zone;
alter table jobs add column delete_at timestamp with time zone;

update jobs set ended_at = coalesce(completed_at, failed_at, cancelled_at, created_at)
  where state in ('SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT');

create index jobs_ended on jobs (ended_at);
create index jobs_delete_at on jobs (delete_at);
