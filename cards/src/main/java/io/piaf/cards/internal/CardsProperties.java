package io.piaf.cards.internal;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code piaf.cards.*}. Keys are secrets: set them from a secret store ({@code PIAF_CARDS_*} variables); when unset,
 * each comes from platform's secret files ({@code piaf.secrets.dir}, generated in development only) — never a table.
 *
 * @param bin the issuer's BIN, the first six digits of every PAN (a test range)
 * @param brand the network brand cards show
 * @param panKeys AES-256 keys that encrypt PANs, {@code id:base64} separated by commas; the first encrypts, every one
 *        decrypts, so a new key is put first and old cards are re-encrypted at start
 * @param verificationKey base64, at least 256 bits: card-verification key 1, the original one; derives the CVVs of the
 *        cards issued under it and the PAN lookup hash (which never rotates: it stays while cards exist)
 * @param verificationKeys rotated card-verification keys, {@code id:base64} comma-separated, newest first: new cards
 *        are issued under the first, every card keeps verifying under the key it names until it expires (an id is
 *        never reused, and {@code 1} is {@code verificationKey}); empty before the first rotation
 * @param networkSecret the HMAC key the card network signs its messages with
 * @param replayWindow how old (or early) a network message's timestamp may be
 * @param overCaptureTolerancePercent how much above the authorized amount a clearing may capture
 * @param holdExpiry when an authorization never cleared is released
 * @param revealFor how long the app shows a revealed card
 * @param zone whose midnight resets the daily limits
 * @param validityYears how long an issued card is valid
 * @param maxCardsPerUser how many cards (not cancelled) a user may hold
 * @param sweepInterval how often expired holds are released
 * @param approvalBatch how many authorizations one approving statement may answer at most (a {@code MicroBatcher})
 * @param approvalLanes how many approving statements may run at once (wallets are spread over lanes); authorizations
 *        arriving while their lane's statement runs wait for its next, together
 */
@ConfigurationProperties("piaf.cards")
record CardsProperties(
        @DefaultValue("489537") String bin,
        @DefaultValue("VISA") String brand,
        String panKeys,
        String verificationKey,
        String verificationKeys,
        String networkSecret,
        @DefaultValue("300s") Duration replayWindow,
        @DefaultValue("20") int overCaptureTolerancePercent,
        @DefaultValue("7d") Duration holdExpiry,
        @DefaultValue("60s") Duration revealFor,
        @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("3") int validityYears,
        @DefaultValue("10") int maxCardsPerUser,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("32") int approvalBatch,
        @DefaultValue("2") int approvalLanes) {
}
