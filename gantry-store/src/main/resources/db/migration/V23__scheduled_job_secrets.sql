-- A scheduled job's secrets (JSON, name to value; registry passwords among them), kept out of
-- `spec` as a job's are (V11): the same place to encrypt them at rest. Null for a schedule without
-- secrets, and for one stored before this column (its secrets are still in its spec until it is
-- created again).
alter table scheduled_jobs add column secrets ${large_text};
