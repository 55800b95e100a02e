-- Follow requests to protected accounts: a request becomes a follow when the account approves it, and disappears
-- when it declines it or the requester withdraws it. Never both a request and a follow for one pair.
create table messaging.follow_request (
    requester_id uuid        not null,
    target_id    uuid        not null,
    created_at   timestamptz not null,
    primary key (requester_id, target_id),
    check (requester_id <> target_id)
);
-- A protected account's pending requests, newest first.
create index follow_request_by_target on messaging.follow_request (target_id, created_at, requester_id);
