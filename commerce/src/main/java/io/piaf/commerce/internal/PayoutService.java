package io.piaf.commerce.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.commerce.MerchantId;
import io.piaf.commerce.PayoutPaid;
import io.piaf.common.ProblemException;
import io.piaf.outbox.Outbox;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Payouts on demand: the merchant's balance (or part of it) to its bank account, here Piaf's sandbox bank, a system
 * account of the ledger that pays at once. The transfer, the payout row, its event and the Idempotency-Key commit
 * together; the ledger refuses to take a merchant account below zero, so concurrent payouts cannot overdraw it.
 */
@Service
class PayoutService {

    static final String SANDBOX_BANK = "PAYOUT_SANDBOX_BANK";

    record Payout(UUID id, MerchantId merchant, long amount, String status, Instant createdAt, Instant paidAt) {
    }

    private final Merchants merchants;
    private final Ledger ledger;
    private final Outbox outbox;
    private final DatabaseClient db;
    private final TransactionalOperator transactional;

    PayoutService(Merchants merchants, Ledger ledger, Outbox outbox, DatabaseClient db, ReactiveTransactionManager transactions) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.outbox = outbox;
        this.db = db;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** The merchant's balance: what checkouts brought in, less refunds and payouts. */
    Mono<Long> balance(MerchantId merchant) {
        return merchants.find(merchant).flatMap(m -> ledger.balance(m.account())).map(Money::minorUnits).defaultIfEmpty(0L);
    }

    /** Pays out {@code requested} cents, or the whole balance when null; {@code store} keeps the Idempotency-Key's answer. */
    Mono<Payout> payOut(MerchantId merchant, Long requested, java.util.function.Function<Payout, Mono<Void>> store) {
        return transactional.transactional(Mono.zip(merchants.find(merchant), ledger.openSystemAccount(SANDBOX_BANK)).flatMap(t -> {
            var account = t.getT1().account();
            var amount = requested != null ? Mono.just(requested) : ledger.balance(account).map(Money::minorUnits).defaultIfEmpty(0L);
            return amount.flatMap(cents -> {
                if (cents <= 0) {
                    return Mono.error(ProblemException.unprocessable("nothing_to_pay_out", "Your balance is 0.00 EUR."));
                }
                var id = UUID.randomUUID();
                return ledger.post(Transfer.between(new TransferId(id), "PAYOUT", id.toString(), account, "Payout to your bank account",
                        t.getT2(), "Payout of " + t.getT1().name(), Money.eur(cents))).flatMap(result -> switch (result) {
                    case TransferResult.Posted posted -> {
                        var payout = new Payout(id, merchant, cents, "PAID", posted.at(), posted.at());
                        yield db.sql("""
                                insert into commerce.payout (id, merchant_id, amount, status, transfer_id, created_at, paid_at)
                                values ($1, $2, $3, 'PAID', $1, $4, $4)""")
                                .bind(0, id).bind(1, merchant.value()).bind(2, cents).bind(3, posted.at().atOffset(java.time.ZoneOffset.UTC)).then()
                                .then(outbox.append(new PayoutPaid(id, merchant, Money.eur(cents), posted.at())))
                                .then(store.apply(payout)).thenReturn(payout);
                    }
                    case TransferResult.InsufficientFunds f -> Mono.error(ProblemException.unprocessable("insufficient_balance",
                            "Your balance is lower than " + Money.eur(cents).decimal() + " EUR."));
                    default -> Mono.error(new IllegalStateException("Payout of " + merchant + " could not be posted: " + result));
                });
            });
        }));
    }

    Flux<Payout> recent(MerchantId merchant, int limit) {
        return db.sql("select * from commerce.payout where merchant_id = $1 order by created_at desc limit $2")
                .bind(0, merchant.value()).bind(1, limit)
                .map(r -> new Payout(r.get("id", UUID.class), merchant, r.get("amount", Long.class), r.get("status", String.class),
                        r.get("created_at", Instant.class), r.get("paid_at", Instant.class)))
                .all();
    }
}
