-- What a running task last reported as its progress (Tork's $TORK_PROGRESS, 0 to 100); null when
-- it reported none. Only recordProgress sets it: the run's other updates leave it as it is.
alter table task_runs add column progress double precision;
