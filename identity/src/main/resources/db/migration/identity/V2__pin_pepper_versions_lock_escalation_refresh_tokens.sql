alter table identity.users
    -- the pepper version pin_hash was made with (peppers rotate; the old hash still verifies and is re-made)
    add column pin_pepper_version int not null default 1,
    -- locks in a row since the last right PIN: the next lock lasts longer
    add column pin_locks          int not null default 0;

-- Refresh tokens: only a SHA-256 of each (a random 256-bit value needs no slow hash). Each use rotates the token;
-- a token of a family used twice means it was copied, and the whole family is revoked.
create table identity.refresh_token (
    token_hash         bytea primary key,
    family_id          uuid        not null,
    user_id            uuid        not null references identity.users (id),
    created_at         timestamptz not null default now(),
    expires_at         timestamptz not null,
    -- the family (the signed-in session) cannot be refreshed past this, whatever the rotations
    session_expires_at timestamptz not null,
    used_at            timestamptz,
    revoked_at         timestamptz
);
create index refresh_token_family on identity.refresh_token (family_id);
create index refresh_token_expiry on identity.refresh_token (session_expires_at);
