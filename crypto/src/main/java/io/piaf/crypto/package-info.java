/**
 * Crypto owns custodial wallets on an EVM chain and their keys, the EURP euro stablecoin, buying and selling it
 * against the EUR wallet (through payments' ledger), token transfers (by API, post or direct message) and their
 * reconciliation with the chain. Every chain call goes through web3j.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Crypto",
        allowedDependencies = { "common", "outbox", "identity", "messaging", "payments", "idempotency" })
package io.piaf.crypto;
