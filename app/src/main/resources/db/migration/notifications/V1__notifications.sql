-- What happened that a user should know about. seq counts per recipient: it is the notification's id, its cursor
-- and its Last-Event-ID on the live stream.
create table notifications.notification (
    recipient_id    uuid        not null,
    seq             bigint      not null,
    type            text        not null check (type ~ '^[a-z][a-z0-9_]{0,39}$'),
    data            jsonb       not null,
    -- the outbox event that caused it: with recipient and type, the key that makes notifying idempotent
    source_event_id uuid        not null,
    created_at      timestamptz not null default now(),
    read_at         timestamptz,
    primary key (recipient_id, seq),
    unique (source_event_id, recipient_id, type)
);
create index notification_unread on notifications.notification (recipient_id, seq) where read_at is null;

-- The last seq given to each recipient. Taking the next one locks this row until commit, so a recipient's
-- notifications commit in seq order: a stream that has sent seq n can never later find a smaller one committed.
create table notifications.counter (
    recipient_id uuid primary key,
    last_seq     bigint not null
);
