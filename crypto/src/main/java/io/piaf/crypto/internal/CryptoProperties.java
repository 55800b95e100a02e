package io.piaf.crypto.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code piaf.crypto.*}.
 *
 * @param confirmations blocks on top of a transaction's before Piaf treats it as final (1 on the dev chain)
 * @param reorgDepth how many blocks back the reading of incoming transfers starts again when the chain reorganised
 * @param droppedAfter a received transfer whose block was reorganised away and that no block carries again by then
 *        is marked failed (it was never credited)
 * @param pollInterval how often the chain is read for new blocks and receipts (web3j's default, 15 s, is for mainnet)
 * @param transferWindow how long a transfer waits for its PIN
 * @param buyTimeout how long a buy's mint may wait for the chain before the buy is refunded
 * @param stuckAfter a sent transaction not mined by then is replaced with a higher fee
 * @param perTransferCap the most one transfer may send, in euro cents of value (as payments' cap to a person)
 * @param dailyCap the most a user may send in tokens per day, in euro cents of value
 * @param keyEncryptionKey base64 AES-256 key that encrypts custodial keys; generated into {@code secretsDir} when unset
 * @param keyId the id of that key, stored beside each encrypted key so that a new key can take over (rotation)
 * @param previousKeys older keys still able to decrypt, as {@code id:base64,id:base64}; re-encrypted at start
 */
@ConfigurationProperties("piaf.crypto")
record CryptoProperties(
        @DefaultValue Chain chain,
        @DefaultValue("1") int confirmations,
        @DefaultValue("64") int reorgDepth,
        @DefaultValue("1h") Duration droppedAfter,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("15m") Duration transferWindow,
        @DefaultValue("10m") Duration buyTimeout,
        @DefaultValue("60s") Duration stuckAfter,
        @DefaultValue("25000") long perTransferCap,
        @DefaultValue("100000") long dailyCap,
        @DefaultValue("30s") Duration reconcileInterval,
        String keyEncryptionKey,
        @DefaultValue("kek-1") String keyId,
        String previousKeys,
        @DefaultValue("data/secrets") Path secretsDir) {

    /**
     * @param url a JSON-RPC URL (http(s):// or ws(s)://); empty: Piaf starts its dev chain (Ganache) itself
     * @param dataDir where the dev chain keeps its blocks
     * @param clean wipe the dev chain's data once per JVM at start (tests)
     * @param chainId the dev chain's id (a configured chain's id is read from it)
     * @param ganacheHome the directory where the build ran {@code npm ci} for the dev chain
     * @param faucetKey a funded key that tops up the treasury's gas: on the dev chain Piaf starts, Ganache's first
     *        well-known test account unless set; on a configured chain none unless set (a local cluster's shared
     *        Ganache sets it, bin/cluster)
     * @param blockTime seconds between dev chain blocks; 0 mines each transaction at once
     * @param timeout how long one call to the node may take before it counts as unavailable
     */
    record Chain(String url, @DefaultValue("data/chain") Path dataDir, @DefaultValue("false") boolean clean,
            @DefaultValue("1337") long chainId, String ganacheHome,
            String faucetKey, @DefaultValue("0") int blockTime, @DefaultValue("10s") java.time.Duration timeout) {

        private static final String GANACHE_FIRST_ACCOUNT = "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";

        boolean dev() {
            return url == null || url.isBlank();
        }

        /** The faucet's key, or null: no faucet. */
        String faucet() {
            return faucetKey != null && !faucetKey.isBlank() ? faucetKey : dev() ? GANACHE_FIRST_ACCOUNT : null;
        }
    }
}
