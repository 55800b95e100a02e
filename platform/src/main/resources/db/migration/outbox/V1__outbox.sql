-- The transactional outbox. An event row and one delivery row per interested listener are written in the
-- transaction of the state change they announce; a delivery row is deleted in the listener's own transaction.
create table outbox.event (
    seq         bigint generated always as identity primary key,
    event_id    uuid        not null unique,
    type        text        not null,
    payload     jsonb       not null,
    occurred_at timestamptz not null default now()
);

create table outbox.delivery (
    seq          bigint      not null references outbox.event (seq) on delete cascade,
    listener     text        not null,
    attempts     int         not null default 0,
    available_at timestamptz not null default now(),
    last_error   text,
    primary key (seq, listener)
);

-- The relay's claim: due deliveries in event order.
create index delivery_due on outbox.delivery (available_at, seq);
create index event_purge on outbox.event (occurred_at);
