/**
 * Crypto owns wallets on an EVM chain and their keys. Placeholder: its features come later.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Crypto", allowedDependencies = { "common", "outbox", "identity", "payments" })
package io.piaf.crypto;
