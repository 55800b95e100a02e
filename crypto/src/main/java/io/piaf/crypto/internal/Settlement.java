package io.piaf.crypto.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.crypto.CryptoKind;
import io.piaf.crypto.CryptoTransactionConfirmed;
import io.piaf.crypto.CryptoTransactionFailed;
import io.piaf.crypto.CryptoTransactionId;
import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.crypto.internal.domain.Sagas;
import io.piaf.identity.Identity;
import io.piaf.identity.UserSummary;
import io.piaf.outbox.Outbox;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Payments;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import reactor.core.publisher.Mono;

/**
 * The end of a chain transaction, applied to what it carried, in one R2DBC transaction each: Piaf's view of the
 * balances, the operations' statuses, the sale's euro credit or the failed buy's refund (each a ledger posting of a
 * kind and reference that posts once), and the events. A repeated call finds the transaction already final and does
 * nothing.
 */
@Component
class Settlement {

    private static final Logger log = LoggerFactory.getLogger(Settlement.class);
    static final String TREASURY_ACCOUNT = "CRYPTO_TREASURY";

    private final ChainTxStore txs;
    private final OperationStore operations;
    private final AccountStore accounts;
    private final Ledger ledger;
    private final Payments payments;
    private final Identity identity;
    private final Outbox outbox;
    private final TransactionalOperator transactional;
    private final Signer signer;

    Settlement(ChainTxStore txs, OperationStore operations, AccountStore accounts, Ledger ledger, Payments payments,
            Identity identity, Outbox outbox, ReactiveTransactionManager transactions, @org.springframework.context.annotation.Lazy Signer signer) {
        this.txs = txs;
        this.operations = operations;
        this.accounts = accounts;
        this.ledger = ledger;
        this.payments = payments;
        this.identity = identity;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
        this.signer = signer;
    }

    /** The transaction is deep enough: its operations are final and take effect. */
    Mono<Void> confirmed(ChainTxRow tx) {
        return transactional.transactional(txs.move(tx.id(), "MINED", "CONFIRMED").flatMap(moved -> !moved ? Mono.<Void>empty()
                : operations.byChainTx(tx.id()).concatMap(op -> complete(op, tx)).then()));
    }

    Mono<Void> reverted(ChainTxRow tx) {
        return transactional.transactional(txs.move(tx.id(), "MINED", "REVERTED").flatMap(moved -> !moved ? Mono.<Void>empty()
                : operations.byChainTx(tx.id()).concatMap(op -> fail(op, "reverted")).then()));
    }

    /**
     * A signed transaction whose nonce the chain has already used for another one: abandoned, and the same call
     * signed again with the account's next nonce (read afresh from the chain); its operations follow the new one.
     */
    Mono<Void> renonce(ChainTxRow tx) {
        return transactional.transactional(txs.move(tx.id(), "SIGNED", "DROPPED").flatMap(moved -> !moved ? Mono.<Void>empty()
                : accounts.forgetNonce(tx.from())
                        .then(signer.sign(new Signer.Request(tx.purpose(), tx.operationId(), tx.from(), tx.to(), tx.value(), tx.data(),
                                tx.gasLimit(), tx.gasPrice(), null)))
                        .flatMap(again -> {
                            log.warn("Nonce {} of {} was taken on chain; {} signed again as {}", tx.nonce(), tx.from(), tx.purpose(), again.hash());
                            return operations.carriedBy(tx.id(), again.id(), again.hash()).then(txs.redirectDependents(tx.id(), again.id()));
                        })));
    }

    /** A buy whose mint never got signed in time: refunded (in the caller's transaction). */
    Mono<Void> abandonBuy(OperationRow buy) {
        return fail(buy, "chain_unavailable");
    }

