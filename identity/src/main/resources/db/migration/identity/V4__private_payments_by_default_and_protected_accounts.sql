-- Payment receipts are private unless their payer says otherwise: who paid whom, and why, is nobody else's business
-- by default. Existing users keep the visibility they have (only the default for new rows changes).
alter table identity.users alter column payment_visibility set default 'PRIVATE';

-- A protected account approves its followers (follow requests, kept by messaging): FOLLOWERS then means people the
-- user chose, not anyone who clicked "follow".
alter table identity.users add column protected boolean not null default false;
