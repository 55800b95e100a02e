-- Monthly creator budgets. A budget is taken from the wallet into the user's BUDGET ledger account (payments) when
-- it is set and at the start of each month: each funded month is a budget_month row (its key is the month's first
-- day). Flattrs are rows of that month; at the month's close the split becomes one payout row per creator (the
-- primary key: a retried close never pays twice) and one earning row per flattred post, in the transaction that
-- posts the ledger transfer and appends BudgetMonthClosed.
create table budgets.budget (
    user_id        uuid        primary key,
    monthly        bigint      not null check (monthly between 100 and 50000),
    split          text        not null check (split in ('PER_CREATOR', 'PER_FLATTR')),
    account_id     uuid        not null unique,
    wallet_id      uuid        not null,
    active         boolean     not null,
    -- the month funding was last refused for (insufficient funds): not tried again before the next month or a PUT
    unfunded_month date,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create table budgets.budget_month (
    user_id     uuid        not null references budgets.budget (user_id),
    month       date        not null check (extract(day from month) = 1),
    amount      bigint      not null check (amount > 0),
    fee_bps     int         not null check (fee_bps between 0 and 10000),
    split       text        not null check (split in ('PER_CREATOR', 'PER_FLATTR')),
    status      text        not null check (status in ('OPEN', 'CLOSED', 'RETURNED')),
    fee         bigint      check (fee >= 0),
    transfer_id uuid,
    funded_at   timestamptz not null,
    closed_at   timestamptz,
    primary key (user_id, month),
    constraint budget_month_closed_when_closed check ((status = 'OPEN') = (closed_at is null))
);

create index budget_month_open on budgets.budget_month (month) where status = 'OPEN';

-- Posts as messaging announced them (PostPublished): who wrote what; budgets never reads messaging's tables.
create table budgets.post (
    post_id      uuid        primary key,
    author_id    uuid        not null,
    author_handle text       not null,
    visibility   text        not null,
    published_at timestamptz not null
);

create table budgets.flattr (
    user_id    uuid        not null,
    month      date        not null,
    post_id    uuid        not null,
    creator_id uuid        not null,
    created_at timestamptz not null,
    primary key (user_id, month, post_id),
    foreign key (user_id, month) references budgets.budget_month (user_id, month)
);

create table budgets.payout (
    user_id     uuid   not null,
    month       date   not null,
    creator_id  uuid   not null,
    amount      bigint not null check (amount >= 0),
    flattrs     int    not null check (flattrs > 0),
    primary key (user_id, month, creator_id),
    foreign key (user_id, month) references budgets.budget_month (user_id, month)
);

-- A creator's payout shared among their posts flattred that month (equally, the cents left over to the posts
-- flattred first): what the earnings page shows per post.
create table budgets.earning (
    user_id    uuid   not null,
    month      date   not null,
    post_id    uuid   not null,
    creator_id uuid   not null,
    amount     bigint not null check (amount >= 0),
    primary key (user_id, month, post_id),
    foreign key (user_id, month, post_id) references budgets.flattr (user_id, month, post_id)
);

create index earning_by_creator on budgets.earning (creator_id, month);
