-- The version of the event's JSON shape (io.piaf.common.EventVersion), so a consumer knows which shape it reads.
-- Events written before versions existed are version 1.
alter table outbox.event add column schema_version int not null default 1;
