-- Crypto's Idempotency-Key responses now live in the platform's idempotency module (ADR 7), like savings': one
-- implementation, keyed fingerprints, and a duplicate arriving while the first runs waits for it. Keys stored here
-- before are not carried over: a retry of such a key (within a client's retry window, at a deployment) runs as a new
-- request only if its first attempt did nothing; what it created stays, with its own id.
drop table crypto.idempotency;
