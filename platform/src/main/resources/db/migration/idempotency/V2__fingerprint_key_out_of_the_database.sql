-- Secrets live outside the database (SecretStore, as payments' and identity's do): a copy of the database must not
-- let anyone forge fingerprints. Keys stored with the old key stop matching their retries for at most the retention
-- (24 h): such a retry is answered 422 idempotency_key_reused, never run twice.
drop table idempotency.secret;
