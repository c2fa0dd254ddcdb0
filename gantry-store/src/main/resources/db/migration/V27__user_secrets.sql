-- A user's stored secrets (builds.sr.ht's POST /secrets): an ssh key, a pgp key or a file, named
-- by a uuid and optionally a name. A job that names one gets its value copied into the job's own
-- secrets (jobs.secrets), from where it is installed and masked like any job secret. The value
-- is kept as given here; sealing it at rest is the same work as jobs.secrets' (see README).
create table user_secrets (
  id         varchar(64)              not null primary key,
  owner      varchar(64)              not null,
  name       varchar(512),
  kind       varchar(32)              not null,
  secret     ${large_text}            not null,
  file_path  varchar(4096),
  file_mode  integer,
  created_at timestamp with time zone not null
);

create index user_secrets_of_owner on user_secrets (owner, created_at);
