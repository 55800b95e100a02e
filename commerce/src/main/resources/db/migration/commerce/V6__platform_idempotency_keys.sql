-- Commerce's Idempotency-Keys moved to the platform's idempotency.key (owner = the merchant's id), which also makes a
-- duplicate arriving during the first request wait for it instead of racing it. Keys stored here are not carried
-- over: they are kept 24 hours, and a retry across this migration finds a session, refund or payout by its reference.
drop table commerce.idempotency;
