-- Users and their API tokens. A token's secret is never stored: `secret_hash` is the SHA-256 of it
-- (64 hex digits), unique, and what a request's credential is looked up by. `scopes` holds the
-- scopes' names comma-separated (jobs:read,jobs:write,admin). `expires_at` and `revoked_at` are
-- null while they do not apply; a revoked token is kept (listed as revoked), not deleted.

create table users (
  name       varchar(64)              not null primary key,
  created_at timestamp with time zone not null
);

create table api_tokens (
  id          varchar(64)              not null primary key,
  user_name   varchar(64)              not null references users (name),
  name        varchar(128)             not null,
  scopes      varchar(256)             not null,
  secret_hash varchar(64)              not null unique,
  created_at  timestamp with time zone not null,
  expires_at  timestamp with time zone,
  revoked_at  timestamp with time zone
);

create index api_tokens_by_user on api_tokens (user_name, created_at);
