-- pgbench baseline: one transfer per durable transaction, the way a bank's core writes it. The two accounts are
-- locked in id order (as Piaf's ledger does) so that concurrent transfers never deadlock.
\set from random(1, 1000)
\set to 1 + (:from + random(0, 998)) % 1000
\set lo least(:from, :to)
\set hi greatest(:from, :to)
\set cents random(1, 10)
BEGIN;
UPDATE baseline.account SET balance = balance + CASE WHEN id = :from THEN -(:cents::bigint) ELSE :cents::bigint END WHERE id = :lo;
UPDATE baseline.account SET balance = balance + CASE WHEN id = :from THEN -(:cents::bigint) ELSE :cents::bigint END WHERE id = :hi;
INSERT INTO baseline.entry (account_id, amount) VALUES (:from, -(:cents::bigint)), (:to, :cents::bigint);
COMMIT;
