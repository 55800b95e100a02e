-- Crypto's own state: custodial accounts (keys encrypted at rest), what users asked for (operations), the signed
-- chain transactions that carry them, and how far the chain has been read.

create table crypto.setting (
    name  text primary key,
    value text not null
);

-- One custodial EVM account per user (made on first use), plus Piaf's treasury (user_id null).
-- private keys: AES-256-GCM under the key-encryption key named by key_id, the address as associated data.
create table crypto.account (
    id             uuid primary key,
    user_id        uuid unique,
    role           text not null check (role in ('USER', 'TREASURY')),
    address        text not null unique check (address ~ '^0x[0-9a-f]{40}$'),
    key_id         text not null,
    key_iv         bytea not null,
    key_ciphertext bytea not null,
    -- the next nonce this account signs with; null until read from the chain
    next_nonce     bigint,
    -- Piaf's view of the account's token balance (base units), from confirmed transactions only
    token_balance  numeric(78, 0) not null default 0 check (token_balance >= 0),
    created_at     timestamptz not null default now()
);
create unique index account_one_treasury on crypto.account (role) where role = 'TREASURY';

create table crypto.operation (
    id                  uuid primary key,
    user_id             uuid not null,
    kind                text not null check (kind in ('BUY', 'SELL', 'TRANSFER')),
    direction           text not null check (direction in ('IN', 'OUT')),
    token               text not null,
    amount              numeric(78, 0) not null check (amount > 0),
    eur_cents           bigint,
    from_address        text,
    to_address          text,
    counterparty_id     uuid,
    counterparty_handle text,
    status              text not null,
    reason              text,
    chain_tx_id         uuid,
    tx_hash             text,
    block_number        bigint,
    challenge           text,
    note                text,
    source              text not null default 'API',
    source_id           text,
    expires_at          timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index operation_by_user on crypto.operation (user_id, created_at desc, id desc);
create index operation_open on crypto.operation (status) where status in ('PENDING', 'PENDING_CONFIRMATION', 'SUBMITTED');
create unique index operation_by_source on crypto.operation (source, source_id) where source_id is not null and direction = 'OUT';
-- a transfer received from outside Piaf is recorded once per log
create unique index operation_received on crypto.operation (tx_hash, user_id, direction, amount) where direction = 'IN' and kind = 'TRANSFER';

create table crypto.chain_tx (
    id            uuid primary key,
    purpose       text not null check (purpose in ('MINT', 'BURN', 'TRANSFER', 'GAS', 'CANCEL')),
    operation_id  uuid,
    from_address  text not null,
    to_address    text not null,
    nonce         bigint not null,
    gas_limit     bigint not null,
    gas_price     numeric(78, 0) not null,
    value         numeric(78, 0) not null default 0,
    data          text not null default '0x',
    raw           text not null,
    hash          text not null unique,
    -- SIGNED: stored, not known to the chain yet; SENT: accepted by a node; MINED: in a block; CONFIRMED: N blocks
    -- deep; REVERTED: mined but failed; REPLACED: a higher-fee twin took its nonce; DROPPED: never sent, abandoned
    status        text not null check (status in ('SIGNED', 'SENT', 'MINED', 'CONFIRMED', 'REVERTED', 'REPLACED', 'DROPPED')),
    depends_on    uuid references crypto.chain_tx (id),
    attempts      int not null default 0,
    last_error    text,
    sent_at       timestamptz,
    block_number  bigint,
    block_hash    text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index chain_tx_open on crypto.chain_tx (status, created_at) where status in ('SIGNED', 'SENT', 'MINED');
create index chain_tx_by_operation on crypto.chain_tx (operation_id);

-- Replayed responses of POSTs with an Idempotency-Key, per user.
create table crypto.idempotency (
    user_id     uuid not null,
    key         text not null,
    fingerprint bytea not null,
    status      int not null,
    body        text not null,
    created_at  timestamptz not null default now(),
    primary key (user_id, key)
);
