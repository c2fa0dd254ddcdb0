-- The secret key this database's sealed values (jobs.secrets) are sealed with, by its id (a digest,
-- never the key): every process sharing the database must have it, and one with another key is
-- refused at start instead of sealing values the others cannot open. One row: a key rotation will
-- add the rows of retired keys.
create table secret_key (
  id         integer                  not null primary key check (id = 1),
  key_id     varchar(32)              not null,
  created_at timestamp with time zone not null
);
