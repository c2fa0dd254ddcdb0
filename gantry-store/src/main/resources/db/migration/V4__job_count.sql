-- The number of jobs, so that the unfiltered job listing (the UI's front page) knows its total
-- without counting 100,000s of rows on every request. Spread over slots so that concurrent
-- submits rarely wait for each other; the total is the sum. Whatever inserts or deletes jobs
-- must add to it in the same transaction (JdbcStoreTransaction does, for inserts).
create table job_count (
  slot integer not null primary key,
  jobs bigint  not null
);

insert into job_count (slot, jobs) select 0, count(*) from jobs;
insert into job_count (slot, jobs) values (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0);
