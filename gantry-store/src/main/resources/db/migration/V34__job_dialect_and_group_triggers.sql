-- Each job's dialect as a column, so that a dialect's own lists (sourcehut's GET /api/jobs: a
-- user's builds, newest first) select and page in SQL by it rather than by a job-name prefix.
-- Jobs stored before read it from their dialect word (V24), the native one when they have none.
alter table jobs add column dialect varchar(32);

update jobs set dialect = coalesce(
  (select min(substr(w.word, 9)) from job_words w where w.job_id = jobs.id and w.word like 'dialect:%'), 'tork');

create index jobs_of_owner_by_dialect on jobs (owner, dialect, number desc);

-- A job group's triggers (builds.sr.ht's, as JSON: null for none), called once when its last job
-- ends: `ended` is set by the transaction that writes their calls, which holds the group's row.
alter table job_groups add column triggers ${large_text};
alter table job_groups add column ended boolean default false not null;
-- Every job's end looks for the groups it is a member of.
create index job_group_members_by_job on job_group_members (job_number);
