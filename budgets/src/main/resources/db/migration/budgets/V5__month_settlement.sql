-- Creators hear once per month what the month's flattrs paid them (FlattrsPaid, one per creator), when every budget of
-- the month has closed, rather than once per payer (520,000 notifications for a month of 100,000 budgets at issue 18's
-- scale). A month's row is written when the month is first funded; settled_at marks the FlattrsPaid appended.
create table budgets.month_settlement (
    month      date        primary key,
    settled_at timestamptz,
    creators   int
);

-- Months already closed told their creators per payer: settled as they are. Months with open budgets settle the new way.
insert into budgets.month_settlement (month, settled_at)
select month, case when bool_and(status <> 'OPEN') then now() end from budgets.budget_month group by month;
