-- A job's secrets (JSON, name to value): the one place their values are stored, kept out of
-- `spec` (which API answers are made from) and out of every run's evaluated task, which holds
-- references only. Null for a job without secrets. The place to encrypt them at rest.
alter table jobs add column secrets ${large_text};
