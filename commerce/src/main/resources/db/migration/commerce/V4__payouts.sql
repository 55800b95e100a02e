-- Payouts: a merchant's balance (its MERCHANT ledger account) to its bank account. The sandbox bank pays at once, so a
-- payout is written PAID with the ledger transfer that moved it (kind PAYOUT, one per payout).
create table commerce.payout (
    id          uuid        primary key,
    merchant_id uuid        not null references commerce.merchant (id),
    amount      bigint      not null check (amount > 0),
    status      text        not null check (status in ('PAID')),
    transfer_id uuid        not null unique,
    created_at  timestamptz not null default now(),
    paid_at     timestamptz not null
);
create index payout_by_merchant on commerce.payout (merchant_id, created_at desc);
