-- Savings vaults. A vault's money lives in payments' ledger, in a USER account with the vault's id (purpose SAVINGS):
-- every move is a ledger transfer posted by savings, in the same transaction as the rows below, which mirror it so
-- that savings never reads payments' tables (the tests check that the mirror and the ledger agree).

create table savings.vault (
    id                  uuid        primary key,
    -- the interest job's chunks are ranges of seq
    seq                 bigint      generated always as identity unique,
    user_id             uuid        not null,
    wallet_id           uuid        not null,
    name                text        not null check (char_length(name) between 1 and 50),
    status              text        not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    goal_amount         bigint      check (goal_amount > 0),
    goal_date           date,
    goal_reached_at     timestamptz,
    -- set on the one vault of a user that receives round-ups
    round_up_multiplier smallint    check (round_up_multiplier between 1 and 10),
    balance             bigint      not null default 0 check (balance >= 0),
    interest_earned     bigint      not null default 0 check (interest_earned >= 0),
    -- interest accrued and not yet credited, in units of 1/365,000,000 of a cent (see Interest.java)
    accrued_units       bigint      not null default 0 check (accrued_units >= 0),
    accrued_through     date        not null,
    paid_through        date        not null,
    created_at          timestamptz not null,
    closed_at           timestamptz,
    constraint vault_goal_date_needs_an_amount check (goal_date is null or goal_amount is not null),
    constraint vault_closed_is_empty check (status = 'OPEN' or (balance = 0 and round_up_multiplier is null and closed_at is not null))
-- room on each page, so that the daily accrual's updates (no indexed column changes) are HOT: no index is touched
) with (fillfactor = 80);

create index vault_by_user on savings.vault (user_id, created_at);
create unique index vault_one_round_up_target_per_user on savings.vault (user_id) where round_up_multiplier is not null;

-- What moved in or out of a vault, with the balance after it: the vault's history and statements, and the interest
-- job's end-of-day balances (balance now minus what moved after the day, by value day).
create table savings.movement (
    seq           bigint      generated always as identity primary key,
    id            uuid        not null unique,
    transfer_id   uuid        not null,
    vault_id      uuid        not null references savings.vault (id),
    kind          text        not null check (kind in ('DEPOSIT', 'WITHDRAWAL', 'ROUND_UP', 'SCHEDULED', 'INTEREST')),
    amount        bigint      not null check (amount <> 0),
    balance_after bigint      not null check (balance_after >= 0),
    -- the Europe/Paris day from which the money counts for interest (interest: the 1st after its month)
    value_day     date        not null,
    created_at    timestamptz not null,
    constraint movement_once_per_transfer unique (transfer_id, vault_id)
);

create index movement_by_vault on savings.movement (vault_id, seq desc);
create index movement_by_value_day on savings.movement (vault_id, value_day);

-- The annual rate from each effective day on; rows for days already accrued are never changed (history kept).
create table savings.rate (
    effective_from  date        primary key,
    annual_rate_ppm integer     not null check (annual_rate_ppm between 0 and 1000000),
    created_at      timestamptz not null default now()
);

-- Days the interest job accrued in full: the job starts after the last one. A vault's own accrued_through is what
-- makes accrual idempotent per (vault, day); this table only saves rescanning finished days.
create table savings.accrual_day (
    day          date        primary key,
    completed_at timestamptz not null default now()
);

create table savings.schedule (
    vault_id     uuid        primary key references savings.vault (id),
    amount       bigint      not null check (amount > 0),
    frequency    text        not null check (frequency in ('WEEKLY', 'MONTHLY')),
    day          smallint    not null,
    next_run     date        not null,
    last_run     date,
    last_outcome text        check (last_outcome in ('SAVED', 'SKIPPED')),
    updated_at   timestamptz not null,
    constraint schedule_day_exists check ((frequency = 'WEEKLY' and day between 1 and 7) or (frequency = 'MONTHLY' and day between 1 and 31))
);

create index schedule_due on savings.schedule (next_run);
