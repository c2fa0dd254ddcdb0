-- Sub-jobs: a job started by the subjob task at parent_path of job parent_id; root_id is the root
-- of its tree, whose row every change in the tree locks first. All null for a job that is no sub-job.
alter table jobs add column parent_id varchar(64);
alter table jobs add column parent_path varchar(256);
alter table jobs add column root_id varchar(64);
create index jobs_parent on jobs (parent_id);

-- A sub-job's runs name the root of its tree, so that their transitions lock it first without a read.
alter table task_runs add column root_job_id varchar(64);
