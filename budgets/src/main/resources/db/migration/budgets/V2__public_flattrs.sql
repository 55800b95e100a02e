-- Who flattred whom is private to the two of them unless the flattrer makes their flattrs public (issue 18).
alter table budgets.budget add column public_flattrs boolean not null default false;
create index flattr_by_user on budgets.flattr (user_id, created_at);
