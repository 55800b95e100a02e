package io.piaf.commerce.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.commerce.MerchantId;
import io.piaf.commerce.PayoutPaid;
import io.piaf.commerce.internal.domain.PayoutSchedule;
import io.piaf.common.ProblemException;
import io.piaf.outbox.Outbox;
import io.piaf.payments.AccountId;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Payouts on demand or on the merchant's schedule ({@link ScheduledPayouts}): the merchant's balance (or part of it) to its bank account, here Piaf's sandbox bank, a system
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

    /** Pays out {@code requested} cents, or the whole balance when null. */
    Mono<Payout> payOut(MerchantId merchant, Long requested) {
        return transactional.transactional(Mono.zip(merchants.find(merchant), ledger.openSystemAccount(SANDBOX_BANK)).flatMap(t -> {
            var amount = requested != null ? Mono.just(requested) : balanceOf(t.getT1());
            return amount.flatMap(cents -> {
                if (cents <= 0) {
                    return Mono.error(ProblemException.unprocessable("nothing_to_pay_out", "Your balance is 0.00 EUR."));
                }
                return post(t.getT1(), t.getT2(), UUID.randomUUID(), cents, null).flatMap(result -> switch (result) {
                    case Posted p -> Mono.just(p.payout());
                    case Short s -> Mono.error(ProblemException.unprocessable("insufficient_balance",
                            "Your balance is lower than " + Money.eur(cents).decimal() + " EUR."));
                    case AlreadyPaid a -> Mono.error(new IllegalStateException("Payout ids are random: " + a));
                });
            });
        }));
    }

    /**
     * The run of {@code merchant}'s schedule due on {@code day}, in the caller's transaction: its whole balance, under an
     * id derived from the merchant and the day (so the run pays at most once); empty when the balance is 0. A payout
     * made meanwhile (the ledger refuses to overdraw) makes it read the balance again.
     */
    Mono<Payout> payOutScheduled(MerchantId merchant, LocalDate day) {
        var id = PayoutSchedule.payoutId(merchant.value(), day);
        return Mono.zip(merchants.find(merchant), ledger.openSystemAccount(SANDBOX_BANK))
                .flatMap(t -> balanceOf(t.getT1()).filter(cents -> cents > 0).flatMap(cents -> post(t.getT1(), t.getT2(), id, cents, day)))
                .flatMap(result -> switch (result) {
                    case Posted p -> Mono.just(p.payout());
                    case AlreadyPaid a -> Mono.empty();
                    case Short s -> Mono.error(new BalanceMoved());
                })
                .retryWhen(Retry.max(3).filter(BalanceMoved.class::isInstance));
    }

    private sealed interface Outcome {
    }

    private record Posted(Payout payout) implements Outcome {
    }

    private record Short() implements Outcome {
    }

    private record AlreadyPaid(UUID id) implements Outcome {
    }

    private static final class BalanceMoved extends RuntimeException {
        BalanceMoved() {
            super("The balance went down between reading it and paying it out", null, false, false);
        }
    }

    private Mono<Long> balanceOf(MerchantStore.Merchant merchant) {
        return ledger.balance(merchant.account()).map(Money::minorUnits).defaultIfEmpty(0L);
    }

    /** The transfer, the payout row and its event, in the caller's transaction. */
    private Mono<Outcome> post(MerchantStore.Merchant merchant, AccountId bank, UUID id, long cents, LocalDate scheduledFor) {
        return ledger.post(Transfer.between(new TransferId(id), "PAYOUT", id.toString(), merchant.account(), "Payout to your bank account",
                bank, "Payout of " + merchant.name(), Money.eur(cents))).flatMap(result -> switch (result) {
            case TransferResult.Posted posted -> {
                var payout = new Payout(id, merchant.id(), cents, "PAID", posted.at(), posted.at());
                var insert = db.sql("""
                        insert into commerce.payout (id, merchant_id, amount, status, transfer_id, created_at, paid_at, scheduled_for)
                        values ($1, $2, $3, 'PAID', $1, $4, $4, $5)""")
                        .bind(0, id).bind(1, merchant.id().value()).bind(2, cents).bind(3, posted.at().atOffset(ZoneOffset.UTC));
                insert = scheduledFor == null ? insert.bindNull(4, LocalDate.class) : insert.bind(4, scheduledFor);
                yield insert.then().then(outbox.append(new PayoutPaid(id, merchant.id(), Money.eur(cents), posted.at())))
                        .thenReturn((Outcome) new Posted(payout));
            }
            case TransferResult.InsufficientFunds f -> Mono.just(new Short());
            case TransferResult.AlreadyPosted a -> Mono.just(new AlreadyPaid(id));
            default -> Mono.error(new IllegalStateException("Payout of " + merchant.id() + " could not be posted: " + result));
        });
    }

    Flux<Payout> recent(MerchantId merchant, int limit) {
        return db.sql("select * from commerce.payout where merchant_id = $1 order by created_at desc limit $2")
                .bind(0, merchant.value()).bind(1, limit)
                .map(r -> new Payout(r.get("id", UUID.class), merchant, r.get("amount", Long.class), r.get("status", String.class),
                        r.get("created_at", Instant.class), r.get("paid_at", Instant.class)))
                .all();
    }
}
