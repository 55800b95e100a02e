-- A merchant's payout schedule (Stripe's manual | daily | weekly): no row is manual. The job takes due rows FOR UPDATE
-- SKIP LOCKED and, in the same transaction, pays out the balance and moves next_run past the day it ran for.
create table commerce.payout_schedule (
    merchant_id   uuid primary key references commerce.merchant (id),
    interval      text not null check (interval in ('DAILY', 'WEEKLY')),
    weekly_anchor int  check (weekly_anchor between 1 and 7),
    next_run      date not null,
    last_run      date,
    check ((interval = 'WEEKLY') = (weekly_anchor is not null))
);
create index payout_schedule_due on commerce.payout_schedule (next_run);

-- The day a scheduled payout paid for (null: on demand); its id is derived from the merchant and that day.
alter table commerce.payout add column scheduled_for date;