    private Mono<Void> complete(OperationRow op, ChainTxRow tx) {
        return operations.transition(op.id(), OperationStatus.CONFIRMED, null).flatMap(done -> {
            var step = Sagas.onConfirmed(Sagas.Kind.valueOf(op.kind().name()));
            var effect = switch (op.kind()) {
                case BUY -> accounts.adjustBalance(op.toAddress(), op.amount());
                case SELL -> accounts.adjustBalance(op.fromAddress(), op.amount().negate());
                case TRANSFER -> accounts.findByAddress(op.toAddress()).map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty()).flatMap(to -> {
                            var debit = accounts.adjustBalance(op.fromAddress(), op.amount().negate());
                            if (to.isEmpty()) {
                                return debit;
                            }
                            // Accounts are updated in address order: two transfers settled at once, one each way
                            // between the same two accounts, must not deadlock.
                            var credit = accounts.adjustBalance(to.get().address(), op.amount());
                            var both = op.fromAddress().compareTo(to.get().address()) < 0 ? debit.then(credit) : credit.then(debit);
                            return both.then(received(op, to.get(), tx));
                        });
            };
            var credit = step == Sagas.Step.COMPLETE_AND_CREDIT
                    ? euros(op, "CRYPTO_SELL", "Sold " + Token.amount(op.amount()), true) : Mono.<Void>empty();
            return effect.then(credit).then(announce(done, tx.hash(), false));
        }).then();
    }

    /** A Piaf user received the transfer: their own IN operation, final at once (it rode on the sender's transaction). */
    private Mono<Void> received(OperationRow sent, AccountStore.AccountRow to, ChainTxRow tx) {
        if (to.userId() == null) {
            return Mono.empty();
        }
        return identity.find(sent.userId()).flatMap(sender -> {
            var in = new OperationRow(CryptoTransactionId.random(), to.userId(), CryptoKind.TRANSFER, true, sent.token(), sent.amount(),
                    sent.eurCents(), sent.fromAddress(), sent.toAddress(), sent.userId(), sender.handle(), OperationStatus.CONFIRMED,
                    null, tx.id(), tx.hash(), tx.blockNumber(), null, sent.note(), sent.source(), null, null, Instant.now());
            return operations.insert(in).flatMap(inserted -> inserted ? announce(in, tx.hash(), true) : Mono.empty());
        });
    }

    Mono<Void> fail(OperationRow op, String reason) {
        return operations.transition(op.id(), OperationStatus.FAILED, reason).flatMap(failed -> {
            var refund = Sagas.onFailed(Sagas.Kind.valueOf(op.kind().name())) == Sagas.Step.FAIL_AND_REFUND
                    ? euros(op, "CRYPTO_BUY_REFUND", "Refund of a failed EURP buy", true) : Mono.<Void>empty();
            return refund.then(outbox.append(new CryptoTransactionFailed(op.id(), op.userId(), op.kind(), Token.amount(op.amount()),
                    OperationStatus.FAILED.name(), reason, Instant.now())));
        }).then();
    }

    /** Euros from the treasury to the user's wallet (a sale's proceeds, a failed buy's refund). */
    private Mono<Void> euros(OperationRow op, String kind, String memo, boolean toUser) {
        return Mono.zip(payments.wallet(op.userId()), ledger.openSystemAccount(TREASURY_ACCOUNT)).flatMap(accounts -> {
            var transfer = Transfer.between(TransferId.random(), kind, op.id().toString(), accounts.getT2(), memo,
                    accounts.getT1().account(), memo, Money.eur(op.eurCents()));
            return ledger.post(transfer);
        }).flatMap(result -> result instanceof TransferResult.Posted || result instanceof TransferResult.AlreadyPosted
                ? Mono.<Void>empty()
                : Mono.error(new IllegalStateException("Could not post " + kind + " for " + op.id() + ": " + result)));
    }

    private Mono<Void> announce(OperationRow op, String hash, boolean incoming) {
        return identity.find(op.userId()).map(UserSummary::handle).defaultIfEmpty("").flatMap(handle ->
                outbox.append(new CryptoTransactionConfirmed(op.id(), op.userId(), handle, op.kind(), incoming,
                        Token.amount(op.amount()), op.counterpartyHandle(), incoming ? op.fromAddress() : op.toAddress(), hash, Instant.now())));
    }

    /** A transfer from outside Piaf that a reorg took away and no block carried again: failed, never credited. */
    Mono<Void> receivedDropped(OperationRow in) {
        return transactional.transactional(fail(in, "reorganised"));
    }

    /** A transfer from outside Piaf reached a custodial account and is deep enough: credit Piaf's view. */
    Mono<Void> receivedFromOutside(OperationRow in) {
        return transactional.transactional(operations.transition(in.id(), OperationStatus.CONFIRMED, null)
                .flatMap(done -> accounts.adjustBalance(in.toAddress(), in.amount()).then(announce(done, done.txHash(), true))));
    }
}
