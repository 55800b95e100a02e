-- The close takes open months in (month, user_id) order, a batch at a time: an index in that order lets each batch
-- read its first rows instead of sorting every open month of the partial index by month alone (100,000 per batch at
-- the start of a large close).
create index budget_month_open_in_order on budgets.budget_month (month, user_id) where status = 'OPEN';
drop index budgets.budget_month_open;
