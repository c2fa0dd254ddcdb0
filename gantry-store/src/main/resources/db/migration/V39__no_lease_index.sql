-- The lease reaper's index (state, lease_until) goes: it competed with the claim index for every
-- query that names a state, and on a new PostgreSQL database (before autovacuum's first analyze)
-- the planner took it for the claim's candidates, a scan of every QUEUED run filtered by queue,
-- and kept that plan cached on the connection as the table grew (ClaimPlanIT). The reaper's query
-- (RUNNING runs past their lease) reads the claim index's RUNNING range instead: at most as many
-- entries as runs are running, which the workers' slots bound. One index fewer to write per run.
drop index task_runs_lease;
