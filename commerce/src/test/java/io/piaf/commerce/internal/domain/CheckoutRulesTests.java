package io.piaf.commerce.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.piaf.commerce.internal.domain.Checkouts.ItemRequest;
import io.piaf.commerce.internal.domain.Checkouts.Refusal;
import io.piaf.commerce.internal.domain.Checkouts.Status;

class CheckoutRulesTests {

    @Test
    void a_basket_totals_its_lines_in_cents_and_refuses_bad_lines() {
        var basket = Checkouts.basket(List.of(new ItemRequest("Croissant", 3, "1.20"), new ItemRequest("Café", 2, "2.5")), 1_000_000);
        assertThat(basket.refusal()).isNull();
        assertThat(basket.total()).isEqualTo(860);

        assertThat(Checkouts.basket(List.of(), 1_000_000).refusal().code()).isEqualTo("invalid_line_items");
        assertThat(Checkouts.basket(List.of(new ItemRequest("x", 0, "1.00")), 1_000_000).refusal().code()).isEqualTo("invalid_line_items");
        assertThat(Checkouts.basket(List.of(new ItemRequest("x", "2", "1.00")), 1_000_000).refusal().code()).isEqualTo("invalid_line_items");
        assertThat(Checkouts.basket(List.of(new ItemRequest(" ", 1, "1.00")), 1_000_000).refusal().code()).isEqualTo("invalid_line_items");
        assertThat(Checkouts.basket(List.of(new ItemRequest("x", 1, "1.001")), 1_000_000).refusal().code()).isEqualTo("invalid_amount");
        assertThat(Checkouts.basket(List.of(new ItemRequest("x", 1, "-1")), 1_000_000).refusal().code()).isEqualTo("invalid_amount");
        assertThat(Checkouts.basket(List.of(new ItemRequest("x", 10_000, "999999999")), 1_000_000).refusal().code()).isEqualTo("amount_too_large");
    }

    @ParameterizedTest
    @CsvSource({
            "OPEN, 60, ",
            "OPEN, -1, session_expired",
            "COMPLETE, 60, session_not_open",
            "EXPIRED, 60, session_expired",
    })
    void a_session_is_payable_only_while_open_and_before_its_expiry(Status stored, long expiresInSeconds, String refusal) {
        var now = Instant.parse("2026-11-30T12:00:00Z");
        var outcome = Checkouts.payable(stored, now.plusSeconds(expiresInSeconds), now);
        assertThat(outcome == null ? null : outcome.code()).isEqualTo(refusal);
    }

    @ParameterizedTest
    @CsvSource({
            // status, captured, refunded, requested, expected amount or refusal
            "COMPLETE, 1000, 0, , 1000",
            "COMPLETE, 1000, 0, 400, 400",
            "COMPLETE, 1000, 400, 600, 600",
            "COMPLETE, 1000, 400, 601, refund_exceeds_captured",
            "COMPLETE, 1000, 1000, , refund_exceeds_captured",
            "COMPLETE, 1000, 0, 0, invalid_amount",
            "OPEN, 1000, 0, 100, session_not_paid",
            "EXPIRED, 1000, 0, , session_not_paid",
    })
    void refunds_never_exceed_what_was_captured_in_total(Status stored, long captured, long refunded, Long requested, String expected) {
        var outcome = Checkouts.refund(stored, captured, refunded, requested);
        assertThat(outcome instanceof Refusal r ? r.code() : outcome.toString()).isEqualTo(expected);
    }

    @Test
    void a_signature_verifies_the_body_and_timestamp_within_five_minutes() {
        var now = Instant.parse("2026-11-30T12:00:00Z");
        var body = "{\"id\":\"evt_1\"}";
        var header = WebhookSignatures.header("whsec_test", now.getEpochSecond(), body);
        assertThat(WebhookSignatures.verify(header, body, "whsec_test", now.plusSeconds(299))).isTrue();
        assertThat(WebhookSignatures.verify(header, body, "whsec_test", now.plusSeconds(301))).as("replayed late").isFalse();
        assertThat(WebhookSignatures.verify(header, body + " ", "whsec_test", now)).as("body changed").isFalse();
        assertThat(WebhookSignatures.verify(header, body, "whsec_other", now)).as("other secret").isFalse();
        assertThat(WebhookSignatures.verify("v1=abc", body, "whsec_test", now)).isFalse();
        assertThat(WebhookSignatures.verify(null, body, "whsec_test", now)).isFalse();
        // a known vector, so that a receiver in another language can check its implementation
        assertThat(WebhookSignatures.hmac("whsec_test", "1700000000.{}"))
                .isEqualTo(WebhookSignatures.header("whsec_test", 1_700_000_000L, "{}").substring("t=1700000000,v1=".length()));
    }

    @Test
    void retries_back_off_exponentially_with_jitter_and_stop_after_three_days() {
        var random = new Random(1);
        for (var attempt = 1; attempt <= 30; attempt++) {
            var ceiling = Math.min(5_000L << Math.min(attempt - 1, 20), Duration.ofHours(6).toMillis());
            var wait = Retries.next(attempt, Duration.ofHours(1), random);
            assertThat(wait.toMillis()).isBetween(ceiling / 2, ceiling);
        }
        assertThat(Retries.next(3, Duration.ofDays(3), random)).isNull();
        assertThat(Retries.delivered(204)).isTrue();
        assertThat(Retries.delivered(301)).isFalse();
        assertThat(Retries.delivered(500)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "93.184.216.34, true",
            "127.0.0.1, false",
            "10.1.2.3, false",
            "172.16.0.1, false",
            "192.168.1.1, false",
            "169.254.169.254, false",
            "100.64.0.1, false",
            "0.0.0.0, false",
            "::1, false",
            "fd00::1, false",
            "fe80::1, false",
            "2606:4700::1111, true",
    })
    void webhooks_go_to_public_addresses_only(String address, boolean allowed) throws Exception {
        assertThat(WebhookUrls.allowed("shop.example", List.of(InetAddress.getByName(address)), List.of())).isEqualTo(allowed);
    }

    @Test
    void an_allow_listed_host_may_be_private_and_urls_are_checked_for_shape() throws Exception {
        assertThat(WebhookUrls.allowed("localhost", List.of(InetAddress.getByName("127.0.0.1")), List.of("localhost"))).isTrue();
        assertThat(WebhookUrls.allowed("nowhere.invalid", List.of(), List.of())).isFalse();
        assertThat(WebhookUrls.malformed("https://shop.example/hooks")).isNull();
        assertThat(WebhookUrls.malformed("ftp://shop.example/hooks")).isNotNull();
        assertThat(WebhookUrls.malformed("https://user:pw@shop.example/")).isNotNull();
        assertThat(WebhookUrls.malformed("/hooks")).isNotNull();
    }
}
