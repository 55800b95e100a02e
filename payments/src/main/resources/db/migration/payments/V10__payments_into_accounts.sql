-- A payment may land in another account than the payee's wallet: a money pot's, which the pots module opened for its
-- organiser (PaymentOrders). Null for a payment to a person. Part of the terms the PIN confirms, so fixed.
alter table payments.payment add column credit_account uuid references payments.account (id);

create or replace function payments.payment_terms_are_fixed() returns trigger language plpgsql as $$
begin
    if (new.id, new.payer_id, new.payer_wallet, new.payee_id, new.payee_wallet, new.amount, new.currency, new.challenge_digest, new.source, new.source_id, new.credit_account)
            is distinct from (old.id, old.payer_id, old.payer_wallet, old.payee_id, old.payee_wallet, old.amount, old.currency, old.challenge_digest, old.source, old.source_id, old.credit_account) then
        raise exception 'payment %: its terms are fixed', old.id using errcode = 'integrity_constraint_violation';
    end if;
    if new.status <> old.status and old.status <> 'PENDING_CONFIRMATION' then
        raise exception 'payment % is % and cannot become %', old.id, old.status, new.status
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end $$;
