-- A money pot. Its money is the ledger account account_id (payments, owned by the organiser); collected and
-- withdrawn are this module's running totals, kept with the contributions and withdrawals that make them.
create table pots.pot (
    id                      uuid        primary key,
    slug                    text        not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'),
    organiser_id            uuid        not null,
    organiser_handle        text        not null,
    title                   text        not null check (char_length(title) between 1 and 80),
    description             text        check (char_length(description) <= 1000),
    target                  bigint      check (target > 0),
    ends_at                 timestamptz,
    contribution_visibility text        not null check (contribution_visibility in ('PUBLIC', 'FOLLOWERS', 'ORGANISER')),
    account_id              uuid        not null unique,
    status                  text        not null check (status in ('OPEN', 'CLOSED')),
    collected               bigint      not null default 0 check (collected >= 0),
    withdrawn               bigint      not null default 0 check (withdrawn >= 0),
    created_at              timestamptz not null,
    closed_at               timestamptz,
    constraint pot_closed_when_closed check ((status = 'CLOSED') = (closed_at is not null))
);

create index pot_by_organiser on pots.pot (organiser_id, created_at desc);

-- One row per contribution asked for; it follows its payment (PENDING until the payer's PIN, then COMPLETED, or
-- CANCELLED when the payment is cancelled, expires or fails). The contributor's privacy choice is stored with it.
create table pots.contribution (
    id                 uuid        primary key,
    pot_id             uuid        not null references pots.pot (id),
    contributor_id     uuid        not null,
    contributor_handle text        not null,
    amount             bigint      not null check (amount > 0),
    anonymous          boolean     not null,
    hide_amount        boolean     not null,
    note               text        check (char_length(note) <= 280),
    payment_id         uuid        not null unique,
    status             text        not null check (status in ('PENDING', 'COMPLETED', 'CANCELLED')),
    created_at         timestamptz not null,
    completed_at       timestamptz,
    constraint contribution_completed_when_completed check ((status = 'COMPLETED') = (completed_at is not null))
);

create index contribution_completed_by_pot on pots.contribution (pot_id, completed_at desc, id desc) where status = 'COMPLETED';

create table pots.withdrawal (
    id          uuid        primary key,
    pot_id      uuid        not null references pots.pot (id),
    amount      bigint      not null check (amount > 0),
    transfer_id uuid        not null unique,
    created_at  timestamptz not null
);

-- Idempotency-Key on pots' money POSTs (payments' semantics): the first 201 is replayed for the same request.
create table pots.idempotency (
    user_id     uuid        not null,
    key         text        not null,
    fingerprint bytea       not null,
    body        text        not null,
    created_at  timestamptz not null default now(),
    primary key (user_id, key)
);

-- Who follows whom, copied from messaging's events: a FOLLOWERS pot shows its contributions to the organiser's followers.
create table pots.follow (
    follower_id uuid        not null,
    followee_id uuid        not null,
    following   boolean     not null,
    changed_at  timestamptz not null,
    primary key (follower_id, followee_id)
);
