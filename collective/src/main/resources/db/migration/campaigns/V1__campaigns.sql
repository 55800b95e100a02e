-- All-or-nothing crowdfunding. Pledges are payments into the campaign's escrow account (payments' ledger, owned by
-- the creator); at the deadline the campaign is decided once (status), and every completed pledge gets exactly one
-- settlement row (its primary key is the pledge) that the settler carries out: RELEASE to the creator minus the fee,
-- or REFUND to the backer. A pledge confirmed after the decision gets a REFUND row too.
create table campaigns.campaign (
    id             uuid        primary key,
    slug           text        not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'),
    creator_id     uuid        not null,
    creator_handle text        not null,
    title          text        not null check (char_length(title) between 1 and 80),
    description    text        not null check (char_length(description) <= 2000),
    goal           bigint      not null check (goal > 0),
    deadline       timestamptz not null,
    fee_bps        int         not null check (fee_bps between 0 and 10000),
    escrow_account uuid        not null unique,
    status         text        not null check (status in ('LIVE', 'SUCCEEDED', 'FAILED')),
    created_at     timestamptz not null,
    decided_at     timestamptz,
    constraint campaign_decided_when_decided check ((status = 'LIVE') = (decided_at is null))
);

create index campaign_due on campaigns.campaign (deadline) where status = 'LIVE';

-- remaining is null for an unlimited tier; it is taken (-1) in the transaction that creates a pledge and can never
-- go below zero, so a tier is never oversold however many pledge at once.
create table campaigns.reward (
    id          uuid   primary key,
    campaign_id uuid   not null references campaigns.campaign (id),
    position    int    not null,
    title       text   not null check (char_length(title) between 1 and 80),
    minimum     bigint not null check (minimum > 0),
    quantity    int    check (quantity > 0),
    remaining   int    check (remaining >= 0 and remaining <= quantity),
    constraint reward_remaining_iff_limited check ((quantity is null) = (remaining is null))
);

create table campaigns.pledge (
    id            uuid        primary key,
    campaign_id   uuid        not null references campaigns.campaign (id),
    backer_id     uuid        not null,
    backer_handle text        not null,
    backer_wallet uuid        not null,
    amount        bigint      not null check (amount > 0),
    reward_id     uuid        references campaigns.reward (id),
    payment_id    uuid        not null unique,
    status        text        not null check (status in ('PENDING', 'COMPLETED', 'CANCELLED', 'REFUNDED', 'RELEASED')),
    created_at    timestamptz not null,
    completed_at  timestamptz
);

create index pledge_by_campaign on campaigns.pledge (campaign_id, status);
create index pledge_by_backer on campaigns.pledge (backer_id, created_at desc);

create table campaigns.settlement (
    pledge_id   uuid        primary key references campaigns.pledge (id),
    campaign_id uuid        not null references campaigns.campaign (id),
    kind        text        not null check (kind in ('REFUND', 'RELEASE')),
    created_at  timestamptz not null default now(),
    done_at     timestamptz,
    transfer_id uuid
);

create index settlement_to_do on campaigns.settlement (campaign_id, kind) where done_at is null;

create table campaigns.idempotency (
    user_id     uuid        not null,
    key         text        not null,
    fingerprint bytea       not null,
    body        text        not null,
    created_at  timestamptz not null default now(),
    primary key (user_id, key)
);
