-- Commerce: merchants (their OAuth client lives in identity, their balance in payments' ledger), checkout sessions,
-- refunds, webhook endpoints and the deliveries of each event to each endpoint.

create table commerce.merchant (
    id            uuid        primary key,
    owner_id      uuid        not null,
    name          text        not null,
    mcc           text        not null check (mcc ~ '^[0-9]{4}$'),
    support_email text        not null,
    client_id     text        not null unique,
    -- the merchant's ledger account (payments), credited by checkouts and debited by refunds
    account_id    uuid        not null unique,
    created_at    timestamptz not null default now()
);
create index merchant_by_owner on commerce.merchant (owner_id);

create table commerce.checkout_session (
    id           uuid        primary key,
    merchant_id  uuid        not null references commerce.merchant (id),
    status       text        not null check (status in ('OPEN', 'COMPLETE', 'EXPIRED')),
    amount       bigint      not null check (amount > 0),
    line_items   jsonb       not null,
    reference    text,
    metadata     jsonb       not null default '{}',
    success_url  text        not null,
    cancel_url   text        not null,
    expires_at   timestamptz not null,
    payer_id     uuid,
    -- the ledger transfer that paid it: one per session (the ledger also posts kind CHECKOUT + session id once)
    payment_id   uuid        unique,
    refunded     bigint      not null default 0 check (refunded >= 0 and refunded <= amount),
    created_at   timestamptz not null default now(),
    completed_at timestamptz,
    check ((status = 'COMPLETE') = (payment_id is not null))
);
create index checkout_session_by_merchant on commerce.checkout_session (merchant_id, created_at desc);

create table commerce.refund (
    id          uuid        primary key,
    session_id  uuid        not null references commerce.checkout_session (id),
    merchant_id uuid        not null references commerce.merchant (id),
    amount      bigint      not null check (amount > 0),
    reason      text,
    created_at  timestamptz not null default now()
);
create index refund_by_session on commerce.refund (session_id);

-- Idempotency-Key per principal (a merchant's client id or a user id) with the response it produced.
create table commerce.idempotency (
    principal   text        not null,
    key         text        not null,
    fingerprint bytea       not null,
    body        text        not null,
    created_at  timestamptz not null default now(),
    primary key (principal, key)
);

create table commerce.webhook_endpoint (
    id          uuid        primary key,
    merchant_id uuid        not null references commerce.merchant (id),
    url         text        not null,
    events      text[]      not null,
    secret      text        not null,
    enabled     boolean     not null default true,
    created_at  timestamptz not null default now()
);
create index webhook_endpoint_by_merchant on commerce.webhook_endpoint (merchant_id);

-- One row per event and endpoint: the body is fixed when the event is enqueued (so every retry signs the same
-- bytes, and the event id lets the merchant deduplicate); next_attempt_at drives retries with backoff.
create table commerce.webhook_delivery (
    id              uuid        primary key,
    event_id        uuid        not null,
    endpoint_id     uuid        not null references commerce.webhook_endpoint (id),
    type            text        not null,
    body            text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    last_status     int,
    last_latency_ms int,
    last_error      text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    unique (event_id, endpoint_id)
);
create index webhook_delivery_due on commerce.webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_by_endpoint on commerce.webhook_delivery (endpoint_id, created_at desc);
