-- A caller who is not an admin lists its jobs from job_access, newest first, instead of walking
-- every job newest first and looking each up in job_access (JobSearch): so its first page and its
-- total cost what its own (and public, and its roles') jobs cost, however many other users' jobs
-- there are. job_access gets the job's created_at for that order.
alter table job_access add column created_at timestamp with time zone;
update job_access set created_at = (select j.created_at from jobs j where j.id = job_access.job_id);
delete from job_access where created_at is null;
alter table job_access alter column created_at set not null;
create index job_access_newest on job_access (grantee, created_at, job_id);

-- The headers of a webhook call whose templates read the job's secrets, sealed as the secrets are
-- (SealedSecrets); the other headers stay in clear in deliveries.headers.
alter table deliveries add column sealed_headers ${large_text};
