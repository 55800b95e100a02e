package io.piaf.crypto;

/** What a crypto operation is: tokens bought with euros, sold back for euros, or sent/received. */
public enum CryptoKind {
    BUY, SELL, TRANSFER
}
