-- A wallet is a user's ledger account plus what payments needs to know about its owner (copied from identity's
-- UserRegistered, so that no query reads identity's tables) and the owner's daily outgoing total. Its row is the
-- payer's lock: every confirmation takes it first, so confirmations by one payer run one at a time and the daily cap
-- holds under concurrency.
create table payments.wallet (
    id           uuid        primary key references payments.account (id),
    user_id      uuid        not null unique,
    handle       text        not null,
    display_name text        not null,
    owner_kind   text        not null check (owner_kind in ('PERSON', 'CHARITY')),
    sent_day     date,
    sent_today   bigint      not null default 0 check (sent_today >= 0),
    created_at   timestamptz not null default now()
);

create index wallet_charities on payments.wallet (handle) where owner_kind = 'CHARITY';

create table payments.payment (
    id                   uuid        primary key,
    payer_id             uuid        not null,
    payer_wallet         uuid        not null references payments.wallet (id),
    payer_handle         text        not null,
    payee_id             uuid        not null,
    payee_wallet         uuid        not null references payments.wallet (id),
    payee_handle         text        not null,
    payee_kind           text        not null check (payee_kind in ('PERSON', 'CHARITY')),
    amount               bigint      not null check (amount > 0),
    currency             text        not null check (currency = 'EUR'),
    note                 text        check (char_length(note) <= 280),
    requested_visibility text        check (requested_visibility in ('PUBLIC', 'FOLLOWERS', 'PRIVATE')),
    source               text        not null check (source in ('API', 'POST', 'DM')),
    source_id            text,
    challenge_digest     bytea       not null,
    status               text        not null check (status in ('PENDING_CONFIRMATION', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'FAILED')),
    status_reason        text,
    expires_at           timestamptz not null,
    created_at           timestamptz not null,
    decided_at           timestamptz,
    transfer_id          uuid        references payments.transfer (id),
    -- set when the receipt is published: who besides the parties may see it
    receipt_visibility   text        check (receipt_visibility in ('PUBLIC', 'FOLLOWERS', 'PRIVATE')),
    constraint payment_not_to_self check (payer_id <> payee_id),
    constraint payment_completed_has_its_transfer check ((status = 'COMPLETED') = (transfer_id is not null)),
    constraint payment_decided_when_final check ((status = 'PENDING_CONFIRMATION') = (decided_at is null)),
    -- a post or a direct message makes at most one payment, however often its event is delivered
    constraint payment_once_per_source unique (source, source_id)
);

create index payment_pending_by_expiry on payments.payment (expires_at) where status = 'PENDING_CONFIRMATION';
create index payment_by_payer on payments.payment (payer_id, created_at desc);

-- What the payer was shown is what the PIN confirms: a payment's terms never change, and it ends exactly once.
create function payments.payment_terms_are_fixed() returns trigger language plpgsql as $$
begin
    if (new.id, new.payer_id, new.payer_wallet, new.payee_id, new.payee_wallet, new.amount, new.currency, new.challenge_digest, new.source, new.source_id)
            is distinct from (old.id, old.payer_id, old.payer_wallet, old.payee_id, old.payee_wallet, old.amount, old.currency, old.challenge_digest, old.source, old.source_id) then
        raise exception 'payment %: its terms are fixed', old.id using errcode = 'integrity_constraint_violation';
    end if;
    if new.status <> old.status and old.status <> 'PENDING_CONFIRMATION' then
        raise exception 'payment % is % and cannot become %', old.id, old.status, new.status
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end $$;

create trigger payment_terms_are_fixed before update on payments.payment
    for each row execute function payments.payment_terms_are_fixed();

create table payments.top_up (
    id              uuid        primary key,
    user_id         uuid        not null,
    wallet_id       uuid        not null references payments.wallet (id),
    amount          bigint      not null check (amount > 0),
    currency        text        not null check (currency = 'EUR'),
    -- never the card number nor its security code: brand and last four digits only
    card_brand      text        not null,
    card_last4      text        not null check (card_last4 ~ '^[0-9]{4}$'),
    status          text        not null check (status in ('PENDING', 'SUCCEEDED', 'DECLINED', 'FAILED')),
    failure_code    text,
    idempotency_key text,
    transfer_id     uuid        references payments.transfer (id),
    created_at      timestamptz not null default now(),
    decided_at      timestamptz,
    constraint top_up_succeeded_has_its_transfer check ((status = 'SUCCEEDED') = (transfer_id is not null)),
    constraint top_up_once_per_key unique (user_id, idempotency_key)
);

create index top_up_pending on payments.top_up (created_at) where status = 'PENDING';

-- The sandbox card rail's own record of the charges it answered (a real rail keeps this on its side): charging the
-- same charge id again answers the first outcome, and a reconciler can ask what became of a charge.
create table payments.sandbox_card_charge (
    charge_id  uuid        primary key,
    amount     bigint      not null,
    outcome    text        not null,
    created_at timestamptz not null default now()
);

-- Idempotency-Key (Stripe's semantics): per user and key, the request's fingerprint and, once it finished, the
-- response to replay. A request in flight holds the key until locked_until; a key is kept 24 h.
create table payments.idempotency_key (
    user_id         uuid        not null,
    key             text        not null check (char_length(key) between 1 and 255),
    fingerprint     bytea       not null,
    locked_until    timestamptz,
    response_status int,
    response_body   text,
    created_at      timestamptz not null default now(),
    completed_at    timestamptz,
    primary key (user_id, key),
    constraint idempotency_completed_has_a_response check ((completed_at is null) = (response_status is null))
);

create index idempotency_key_by_age on payments.idempotency_key (created_at);

-- Who follows whom, copied from messaging's UserFollowed/UserUnfollowed: a FOLLOWERS receipt is shown to a
-- follower of either party without asking messaging. The newest event wins.
create table payments.follow (
    follower_id uuid        not null,
    followee_id uuid        not null,
    following   boolean     not null,
    changed_at  timestamptz not null,
    primary key (follower_id, followee_id)
);

-- Payments' generated secrets when none is configured (the key of request fingerprints); first writer wins.
create table payments.secret (
    name  text primary key,
    value text not null
);
