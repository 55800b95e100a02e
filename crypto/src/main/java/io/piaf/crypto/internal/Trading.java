package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.crypto.CryptoBuyRequested;
import io.piaf.crypto.CryptoKind;
import io.piaf.crypto.CryptoSellRequested;
import io.piaf.crypto.CryptoTransactionId;
import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.crypto.internal.domain.TokenAmounts;
import io.piaf.identity.UserId;
import io.piaf.outbox.Outbox;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Payments;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import reactor.core.publisher.Mono;

/**
 * Buying and selling EURP against the EUR wallet (1 EURP = 1.00 EUR). Each is a saga whose first step commits with
 * its event: a buy debits the wallet to the treasury account then asks for a mint; a sell asks for a burn (the
 * euros come when it is final). The chain must answer before the first step, so that a chain that is down debits
 * nothing (503).
 */
@Service
class Trading {

    private final Custody custody;
    private final AccountLocks locks;
    private final OperationStore operations;
    private final Ledger ledger;
    private final Payments payments;
    private final Outbox outbox;
    private final Chain chain;
    private final Token token;
    private final TransactionalOperator transactional;

    Trading(Custody custody, AccountLocks locks, OperationStore operations, Ledger ledger, Payments payments, Outbox outbox, Chain chain,
            Token token, ReactiveTransactionManager transactions) {
        this.custody = custody;
        this.locks = locks;
        this.operations = operations;
        this.ledger = ledger;
        this.payments = payments;
        this.outbox = outbox;
        this.chain = chain;
        this.token = token;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** Buys tokens worth {@code cents}; {@code inTransaction} stores the idempotent response with it. */
    Mono<OperationRow> buy(UserId user, long cents, java.util.function.Function<OperationRow, Mono<Void>> inTransaction) {
        var amount = TokenAmounts.fromEuroCents(cents, Token.DECIMALS);
        // The account is made in the buy's transaction: a refused buy leaves nothing behind.
        return token.address().then(chain.requireUp()).then(transactional.transactional(custody.accountOf(user).flatMap(account -> {
            var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            var op = new OperationRow(CryptoTransactionId.random(), user, CryptoKind.BUY, true, Token.SYMBOL, amount, cents,
                    null, account.address(), null, null, OperationStatus.PENDING, null, null, null, null, null, null, "API", null, null, now);
            return Mono.zip(payments.wallet(user), ledger.openSystemAccount(Settlement.TREASURY_ACCOUNT)).flatMap(accounts ->
                    operations.insert(op).then(ledger.post(Transfer.between(TransferId.random(), "CRYPTO_BUY", op.id().toString(),
                            accounts.getT1().account(), "Bought " + Token.amount(amount), accounts.getT2(), "EURP issued", Money.eur(cents)))))
                    .flatMap(result -> switch (result) {
                        case TransferResult.Posted posted -> outbox.append(new CryptoBuyRequested(op.id(), user, Money.eur(cents), Token.amount(amount), now))
                                .then(inTransaction.apply(op)).thenReturn(op);
                        case TransferResult.InsufficientFunds short_ -> Mono.error(ProblemException.unprocessable("insufficient_funds",
                                "Your EUR wallet holds less than " + Money.eur(cents) + "; top up first."));
                        default -> Mono.error(new IllegalStateException("Buy " + op.id() + " could not post: " + result));
                    });
        })));
    }

    /** Sells {@code amount} base units of EURP; refused when Piaf's view of the account holds less (minus what is on its way out). */
    Mono<OperationRow> sell(UserId user, BigInteger amount, java.util.function.Function<OperationRow, Mono<Void>> inTransaction) {
        var cents = TokenAmounts.euroCents(amount, Token.DECIMALS);
        return token.address().then(chain.requireUp()).then(transactional.transactional(custody.accountOf(user).flatMap(account -> {
            var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            var op = new OperationRow(CryptoTransactionId.random(), user, CryptoKind.SELL, false, Token.SYMBOL, amount, cents,
                    account.address(), null, null, null, OperationStatus.PENDING, null, null, null, null, null, null, "API", null, null, now);
            return locks.available(account.address())
                    .flatMap(available -> available.compareTo(amount) < 0
                            ? Mono.error(ProblemException.unprocessable("insufficient_funds",
                                    "Your account holds " + Token.amount(available) + " available; you cannot sell " + Token.amount(amount) + "."))
                            : operations.insert(op)
                                    .then(outbox.append(new CryptoSellRequested(op.id(), user, Token.amount(amount), Money.eur(cents), now)))
                                    .then(inTransaction.apply(op)).thenReturn(op));
        })));
    }
}
