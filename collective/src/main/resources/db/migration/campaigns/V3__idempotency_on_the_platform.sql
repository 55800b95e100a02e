-- Campaigns' Idempotency-Keys moved to the platform's idempotency module (claimed before the operation, so a
-- concurrent duplicate waits instead of running twice, and stored in the operation's own transaction). Keys stored
-- here before the move are not carried over: a retry of a request made before the upgrade runs afresh.
drop table campaigns.idempotency;
