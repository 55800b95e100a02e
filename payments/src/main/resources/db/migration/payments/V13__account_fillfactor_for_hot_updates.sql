-- Every posting updates its accounts' balances (and every card hold its account's held amount). At the default
-- fillfactor of 100 a full page leaves no room for the new row version, so most updates were not HOT: each inserted a
-- new entry into the account's indexes (the primary key, and for wallets the one-wallet-per-user index) and left dead
-- ones behind. Measured at issue 18's scale: 91,000 of 440,000 account updates were HOT during a month close. With a
-- fifth of each page kept free the new version fits beside the old one. Applies to pages written from now on; an
-- existing database gets it for all its accounts at its next VACUUM FULL or pg_repack.
alter table payments.account set (fillfactor = 80);
