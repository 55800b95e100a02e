-- An endpoint's failure streak (reset by any delivered attempt): a streak long enough disables it (disabled_at).
alter table commerce.webhook_endpoint
    add column consecutive_failures int not null default 0,
    add column failing_since timestamptz,
    add column disabled_at timestamptz;

-- A manual resend starts a delivery's 3-day retry window again; without one, the window starts at created_at.
alter table commerce.webhook_delivery add column window_started_at timestamptz;
