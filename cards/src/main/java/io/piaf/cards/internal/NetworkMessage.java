package io.piaf.cards.internal;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.piaf.cards.Merchant;
import io.piaf.cards.internal.domain.Channel;
import io.piaf.cards.internal.domain.NetworkAmount;
import io.piaf.common.ProblemException;

/**
 * A message from the card network, in Piaf's JSON dialect of ISO 8583. Its {@link #toString()} never shows the PAN
 * nor the CVC, so that logging a message cannot leak card data.
 */
record NetworkMessage(String id, String type, String pan, Integer expMonth, Integer expYear, String cvc, Money amount,
        MerchantJson merchant, String channel, String authorizationId, String originalId) {

    record Money(Object amount, String currency) {
    }

    record MerchantJson(String name, String mcc, String country) {
    }

    static final Set<String> TYPES = Set.of("AUTHORIZATION", "INCREMENTAL", "REVERSAL", "CLEARING", "REFUND");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{Zs}\\p{S}]{1,60}");

    /** Checks the message's form; a message the issuer cannot read is a 400, not a decline. */
    NetworkMessage validated() {
        if (id == null || !ID.matcher(id).matches()) {
            throw invalid("id is 1 to 64 letters, digits or ._:-");
        }
        if (type == null || !TYPES.contains(type)) {
            throw invalid("type is one of " + TYPES);
        }
        if (type.equals("AUTHORIZATION")) {
            if (pan == null || expMonth == null || expYear == null || merchant == null || channel == null) {
                throw invalid("an AUTHORIZATION carries pan, expMonth, expYear, amount, merchant and channel");
            }
            if (expMonth < 1 || expMonth > 12 || expYear < 2000 || expYear > 2100) {
                throw invalid("expMonth is 1-12 and expYear four digits");
            }
            if (cvc != null && !cvc.matches("[0-9]{3,4}")) {
                throw invalid("cvc is 3 or 4 digits");
            }
            parsedChannel();
            parsedMerchant();
        } else if (authorization() == null && !(type.equals("REVERSAL") && originalId != null && ID.matcher(originalId).matches())) {
            throw invalid("a " + type + " names the authorizationId it applies to" + (type.equals("REVERSAL") ? " (or the originalId of its message)" : ""));
        }
        if (!type.equals("REVERSAL") || amount != null) {
            if (amount == null || cents() == null || amount.currency() == null || !amount.currency().matches("[A-Z]{3}")) {
                throw invalid("amount is {\"amount\":\"12.50\",\"currency\":\"EUR\"}");
            }
        }
        return this;
    }

    Long cents() {
        return amount == null ? null : NetworkAmount.cents(amount.amount());
    }

    String currency() {
        return amount == null ? null : amount.currency();
    }

    Channel parsedChannel() {
        try {
            return Channel.valueOf(channel);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid("channel is ONLINE, CONTACTLESS or CHIP");
        }
    }

    Merchant parsedMerchant() {
        if (merchant == null || merchant.name() == null || !NAME.matcher(merchant.name()).matches()
                || merchant.mcc() == null || !merchant.mcc().matches("[0-9]{4}")
                || merchant.country() == null || !merchant.country().matches("[A-Z]{2}")) {
            throw invalid("merchant is {\"name\" (1-60 printable characters), \"mcc\" (4 digits), \"country\" (ISO alpha-2)}");
        }
        return new Merchant(merchant.name(), merchant.mcc(), merchant.country());
    }

    UUID authorization() {
        try {
            return authorizationId == null ? null : UUID.fromString(authorizationId);
        } catch (IllegalArgumentException e) {
            throw invalid("authorizationId is the id the issuer answered");
        }
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid_message", "The network message is malformed: " + detail + ".");
    }

    @Override
    public String toString() {
        return "NetworkMessage[id=" + id + ", type=" + type + ", authorizationId=" + authorizationId + "]";
    }
}
