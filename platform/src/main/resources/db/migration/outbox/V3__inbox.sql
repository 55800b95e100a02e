-- Events a listener received from a broker (Kafka) rather than from the outbox's own delivery rows: one row per
-- (listener, event), written in the transaction of the listener's effects, so a redelivered record is applied once.
create table outbox.inbox (
    listener    text        not null,
    event_id    uuid        not null,
    received_at timestamptz not null default now(),
    primary key (listener, event_id)
);
