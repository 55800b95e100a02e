-- Idempotency-Key (Stripe's semantics) for the modules that adopt the platform's IdempotentRequests: per user and
-- key, the request's fingerprint and, once it finished, the response to replay. A request in flight holds the key
-- until locked_until; keys are kept for piaf.idempotency.retention (24 h).
create table idempotency.key (
    owner_id        uuid        not null,
    key             text        not null check (char_length(key) between 1 and 255),
    fingerprint     bytea       not null,
    locked_until    timestamptz,
    response_status int,
    response_body   text,
    created_at      timestamptz not null default now(),
    completed_at    timestamptz,
    primary key (owner_id, key),
    constraint key_completed_has_a_response check ((completed_at is null) = (response_status is null))
);

create index key_by_age on idempotency.key (created_at);

-- The fingerprint key when none is configured: generated once, first writer wins.
create table idempotency.secret (
    name  text primary key,
    value text not null
);
