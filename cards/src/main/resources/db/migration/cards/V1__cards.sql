-- Debit cards. The PAN is stored only encrypted (AES-GCM, pan_key_id names the key so keys can rotate) and as a keyed
-- hash to find a card from a network message; the API, the logs and the events see BIN + last four only. The CVV is
-- never stored: it is derived from PAN, expiry and the card-verification key when needed (PCI DSS 4.0.1 §3.3, §3.5).
create table cards.card (
    id                uuid        primary key,
    user_id           uuid        not null,
    wallet_id         uuid        not null,
    type              text        not null check (type in ('VIRTUAL', 'SINGLE_USE')),
    status            text        not null check (status in ('ACTIVE', 'FROZEN', 'CANCELLED')),
    bin               text        not null check (bin ~ '^[0-9]{6}$'),
    last4             text        not null check (last4 ~ '^[0-9]{4}$'),
    pan_lookup        bytea       not null unique,
    pan_ciphertext    bytea       not null,
    pan_key_id        text        not null,
    exp_month         int         not null check (exp_month between 1 and 12),
    exp_year          int         not null check (exp_year between 2000 and 2100),
    cardholder_name   text        not null check (char_length(cardholder_name) between 1 and 26),
    per_transaction   bigint      not null check (per_transaction > 0),
    daily             bigint      not null check (daily >= per_transaction),
    blocked_mcc       text[]      not null default '{}',
    online            boolean     not null default true,
    contactless       boolean     not null default true,
    blocked_countries text[]      not null default '{}',
    -- what the card authorized on spent_day (Europe/Paris), for the daily limit; the card row is the lock
    spent_day         date,
    spent_today       bigint      not null default 0 check (spent_today >= 0),
    created_at        timestamptz not null default now(),
    cancelled_at      timestamptz,
    constraint card_cancelled_when_cancelled check ((status = 'CANCELLED') = (cancelled_at is not null))
);

create index card_by_user on cards.card (user_id, created_at desc);

-- A cancelled card stays cancelled.
create function cards.card_cancel_is_final() returns trigger language plpgsql as $$
begin
    if old.status = 'CANCELLED' and new.status <> 'CANCELLED' then
        raise exception 'card % is cancelled', old.id using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end $$;

create trigger card_cancel_is_final before update on cards.card
    for each row execute function cards.card_cancel_is_final();

-- One purchase as the network sees it: approved (PENDING, its hold on the wallet), then CLEARED, REVERSED (released,
-- or expired after 7 days), REFUNDED; or DECLINED at once. Its id is the id of its wallet hold. Merchant data as sent.
create table cards.authorization (
    id             uuid        primary key,
    card_id        uuid        not null references cards.card (id),
    user_id        uuid        not null,
    status         text        not null check (status in ('PENDING', 'CLEARED', 'REVERSED', 'DECLINED', 'REFUNDED')),
    amount         bigint      not null check (amount > 0),         -- authorized in all (increments included)
    held           bigint      not null default 0 check (held >= 0), -- still held on the wallet
    captured       bigint      not null default 0 check (captured >= 0),
    refunded       bigint      not null default 0 check (refunded >= 0),
    currency       text        not null,
    merchant_name  text        not null check (char_length(merchant_name) between 1 and 60),
    mcc            text        not null check (mcc ~ '^[0-9]{4}$'),
    country        text        not null check (country ~ '^[A-Z]{2}$'),
    channel        text        not null check (channel in ('ONLINE', 'CONTACTLESS', 'CHIP')),
    decline_reason text,
    expired        boolean     not null default false,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint authorization_declined_has_a_reason check ((status = 'DECLINED') = (decline_reason is not null)),
    constraint authorization_holds_only_when_pending check (status = 'PENDING' or held = 0)
);

create index authorization_by_card on cards.authorization (card_id, created_at desc);
create index authorization_pending_by_age on cards.authorization (created_at) where status = 'PENDING';

-- Network messages seen, by the network's message id: a duplicate gets the first answer. No card data here: the
-- answer and a hash of the body only.
create table cards.network_message (
    id          text        primary key check (char_length(id) between 1 and 64),
    type        text        not null,
    body_hash   bytea       not null,
    approved    boolean,
    authorization_id uuid,
    reason      text,
    received_at timestamptz not null default now()
);

create index network_message_by_age on cards.network_message (received_at);

-- Every reveal of a card's full number and CVV, and every refused try (PCI DSS 4.0.1 §10.2.1.1: access to cardholder
-- data is logged).
create table cards.reveal_audit (
    id         bigint      generated always as identity primary key,
    card_id    uuid        not null references cards.card (id),
    user_id    uuid        not null,
    outcome    text        not null check (outcome in ('REVEALED', 'WRONG_PIN', 'PIN_LOCKED', 'PIN_NOT_SET')),
    at         timestamptz not null default now()
);

create index reveal_audit_by_card on cards.reveal_audit (card_id, at desc);
