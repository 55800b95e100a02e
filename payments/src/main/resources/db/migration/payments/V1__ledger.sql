-- The double-entry ledger. Amounts are integer cents. A transfer is two or more entries summing to zero, written by
-- one statement; entries and transfers are never updated or deleted (a correction is a new transfer). Each account
-- keeps its balance in its own row, updated by the same statement that writes the entries, so reading a balance
-- never scans history. Invariants live here, not only in code:
--   * a USER account (a wallet, later a savings pot) never goes below zero (check constraint);
--   * SYSTEM accounts (card-rail clearing, later settlement) may, by design;
--   * every insert into entry balances per transfer (statement trigger), entries are immutable (triggers);
--   * a transfer's kind + reference is unique: the same payment or top-up can never be posted twice.

create table payments.account (
    id         uuid        primary key,
    kind       text        not null check (kind in ('USER', 'SYSTEM')),
    purpose    text        not null check (purpose ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    owner_id   uuid,
    currency   text        not null default 'EUR' check (currency = 'EUR'),
    balance    bigint      not null default 0,
    created_at timestamptz not null default now(),
    constraint user_accounts_never_go_negative check (kind = 'SYSTEM' or balance >= 0),
    constraint user_accounts_have_an_owner check (kind = 'SYSTEM' or owner_id is not null),
    constraint system_accounts_have_no_owner check (kind = 'USER' or owner_id is null)
);

-- One wallet per user; one system account per purpose.
create unique index account_one_wallet_per_user on payments.account (owner_id) where purpose = 'WALLET';
create unique index account_one_system_account_per_purpose on payments.account (purpose) where kind = 'SYSTEM';

create table payments.transfer (
    id         uuid        primary key,
    kind       text        not null check (kind ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    reference  text        not null check (reference <> ''),
    created_at timestamptz not null default now(),
    constraint transfer_posted_once unique (kind, reference)
);

create table payments.entry (
    seq             bigint      generated always as identity primary key,
    transfer_id     uuid        not null references payments.transfer (id),
    account_id      uuid        not null references payments.account (id),
    amount          bigint      not null check (amount <> 0),
    balance_after   bigint      not null,
    -- the other account of a two-legged transfer: what a statement line names as its counterparty
    counterparty_id uuid        references payments.account (id),
    memo            text,
    created_at      timestamptz not null,
    constraint entry_one_leg_per_account unique (transfer_id, account_id)
);

-- A wallet's statement, newest first.
create index entry_by_account on payments.entry (account_id, seq desc);

-- An account's kind, owner, purpose and currency never change (its balance does, through entries only).
create function payments.account_identity_is_fixed() returns trigger language plpgsql as $$
begin
    if (new.id, new.kind, new.purpose, new.owner_id, new.currency)
            is distinct from (old.id, old.kind, old.purpose, old.owner_id, old.currency) then
        raise exception 'payments.account %: kind, purpose, owner and currency are fixed', old.id
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end $$;

create trigger account_identity_is_fixed before update on payments.account
    for each row execute function payments.account_identity_is_fixed();

create function payments.ledger_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% on payments.% refused: the ledger is append-only; post a correcting transfer', tg_op, tg_table_name
        using errcode = 'integrity_constraint_violation';
end $$;

create trigger entry_is_append_only before update or delete on payments.entry
    for each row execute function payments.ledger_is_append_only();
create trigger entry_is_not_truncated before truncate on payments.entry
    for each statement execute function payments.ledger_is_append_only();
create trigger transfer_is_append_only before update or delete on payments.transfer
    for each row execute function payments.ledger_is_append_only();
create trigger transfer_is_not_truncated before truncate on payments.transfer
    for each statement execute function payments.ledger_is_append_only();
create trigger account_is_not_deleted before delete on payments.account
    for each row execute function payments.ledger_is_append_only();

-- Every statement that writes entries writes balanced transfers: per transfer, its new entries sum to zero. As
-- entries are append-only, every transfer therefore sums to zero. One check per statement, over its new rows only.
create function payments.transfers_balance() returns trigger language plpgsql as $$
declare
    unbalanced uuid;
begin
    select transfer_id into unbalanced from new_entries
    group by transfer_id having sum(amount) <> 0 or count(*) < 2 limit 1;
    if unbalanced is not null then
        raise exception 'transfer % does not balance: its entries must sum to zero', unbalanced
            using errcode = 'check_violation';
    end if;
    return null;
end $$;

create trigger entries_balance after insert on payments.entry
    referencing new table as new_entries
    for each statement execute function payments.transfers_balance();

-- Where top-ups come from: the card rail's clearing account goes negative by what cards paid in.
insert into payments.account (id, kind, purpose) values
    ('00000000-0000-0000-0000-00000000c1ea', 'SYSTEM', 'CARD_RAIL_CLEARING');
