-- Messaging: the follow graph, what people publish (posts, and items other modules publish on a user's behalf such
-- as payment receipts), per-user home timelines, direct messages. Users themselves live in identity; messaging keeps
-- their ids, plus the handle and display name of an item's author (both immutable) so that reads need no join.

create table messaging.follow (
    follower_id uuid        not null,
    followee_id uuid        not null,
    created_at  timestamptz not null,
    primary key (follower_id, followee_id),
    check (follower_id <> followee_id)
);
-- Followers of a user, newest first (lists, fan-out); the primary key serves "following" look-ups.
create index follow_followers on messaging.follow (followee_id, created_at, follower_id);
create index follow_following on messaging.follow (follower_id, created_at, followee_id);

-- Counters kept in the transaction of each real follow change: profiles and the fan-out decision read one row.
create table messaging.account_stats (
    user_id   uuid primary key,
    followers int not null default 0 check (followers >= 0),
    following int not null default 0 check (following >= 0)
);

-- Everything that can appear in a timeline. seq orders timelines and is their cursor.
create table messaging.item (
    seq           bigint generated always as identity primary key,
    id            uuid        not null unique,
    -- 'post', or the publisher's kind of item (e.g. 'payment_receipt')
    kind          text        not null check (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
    author_id     uuid        not null,
    author_handle text        not null,
    author_name   text        not null,
    -- the author and the item's parties: their followers form the FOLLOWERS audience; they always see the item
    members       uuid[]      not null,
    visibility    text        not null check (visibility in ('PUBLIC', 'FOLLOWERS', 'PRIVATE')),
    text          text        not null,
    mentions      jsonb       not null default '[]',
    tags          text[]      not null default '{}',
    parties       jsonb,
    party_details jsonb,
    -- annotations other modules attach (e.g. "payment"), shown to the author only
    annotations   jsonb       not null default '{}',
    -- false: the author had too many followers at publish time; their followers pull the item when they read
    fanned_out    boolean     not null,
    created_at    timestamptz not null,
    check (kind <> 'post' or (visibility <> 'PRIVATE' and char_length(text) between 1 and 280))
);
create index item_by_author on messaging.item (author_id, seq);
create index item_pulled on messaging.item (author_id, seq) where not fanned_out;

-- Home timelines written at publish time (fan-out on write): one row per reader and item.
create table messaging.timeline (
    owner_id uuid   not null,
    seq      bigint not null,
    primary key (owner_id, seq)
);

-- Authors who have items that were not fanned out: their followers pull those items at read time. Few rows.
create table messaging.pulled_author (
    author_id uuid primary key,
    since     timestamptz not null default now()
);

-- One conversation per pair of users, stored once with the smaller id first.
create table messaging.conversation (
    id          uuid primary key,
    user_low    uuid        not null,
    user_high   uuid        not null,
    created_at  timestamptz not null,
    last_seq    bigint      not null default 0,
    unique (user_low, user_high),
    check (user_low < user_high)
);
create index conversation_low on messaging.conversation (user_low, last_seq);
create index conversation_high on messaging.conversation (user_high, last_seq);

create table messaging.message (
    seq             bigint generated always as identity primary key,
    id              uuid        not null unique,
    conversation_id uuid        not null references messaging.conversation (id),
    sender_id       uuid        not null,
    text            text        not null check (char_length(text) between 1 and 1000),
    sent_at         timestamptz not null
);
create index message_thread on messaging.message (conversation_id, seq);
