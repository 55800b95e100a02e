package io.piaf.cards.internal;

import java.util.List;
import java.util.Map;

import io.piaf.cards.Merchant;
import io.piaf.cards.internal.domain.DeclineReason;
import io.piaf.payments.Money;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** The cards API's JSON shapes. A card shows BIN and last four only; the full number appears in {@link Revealed} alone. */
final class CardViews {

    private CardViews() {
    }

    @Schema(description = "Money as a decimal string with two decimals, in euros.")
    record MoneyJson(@Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^-?[0-9]{1,12}\\.[0-9]{2}$", example = "12.50") String amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "EUR") String currency) {

        static MoneyJson of(long cents) {
            return new MoneyJson(Money.eur(cents).decimal(), "EUR");
        }
    }

    record ControlsView(MoneyJson perTransaction, MoneyJson daily, MoneyJson spentToday,
            @ArraySchema(maxItems = 50, schema = @Schema(pattern = "^[0-9]{4}$")) List<String> blockedMcc,
            boolean online, boolean contactless,
            @ArraySchema(maxItems = 50, schema = @Schema(pattern = "^[A-Z]{2}$")) List<String> blockedCountries) {
    }

    record CardView(String id, @Schema(allowableValues = { "VIRTUAL", "SINGLE_USE" }) String type,
            @Schema(allowableValues = { "ACTIVE", "FROZEN", "CANCELLED" }) String status, String brand,
            @Schema(pattern = "^[0-9]{6}$") String bin, @Schema(pattern = "^[0-9]{4}$") String last4,
            @Schema(minimum = "1", maximum = "12") int expMonth, int expYear, String cardholderName, ControlsView controls,
            String createdAt) {
    }

    record CardList(List<CardView> items) {
    }

    record Revealed(@Schema(pattern = "^[0-9]{16}$") String number, @Schema(pattern = "^[0-9]{3}$") String cvc, int expMonth,
            int expYear, String cardholderName, String visibleUntil) {

        @Override
        public String toString() {
            return "Revealed[****]";
        }
    }

    record MerchantView(String name, String mcc, String country, String category) {

        static MerchantView of(Merchant m) {
            return new MerchantView(m.name(), m.mcc(), m.country(), CardViews.category(m.mcc()));
        }
    }

    record TransactionView(String id,
            @Schema(allowableValues = { "PENDING", "CLEARED", "REVERSED", "DECLINED", "REFUNDED" }) String status,
            MoneyJson amount, MoneyJson held, MoneyJson refunded, MerchantView merchant, String channel,
            String declineReason, String declineExplanation, Boolean expired, String createdAt, String updatedAt) {

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

    record TransactionPage(List<TransactionView> items, String nextCursor) {
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
