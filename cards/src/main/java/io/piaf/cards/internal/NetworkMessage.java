package io.piaf.cards.internal;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.piaf.cards.Merchant;
import io.piaf.cards.internal.domain.Channel;
import io.piaf.cards.internal.domain.NetworkAmount;
import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A message from the card network, in Piaf's JSON dialect of ISO 8583. Its {@link #toString()} never shows the PAN
 * nor the CVC, so that logging a message cannot leak card data.
 */
@Schema(name = "CardNetworkMessage", description = "An AUTHORIZATION carries pan, expMonth, expYear, amount, merchant and channel "
        + "(cvc if the card was read); the others name the authorizationId they apply to (a REVERSAL may name the originalId of "
        + "its message instead); every type but REVERSAL carries amount")
record NetworkMessage(
        @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Za-z0-9_.:-]{1,64}$", maxLength = 64,
                description = "The network's message id: the same id again gets the same answer") String id,
        @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "AUTHORIZATION", "INCREMENTAL", "REVERSAL", "CLEARING", "REFUND" })
        String type,
        @Schema(pattern = "^[0-9]{12,19}$", maxLength = 19, description = "AUTHORIZATION: the card number") String pan,
        @Schema(minimum = "1", maximum = "12") Integer expMonth,
        @Schema(minimum = "2000", maximum = "2100") Integer expYear,
        @Schema(pattern = "^[0-9]{3,4}$", maxLength = 4) String cvc,
        Money amount,
        MerchantJson merchant,
        @Schema(allowableValues = { "ONLINE", "CONTACTLESS", "CHIP" }) String channel,
        @Schema(format = "uuid", description = "The id the issuer answered to the AUTHORIZATION") String authorizationId,
        @Schema(pattern = "^[A-Za-z0-9_.:-]{1,64}$", maxLength = 64, description = "REVERSAL: the id of the message it reverses") String originalId) {

    @Schema(name = "CardNetworkAmount", description = "A decimal string; an amount of zero or less (invalid_amount) or a currency "
            + "other than EUR (unsupported_currency) is declined")
    record Money(
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", pattern = "^-?[0-9]{1,12}(\\.[0-9]{1,2})?$", maxLength = 16)
            Object amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Z]{3}$", maxLength = 3) String currency) {
    }

    @Schema(name = "CardNetworkMerchant")
    record MerchantJson(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 60) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4) String mcc,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Z]{2}$", maxLength = 2) String country) {
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
