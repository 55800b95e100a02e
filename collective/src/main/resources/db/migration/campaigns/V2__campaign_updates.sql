-- A creator's public posts that name their campaign's address: the campaign page lists them and backers are told,
-- once per post (the primary key makes a redelivered PostPublished a no-op). The text is a copy of a public post's.
create table campaigns.campaign_update (
    campaign_id uuid        not null references campaigns.campaign (id),
    post_id     uuid        not null,
    text        text        not null,
    posted_at   timestamptz not null,
    primary key (campaign_id, post_id)
);
create index campaign_update_by_post on campaigns.campaign_update (post_id);
