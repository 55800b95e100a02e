-- A money request: one requester asks one or several payers (one item each). kind says how the amounts were given:
-- EACH (the same amount from each) or SPLIT (a total, evenly or by amounts; total is then set).
create table requests.request (
    id               uuid        primary key,
    requester_id     uuid        not null,
    requester_handle text        not null,
    kind             text        not null check (kind in ('EACH', 'SPLIT')),
    total            bigint      check (total > 0),
    note             text        check (char_length(note) <= 280),
    source           text        not null check (source in ('API', 'POST')),
    -- the post that asked for it: a post makes at most one request however often its event comes
    source_post_id   text        unique,
    created_at       timestamptz not null
);

create index request_by_requester on requests.request (requester_id, created_at desc, id desc);

-- One payer's part. payment_id is the payment waiting for the payer's PIN (with what the PIN confirms and until when),
-- cleared when it is cancelled, expires or fails; paid_payment_id the one that completed. One payer once per request.
create table requests.item (
    request_id      uuid        not null references requests.request (id),
    position        int         not null check (position >= 0),
    payer_id        uuid        not null,
    payer_handle    text        not null,
    amount          bigint      not null check (amount > 0),
    status          text        not null check (status in ('PENDING', 'PAID', 'DECLINED')),
    payment_id      uuid        unique,
    challenge       text,
    expires_at      timestamptz,
    paid_payment_id uuid        unique,
    reminded_at     timestamptz,
    created_at      timestamptz not null,
    decided_at      timestamptz,
    primary key (request_id, payer_id),
    unique (request_id, position),
    constraint item_payment_whole check ((payment_id is null) = (challenge is null) and (payment_id is null) = (expires_at is null)),
    constraint item_paid_when_paid check ((status = 'PAID') = (paid_payment_id is not null)),
    constraint item_decided_when_decided check ((status = 'PENDING') = (decided_at is null))
);

create index item_by_payer on requests.item (payer_id, created_at desc, request_id desc);
