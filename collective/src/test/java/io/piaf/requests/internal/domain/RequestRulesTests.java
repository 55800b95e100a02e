package io.piaf.requests.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.piaf.requests.internal.domain.RequestRules.Ask;
import io.piaf.requests.internal.domain.RequestRules.Item;
import io.piaf.requests.internal.domain.RequestRules.Plan;
import io.piaf.requests.internal.domain.RequestRules.Share;
import io.piaf.requests.internal.domain.RequestRules.Status;

/** Who may be asked for what: amounts each, splits (the first named pay the remainder cents), and what an item allows. */
class RequestRulesTests {

    @ParameterizedTest(name = "{0} cents among {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1000 | 3 | 334 333 333
            1000 | 4 | 250 250 250 250
            1001 | 4 | 251 250 250 250
            1002 | 4 | 251 251 250 250
            1003 | 4 | 251 251 251 250
               2 | 2 | 1 1
               7 | 1 | 7
            5000 | 7 | 715 715 714 714 714 714 714
            """)
    void an_even_split(long total, int people, String parts) {
        var expected = Arrays.stream(parts.split(" ")).map(Long::parseLong).toList();
        assertThat(RequestRules.evenly(total, people)).isEqualTo(expected).hasSize(people);
        assertThat(expected.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
    }

    @Test
    void ten_euros_among_three_asks_the_first_named_for_the_extra_cent() {
        var plan = RequestRules.plan(new Ask("alice", List.of("@Bob", "carol", "@dan"), null, 1000L, null, null));
        assertThat(plan).isEqualTo(new Plan.Shares(List.of(new Share("bob", 334), new Share("carol", 333), new Share("dan", 333))));
    }

    @Test
    void the_same_amount_of_each() {
        var plan = RequestRules.plan(new Ask("alice", List.of("@bob", "@carol"), 1500L, null, null, "pizza"));
        assertThat(plan).isEqualTo(new Plan.Shares(List.of(new Share("bob", 1500), new Share("carol", 1500))));
    }

    @Test
    void a_split_by_amounts_in_the_order_named() {
        var plan = RequestRules.plan(new Ask("alice", List.of("@bob", "@carol"), null, 3000L, List.of(1000L, 2000L), null));
        assertThat(plan).isEqualTo(new Plan.Shares(List.of(new Share("bob", 1000), new Share("carol", 2000))));
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            amounts not adding up     | 422 | split_mismatch  | @bob @carol | -    | 3000 | 1000 1999
            one amount too few        | 422 | split_mismatch  | @bob @carol | -    | 3000 | 3000
            less than a cent each     | 422 | split_mismatch  | @bob @carol | -    | 1    | -
            a zero part               | 400 | invalid_amount  | @bob @carol | -    | 3000 | 0 3000
            asking yourself           | 422 | self_request    | @bob @Alice | 1500 | -    | -
            the same person twice     | 422 | duplicate_payer | @bob @BOB   | 1500 | -    | -
            a bad handle              | 400 | invalid_handle  | @b!ob       | 1500 | -    | -
            nobody                    | 400 | invalid_body    | -           | 1500 | -    | -
            both amount and split     | 400 | invalid_body    | @bob        | 1500 | 1500 | -
            neither amount nor split  | 400 | invalid_body    | @bob        | -    | -    | -
            too much                  | 400 | invalid_amount  | @bob        | 1000001 | - | -
            """)
    void refused(String why, int status, String code, String from, Long each, Long total, String amounts) {
        var ask = new Ask("alice", from == null ? List.of() : List.of(from.split(" ")), each, total,
                amounts == null ? null : Arrays.stream(amounts.split(" ")).map(Long::parseLong).toList(), null);
        assertThat(RequestRules.plan(ask)).isInstanceOfSatisfying(Plan.Refused.class, refused -> {
            assertThat(refused.refusal().code()).isEqualTo(code);
            assertThat(refused.refusal().status()).isEqualTo(status);
        });
    }

    @Test
    void at_most_twenty_payers_and_a_short_note() {
        var many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "@user" + i).toList();
        assertThat(RequestRules.plan(new Ask("alice", many, 100L, null, null, null)))
                .isInstanceOfSatisfying(Plan.Refused.class, r -> assertThat(r.refusal().code()).isEqualTo("too_many_payers"));
        assertThat(RequestRules.plan(new Ask("alice", List.of("@bob"), 100L, null, null, "x".repeat(281))))
                .isInstanceOfSatisfying(Plan.Refused.class, r -> assertThat(r.refusal().code()).isEqualTo("invalid_note"));
    }

    @ParameterizedTest(name = "{0}, payment pending {1}: pay → {2}, decline → {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            PENDING  | false | -                | -
            PENDING  | true  | -                | payment_pending
            PAID     | false | request_paid     | request_paid
            DECLINED | false | request_declined | -
            """)
    void what_a_payer_may_do(Status status, boolean pending, String pay, String decline) {
        var item = new Item(status, pending);
        assertThat(RequestRules.pay(item).map(RequestRules.Refusal::code).orElse(null)).isEqualTo(pay);
        assertThat(RequestRules.decline(item).map(RequestRules.Refusal::code).orElse(null)).isEqualTo(decline);
    }

    @Test
    void a_reminder_at_most_once_an_hour_per_pending_item() {
        var now = Instant.parse("2026-11-30T12:00:00Z");
        var hour = Duration.ofHours(1);
        var pending = new Item(Status.PENDING, false);
        assertThat(RequestRules.remindable(pending, null, now, hour)).isTrue();
        assertThat(RequestRules.remindable(pending, now.minus(Duration.ofMinutes(59)), now, hour)).isFalse();
        assertThat(RequestRules.remindable(pending, now.minus(hour), now, hour)).isTrue();
        assertThat(RequestRules.remindable(new Item(Status.PAID, false), null, now, hour)).isFalse();
        assertThat(RequestRules.remindable(new Item(Status.DECLINED, false), null, now, hour)).isFalse();
    }
}
