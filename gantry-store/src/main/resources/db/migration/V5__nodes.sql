-- The processes sharing this database: every server, worker and standalone process registers a
-- row at start and heartbeats it. `alive_until` is set by the node itself (its last heartbeat plus
-- a few of its heartbeat periods); the maintenance loop marks UP nodes past it OFFLINE.
-- `queues`: the queues a worker takes work from, comma-separated (queue names have no commas).

create table nodes (
  id                varchar(64)              not null primary key,
  role              varchar(16)              not null,
  hostname          varchar(255)             not null,
  version           varchar(64)              not null,
  queues            varchar(4096)            not null,
  status            varchar(16)              not null,
  started_at        timestamp with time zone not null,
  last_heartbeat_at timestamp with time zone not null,
  alive_until       timestamp with time zone not null,
  cpu_percent       double precision         not null,
  task_count        integer                  not null
);

create index nodes_alive on nodes (status, alive_until);
