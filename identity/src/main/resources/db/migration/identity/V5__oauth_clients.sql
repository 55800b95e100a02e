-- OAuth 2.0 clients (RFC 6749 client credentials): another module's principal that is not a person, e.g. a
-- merchant. Identity authenticates them and issues their tokens; the module that registered a client keeps its
-- business meaning (subject is that module's id for it). Secrets are random 256-bit values shown once: only their
-- SHA-256 is kept (a dictionary holds none of them, so no slow hash is needed), with a hint of the last characters.
create table identity.oauth_client (
    id         text        primary key check (id ~ '^cl_[a-z2-7]{26}$'),
    subject    text        not null unique,
    scopes     text[]      not null,
    created_at timestamptz not null default now()
);

-- A client has one current secret and, after a rotation, the previous ones until they expire (the overlap that
-- lets a merchant deploy the new secret without downtime). Only hashes: no table holds a secret (TokenSecurityTests).
create table identity.oauth_client_credential (
    secret_hash bytea       primary key,
    client_id   text        not null references identity.oauth_client (id),
    hint        text        not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz
);
create index oauth_client_credential_by_client on identity.oauth_client_credential (client_id, created_at desc);
