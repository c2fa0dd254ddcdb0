-- The secret key this database's sealed values (jobs.secrets) are sealed with, by its id (a digest,
-- never the key): every process sharing the database must have it, and one with another key is
-- refused at start instead of sealing values the others cannot open. One row: a key rotation will
-- add the rows of retired keys.
create table secret_key (
  id         integer                  not null primary key check (id = 1),
  key_id     varchar(32)              not null,
  created_at timestamp with time zone not null
);

-- Who may see and change each job besides admins: one row per grantee of its access list
-- (JobAccess), its owner among them ('user:NAME', may change). Grantees are '*', 'user:NAME' and
-- 'role:NAME'. Lists and searches of a caller who is not an admin keep the jobs with a row of one
-- of its grantees, found by the primary key (job, grantee) for each candidate job.
create table job_access (
  job_id     varchar(64) not null,
  grantee    varchar(80) not null,
  can_change boolean     not null,
  primary key (job_id, grantee)
);

insert into job_access (job_id, grantee, can_change) select id, 'user:' || owner, true from jobs where owner is not null;

-- Roles: named groups of users that an admin manages, named by jobs' access lists ('role:NAME').
create table roles (
  name       varchar(64)              not null primary key,
  created_at timestamp with time zone not null
);

create table role_members (
  role_name varchar(64) not null references roles (name) on delete cascade,
  user_name varchar(64) not null references users (name),
  primary key (role_name, user_name)
);

create index role_members_by_user on role_members (user_name, role_name);

-- A user's password (Tork's POST /users), for HTTP Basic: PBKDF2 (PasswordHash), parameters and
-- salt in the stored form; null: the user signs in with tokens only.
alter table users add column password_hash varchar(256);

-- A schedule's job secrets, sealed as a job's are (SealedSecrets), out of scheduled_jobs.spec, which
-- held them in clear before (V17 moves them here).
alter table scheduled_jobs add column secrets ${large_text};
