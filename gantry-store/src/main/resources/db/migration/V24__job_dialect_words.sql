-- Every job is found by the dialect it was submitted through (q=dialect:hades). Jobs stored before
-- jobs named their dialect read as the native one (JobSpec.NATIVE_DIALECT), and are found so.
insert into job_words (word, created_at, job_id) select 'dialect:tork', created_at, id from jobs;
