-- A node id outlives its process (a worker keeps it in its data dir, or is given --node-id), so
-- two processes could hold one id for a moment: the one that started last and the one it
-- replaces (a restart within the lease), or two machines given the same id by mistake.
-- `epoch` is raised by each process that takes the id over; a lease is renewed only by the
-- process whose epoch is the node's, so the older one stops owning its runs at once.
alter table nodes add column epoch bigint default 0 not null;
