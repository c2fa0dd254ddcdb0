-- The user who submitted the job (null: submitted by the process itself, or before jobs had
-- owners). Per-job access lists build on it; no index yet, as nothing filters by it yet.

alter table jobs add column owner varchar(64);
