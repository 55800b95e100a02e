create table identity.users (
    id                  uuid primary key,
    handle              text        not null unique check (handle ~ '^[a-z0-9_]{3,20}$'),
    display_name        text        not null,
    phone               text,
    kind                text        not null check (kind in ('PERSON', 'CHARITY')),
    -- null for accounts that cannot sign in (charities)
    password_hash       text,
    pin_hash            bytea,
    pin_failed_attempts int         not null default 0,
    pin_locked_until    timestamptz,
    payment_visibility  text        not null check (payment_visibility in ('PUBLIC', 'FOLLOWERS', 'PRIVATE')),
    created_at          timestamptz not null
);

-- Generated secrets (signing key, PIN pepper) when none is configured; first writer wins.
create table identity.secret (
    name  text primary key,
    value text not null
);
