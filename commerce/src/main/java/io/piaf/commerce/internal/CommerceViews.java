package io.piaf.commerce.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.piaf.commerce.internal.domain.Checkouts;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON shapes of commerce's answers and webhook objects. Amounts are {@code {"amount":"12.50","currency":"EUR"}}. */
final class CommerceViews {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CommerceViews() {
    }

    static Map<String, String> money(long cents) {
        return Map.of("amount", Checkouts.decimal(cents), "currency", "EUR");
    }

    static List<Map<String, Object>> items(String lineItems) {
        List<Map<String, Object>> stored = JSON.readValue(lineItems, new TypeReference<List<Map<String, Object>>>() { });
        return stored.stream().map(item -> {
            var view = new LinkedHashMap<String, Object>();
            view.put("name", item.get("name"));
            view.put("quantity", item.get("quantity"));
            view.put("unitAmount", money(((Number) item.get("unitAmount")).longValue()));
            return (Map<String, Object>) view;
        }).toList();
    }

    /** The merchant's view of a session (also the webhook object). */
    static Map<String, Object> session(SessionStore.Session s, CommerceProperties properties) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", s.id().toString());
        view.put("object", "checkout.session");
        view.put("status", Checkouts.effective(s.status(), s.expiresAt(), Instant.now()).name());
        view.put("amount", money(s.amount()));
        view.put("amountRefunded", money(s.refunded()));
        view.put("lineItems", items(s.lineItems()));
        view.put("reference", s.reference());
        view.put("metadata", JSON.readValue(s.metadata(), new TypeReference<Map<String, Object>>() { }));
        view.put("url", url(s, properties));
        view.put("successUrl", s.successUrl());
        view.put("cancelUrl", s.cancelUrl());
        view.put("expiresAt", s.expiresAt().toString());
        view.put("createdAt", s.createdAt().toString());
        if (s.paymentId() != null) {
            view.put("paymentId", s.paymentId().toString());
            view.put("completedAt", s.completedAt().toString());
        }
        return view;
    }

    /** What the buyer sees before paying: the merchant, the items, the total; nothing of the merchant's metadata. */
    static Map<String, Object> forPayer(SessionStore.Session s, MerchantStore.Merchant merchant, boolean paidByCaller) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", s.id().toString());
        view.put("status", Checkouts.effective(s.status(), s.expiresAt(), Instant.now()).name());
        view.put("merchant", Map.of("id", merchant.id().toString(), "name", merchant.name(), "mcc", merchant.mcc(),
                "supportEmail", merchant.supportEmail()));
        view.put("amount", money(s.amount()));
        view.put("lineItems", items(s.lineItems()));
        view.put("expiresAt", s.expiresAt().toString());
        view.put("cancelUrl", s.cancelUrl());
        if (paidByCaller) {
            view.put("successUrl", s.successUrl());
            view.put("paymentId", s.paymentId().toString());
        }
        return view;
    }

    static String url(SessionStore.Session s, CommerceProperties properties) {
        var base = properties.appUrl().endsWith("/") ? properties.appUrl().substring(0, properties.appUrl().length() - 1) : properties.appUrl();
        return base + "/checkout/" + s.id();
    }
}
