package io.piaf.crypto.internal;

import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.web3j.utils.Numeric;

import io.piaf.common.ProblemException;
import io.piaf.crypto.CryptoKeyExported;
import io.piaf.identity.Identity;
import io.piaf.identity.Pin;
import io.piaf.identity.PinCheck;
import io.piaf.identity.UserId;
import io.piaf.outbox.Outbox;
import reactor.core.publisher.Mono;

/**
 * A user's own private key, handed over after the PIN: custody must not be a cage (MetaMask, Coinbase Wallet and
 * Trust Wallet all let their users take their keys). The PIN counts with payments' attempts and lockout; the export
 * is announced (the user is notified) in the transaction that records it, before the key leaves.
 */
@Service
class KeyExport {

    /** The key as the user imports it elsewhere: EIP-55 address, 0x-prefixed 32-byte hex secret. */
    record ExportedKey(String address, String privateKey) {
        @Override
        public String toString() {
            return "ExportedKey[" + address + "]";
        }
    }

    private final Identity identity;
    private final AccountStore accounts;
    private final KeyVault vault;
    private final Outbox outbox;
    private final TransactionalOperator transactional;

    KeyExport(Identity identity, AccountStore accounts, KeyVault vault, Outbox outbox, ReactiveTransactionManager transactions) {
        this.identity = identity;
        this.accounts = accounts;
        this.vault = vault;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<ExportedKey> export(UserId user, String pinText) {
        var pin = Pin.parse(pinText);
        return accounts.findByUser(user)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("crypto_wallet_not_found",
                        "You have no crypto account yet, so no key to export.")))
                .flatMap(account -> identity.checkPin(user, pin.digits()).flatMap(check -> switch (check) {
                    case PinCheck.Accepted ok -> transactional.transactional(outbox.append(
                            new CryptoKeyExported(user, Addresses.checksummed(account.address()), Instant.now())))
                            .then(Mono.fromSupplier(() -> reveal(account)));
                    default -> Mono.error(check.problem());
                }));
    }

    private ExportedKey reveal(AccountStore.AccountRow account) {
        var credentials = vault.open(account.key());
        return new ExportedKey(Addresses.checksummed(account.address()),
                Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64));
    }
}
