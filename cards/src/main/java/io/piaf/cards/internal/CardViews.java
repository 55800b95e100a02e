package io.piaf.cards.internal;

import java.util.List;
import java.util.Map;

import io.piaf.cards.Merchant;
import io.piaf.cards.internal.domain.DeclineReason;
import io.piaf.common.ApiFormats;
import io.piaf.payments.Money;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** The cards API's JSON shapes. A card shows BIN and last four only; the full number appears in {@link Revealed} alone. */
final class CardViews {

    private CardViews() {
    }

    static final String UUID = "uuid";
    /** A card list shows this many newest cards at most. */
    static final int LIST_MAX = 100;
    static final String MCC = "^[0-9]{4}$";
    static final String COUNTRY = "^[A-Z]{2}$";

    @Schema(name = "CardMoney", description = "Money as a decimal string with two decimals: euros, but for a purchase declined "
            + "because of its currency (`unsupported_currency`), which shows the currency the network asked for")
    record MoneyJson(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX, example = "12.50")
            String amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Z]{3}$", maxLength = 3, example = "EUR") String currency) {

        static MoneyJson of(long cents) {
            return new MoneyJson(Money.eur(cents).decimal(), "EUR");
        }
    }

    @Schema(name = "CardControls")
    record ControlsView(
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson perTransaction,
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson daily,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Approved today (the card's time zone), held or cleared")
            MoneyJson spentToday,
            @ArraySchema(maxItems = 50, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED, description = "Merchant category codes (ISO 18245)"),
                    schema = @Schema(pattern = MCC, maxLength = 4)) List<String> blockedMcc,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean online,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean contactless,
            @ArraySchema(maxItems = 50, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED, description = "ISO 3166 alpha-2"),
                    schema = @Schema(pattern = COUNTRY, maxLength = 2)) List<String> blockedCountries) {
    }

    @Schema(name = "DebitCard", description = "A Piaf debit card, masked: BIN and last four only")
    record CardView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = UUID) String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "VIRTUAL", "SINGLE_USE" }) String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "ACTIVE", "FROZEN", "CANCELLED" }) String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Za-z0-9 _-]{1,20}$", maxLength = 20, example = "VISA") String brand,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{6}$", maxLength = 6) String bin,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4) String last4,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "12") int expMonth,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "2000", maximum = "2100") int expYear,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = CARDHOLDER, maxLength = 26, example = "ALICE MARTIN") String cardholderName,
            @Schema(requiredMode = RequiredMode.REQUIRED) ControlsView controls,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt) {
    }

    /** The name embossed: upper-case ASCII letters, spaces and hyphens (CardService.cardholderName). */
    static final String CARDHOLDER = "^[A-Z -]{1,26}$";

    @Schema(name = "CardList")
    record CardList(
            @ArraySchema(maxItems = LIST_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "Your newest cards, cancelled ones included"), schema = @Schema(implementation = CardView.class))
            List<CardView> items) {
    }

    @Schema(name = "CardRevealed", description = "The full card data, shown once after the PIN; never cached")
    record Revealed(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{16}$", maxLength = 16) String number,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{3}$", maxLength = 3) String cvc,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "12") int expMonth,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "2000", maximum = "2100") int expYear,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = CARDHOLDER, maxLength = 26) String cardholderName,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time", description = "Hide the number after this") String visibleUntil) {

        @Override
        public String toString() {
            return "Revealed[****]";
        }
    }

    @Schema(name = "CardMerchant")
    record MerchantView(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 60) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = MCC, maxLength = 4, description = "Merchant category code (ISO 18245)") String mcc,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = COUNTRY, maxLength = 2, description = "ISO 3166 alpha-2") String country,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "GROCERIES", "RESTAURANTS", "BARS", "FAST_FOOD", "FUEL",
                    "TRANSPORT", "TRAVEL", "SHOPPING", "ELECTRONICS", "PHARMACY", "ENTERTAINMENT", "DIGITAL", "GAMBLING", "CASH", "OTHER" },
                    description = "The merchant category in a word the app translates") String category) {

        static MerchantView of(Merchant m) {
            return new MerchantView(m.name(), m.mcc(), m.country(), CardViews.category(m.mcc()));
        }
    }

    @Schema(name = "CardTransaction", description = "A card purchase and what became of it")
    record TransactionView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = UUID, description = "The authorization's id") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PENDING", "CLEARED", "REVERSED", "DECLINED", "REFUNDED" })
            String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Cleared and refunded: what was captured; otherwise what was asked")
            MoneyJson amount,
            @Schema(description = "PENDING: what is held on the wallet") MoneyJson held,
            @Schema(description = "What came back, if anything") MoneyJson refunded,
            @Schema(requiredMode = RequiredMode.REQUIRED) MerchantView merchant,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "ONLINE", "CONTACTLESS", "CHIP" }) String channel,
            @Schema(allowableValues = { "insufficient_funds", "card_frozen", "card_cancelled", "limit_exceeded", "mcc_blocked",
                    "channel_blocked", "country_blocked", "incorrect_cvc", "incorrect_expiry", "expired_card", "unknown_card",
                    "invalid_amount", "unsupported_currency" }, description = "DECLINED: the network's reason code") String declineReason,
            @Schema(pattern = ApiFormats.LINE, maxLength = 200, description = "DECLINED: the reason in words") String declineExplanation,
            @Schema(description = "REVERSED because the hold expired uncleared") Boolean expired,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String updatedAt) {

        static TransactionView of(AuthorizationRow a) {
            var shown = switch (a.status()) {
                case "CLEARED", "REFUNDED" -> a.captured();
                default -> a.amount();
            };
            var reason = a.declineReason() == null ? null
                    : java.util.Arrays.stream(DeclineReason.values()).filter(r -> r.code().equals(a.declineReason())).findFirst();
            return new TransactionView(a.id().toString(), a.status(),
                    "EUR".equals(a.currency()) ? MoneyJson.of(shown) : new MoneyJson(Money.eur(shown).decimal(), a.currency()),
                    a.status().equals("PENDING") ? MoneyJson.of(a.held()) : null,
                    a.refunded() > 0 ? MoneyJson.of(a.refunded()) : null, MerchantView.of(a.merchant()), a.channel(),
                    a.declineReason(), reason == null ? null : reason.map(DeclineReason::words).orElse(null),
                    a.expired() ? Boolean.TRUE : null, a.createdAt().toString(), a.updatedAt().toString());
        }
    }

    @Schema(name = "CardTransactionPage")
    record TransactionPage(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(implementation = TransactionView.class)) List<TransactionView> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page") String nextCursor) {
    }

    /** A few merchant category codes (ISO 18245) in words; the app translates the category key. */
    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("5411", "GROCERIES"), Map.entry("5499", "GROCERIES"), Map.entry("5812", "RESTAURANTS"),
            Map.entry("5813", "BARS"), Map.entry("5814", "FAST_FOOD"), Map.entry("5541", "FUEL"), Map.entry("5542", "FUEL"),
            Map.entry("4111", "TRANSPORT"), Map.entry("4121", "TRANSPORT"), Map.entry("4511", "TRAVEL"),
            Map.entry("7011", "TRAVEL"), Map.entry("5311", "SHOPPING"), Map.entry("5651", "SHOPPING"),
            Map.entry("5732", "ELECTRONICS"), Map.entry("5912", "PHARMACY"), Map.entry("7832", "ENTERTAINMENT"),
            Map.entry("5815", "DIGITAL"), Map.entry("5816", "DIGITAL"), Map.entry("5817", "DIGITAL"),
            Map.entry("7995", "GAMBLING"), Map.entry("6011", "CASH"));

    static String category(String mcc) {
        return CATEGORIES.getOrDefault(mcc, "OTHER");
    }
}
