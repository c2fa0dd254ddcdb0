-- When a CANCELLED job was cancelled (completed_at and failed_at stay empty for it, as in Tork).
alter table jobs add column cancelled_at timestamp with time zone;
