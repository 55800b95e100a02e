package io.piaf.unlocks.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class UnlockRulesTests {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final UnlockLimits LIMITS = new UnlockLimits(Duration.ofMinutes(10), 3);

    @Test
    void a_new_account_waits_and_is_told_how_long() {
        var young = LIMITS.check(new UnlockLimits.Attempt(NOW.minusSeconds(60), 0, null), NOW).orElseThrow();
        assertThat(young.status()).isEqualTo(422);
        assertThat(young.code()).isEqualTo("account_too_new");
        assertThat(young.properties()).containsEntry("retryAfter", 540L);
        assertThat(LIMITS.check(new UnlockLimits.Attempt(NOW.minus(Duration.ofMinutes(10)), 0, null), NOW)).isEmpty();
    }

    @Test
    void a_burst_of_unlocks_waits_until_the_oldest_of_the_hour_leaves_it() {
        var old = NOW.minus(Duration.ofDays(3));
        assertThat(LIMITS.check(new UnlockLimits.Attempt(old, 2, NOW.minusSeconds(100)), NOW)).isEmpty();
        var burst = LIMITS.check(new UnlockLimits.Attempt(old, 3, NOW.minusSeconds(100)), NOW).orElseThrow();
        assertThat(burst.status()).isEqualTo(429);
        assertThat(burst.code()).isEqualTo("too_many_unlocks");
        assertThat(burst.properties()).containsEntry("retryAfter", 3500L);
    }

    @Test
    void the_account_age_is_checked_before_the_burst() {
        assertThat(LIMITS.check(new UnlockLimits.Attempt(NOW, 3, NOW), NOW).orElseThrow().code()).isEqualTo("account_too_new");
    }

    @Test
    void content_links_open_until_they_expire_and_only_as_signed() {
        var links = new ContentLinks(new byte[32], Duration.ofMinutes(15));
        var item = UUID.randomUUID();
        var user = UUID.randomUUID();
        var link = links.sign(item, user, NOW);
        assertThat(link.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        var query = java.net.URI.create("http://x" + link.path()).getQuery().split("&");
        var u = query[0].substring(2);
        var expires = query[1].substring(8);
        var sig = query[2].substring(4);
        assertThat(links.verify(item, u, expires, sig, NOW)).isEqualTo(new ContentLinks.Valid(user));
        assertThat(links.verify(item, u, expires, sig, link.expiresAt())).isInstanceOf(ContentLinks.Expired.class);
        assertThat(links.verify(item, u, Long.toString(Long.parseLong(expires) + 3600), sig, NOW)).isInstanceOf(ContentLinks.Forged.class);
        assertThat(links.verify(item, UUID.randomUUID().toString(), expires, sig, NOW)).isInstanceOf(ContentLinks.Forged.class);
        assertThat(links.verify(UUID.randomUUID(), u, expires, sig, NOW)).isInstanceOf(ContentLinks.Forged.class);
        assertThat(links.verify(item, u, expires, null, NOW)).isInstanceOf(ContentLinks.Forged.class);
        assertThat(new ContentLinks(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
                26, 27, 28, 29, 30, 31, 32 }, Duration.ofMinutes(15)).verify(item, u, expires, sig, NOW)).isInstanceOf(ContentLinks.Forged.class);
    }

    @Test
    void reach_is_the_audience_of_the_unlock_posts_and_conversion_unlocks_per_person_reached() {
        assertThat(UnlockStats.of(List.of())).isEqualTo(new UnlockStats(0, 0, 0, 0, null, 0));
        assertThat(UnlockStats.of(List.of(0, 0))).isEqualTo(new UnlockStats(2, 2, 0, 0, null, 0));
        assertThat(UnlockStats.of(List.of(3, 0, 1))).isEqualTo(new UnlockStats(3, 3, 0, 4, new BigDecimal("0.7500"), 0));
        // paid unlocks reached nobody: they count as unlocks and revenue, not in the conversion
        assertThat(UnlockStats.of(List.of(3, 1), List.of(100L, 150L))).isEqualTo(new UnlockStats(4, 2, 2, 4, new BigDecimal("0.5000"), 250));
        assertThat(UnlockStats.of(List.of(1000, 2000)).conversion()).isEqualByComparingTo("0.0007");
    }

    @Test
    void an_item_has_a_title_a_teaser_and_some_content() {
        assertThat(ItemRules.creation("Guide", "Le teaser", "Le contenu", null)).isEmpty();
        assertThat(ItemRules.creation("Guide", "Le teaser", null, "https://example.org/guide.pdf")).isEmpty();
        assertThat(ItemRules.creation(" ", "t", "c", null).orElseThrow().code()).isEqualTo("invalid_title");
        assertThat(ItemRules.creation("t", "x".repeat(501), "c", null).orElseThrow().code()).isEqualTo("invalid_teaser");
        assertThat(ItemRules.creation("t", "t", null, " ").orElseThrow().code()).isEqualTo("invalid_content");
        assertThat(ItemRules.creation("t", "t", null, "javascript:alert(1)").orElseThrow().code()).isEqualTo("invalid_content_url");
        assertThat(ItemRules.creation("t", "t", null, "file:///etc/passwd").orElseThrow().code()).isEqualTo("invalid_content_url");
    }

    @Test
    void a_price_is_a_decimal_string_within_the_cap() {
        assertThat(Price.parse("1.00", "EUR", 25_000)).isEqualTo(new Price.Cents(100));
        assertThat(Price.parse("0.5", "EUR", 25_000)).isEqualTo(new Price.Cents(50));
        assertThat(Price.parse("250.00", "EUR", 25_000)).isEqualTo(new Price.Cents(25_000));
        for (var bad : new Object[] { "250.01", "0", "0.00", "-1", "1e3", "1.001", 1, null, " 1" }) {
            assertThat(Price.parse(bad, "EUR", 25_000)).as(String.valueOf(bad)).isInstanceOfSatisfying(Price.Refused.class,
                    r -> assertThat(r.refusal().code()).isEqualTo("invalid_price"));
        }
        assertThat(((Price.Refused) Price.parse("1.00", "USD", 25_000)).refusal().code()).isEqualTo("unsupported_currency");
    }

    @Test
    void one_may_buy_someone_elses_priced_item_once_whether_unlocked_by_post_or_by_payment() {
        assertThat(Purchase.check(false, 100L, false)).isEmpty();
        assertThat(Purchase.check(true, 100L, false).orElseThrow().code()).isEqualTo("own_unlockable");
        assertThat(Purchase.check(false, null, false).orElseThrow().code()).isEqualTo("not_for_sale");
        var twice = Purchase.check(false, 100L, true).orElseThrow();
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("already_unlocked");
    }
}
