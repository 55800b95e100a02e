-- The expiry sweep finds open sessions past their expiry time without reading the others.
create index checkout_session_open_by_expiry on commerce.checkout_session (expires_at) where status = 'OPEN';
