-- A file as an item's content (a few MB), stored in the database: embedded PostgreSQL and several instances sharing
-- one PostgreSQL see the same bytes, backed up and deleted with the rest (ADR 12). A creator uploads it first, then
-- names it when creating the item; an upload no item took is deleted after a day.
create table unlocks.content_file (
    id             uuid primary key,
    creator_id     uuid        not null,
    name           text        not null check (length(name) between 1 and 255),
    content_type   text        not null,
    size           int         not null check (size > 0),
    sha256         bytea       not null,
    data           bytea       not null,
    created_at     timestamptz not null,
    check (octet_length(data) = size)
);
create index content_file_by_creator on unlocks.content_file (creator_id, created_at);

alter table unlocks.unlockable add column file_id uuid unique references unlocks.content_file (id);
alter table unlocks.unlockable drop constraint unlockable_check;
alter table unlocks.unlockable add constraint unlockable_has_content
    check (content_text is not null or content_url is not null or file_id is not null);
