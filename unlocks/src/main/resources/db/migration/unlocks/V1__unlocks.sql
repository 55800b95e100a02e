-- Unlocks: items whose content a user unlocks by publishing the creator's post, and the unlocks. Users and posts
-- live in identity and messaging; unlocks keeps their ids, plus handles (immutable) so that stats need no join.

create table unlocks.unlockable (
    id             uuid primary key,
    creator_id     uuid        not null,
    creator_handle text        not null,
    title          text        not null,
    teaser         text        not null,
    content_text   text,
    content_url    text,
    -- the creator's template with the item's link put in, as users see and edit it
    post_template  text        not null,
    -- fragments every published post must keep; the first is the item's link
    required_text  text[]      not null,
    max_length     int         not null check (max_length between 1 and 280),
    created_at     timestamptz not null,
    check (content_text is not null or content_url is not null)
);
create index unlockable_by_creator on unlocks.unlockable (creator_id, created_at);

create table unlocks.unlock (
    id             uuid primary key,
    unlockable_id  uuid        not null references unlocks.unlockable (id),
    user_id        uuid        not null,
    user_handle    text        not null,
    -- the post the user published to unlock; its deletion within the window revokes the unlock
    post_id        uuid        not null unique,
    -- the author's followers when the post was published
    audience       int         not null check (audience >= 0),
    -- the unlock post the user came from, if any, and its author
    via_post_id    uuid,
    via_user_id    uuid,
    via_handle     text,
    created_at     timestamptz not null,
    revoked_at     timestamptz,
    check ((via_post_id is null) = (via_user_id is null))
);
-- One unlock per user and item; after a revocation the user may unlock again by posting again.
create unique index unlock_once on unlocks.unlock (unlockable_id, user_id) where revoked_at is null;
-- The hourly limit counts a user's unlocks, revoked ones too.
create index unlock_by_user on unlocks.unlock (user_id, created_at);
create index unlock_by_item on unlocks.unlock (unlockable_id, created_at);
