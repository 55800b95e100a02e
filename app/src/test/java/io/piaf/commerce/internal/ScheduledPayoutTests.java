package io.piaf.commerce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Commerce;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import reactor.core.publisher.Mono;

/**
 * The owner puts a merchant on a daily payout schedule; the day after, the job pays out the whole balance once, even
 * run by two instances at once or run again for the same day; a day with nothing to pay pays nothing.
 */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class ScheduledPayoutTests {

    @Autowired Api api;
    @Autowired ScheduledPayouts job;
    @Autowired DatabaseClient db;

    @Test
    void a_daily_schedule_pays_the_balance_out_once_a_day_whoever_runs_it() {
        var commerce = new Commerce(api);
        var wallets = new Wallets(api);
        var shop = commerce.merchant("Primeur");
        var payer = wallets.payer("lea", "30.00");
        commerce.pay(payer, (String) commerce.session(shop, "4.50", 2).get("id"), Wallets.PIN).expectStatus().isOk();
        var payouts = "/api/merchants/" + shop.id() + "/payouts";
        var schedule = "/api/merchants/" + shop.id() + "/payout-schedule";
        api.get(shop.owner(), payouts).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.balance.amount").isEqualTo("9.00").jsonPath("$.schedule.interval").isEqualTo("manual")
                .jsonPath("$.schedule.nextPayoutOn").doesNotExist().jsonPath("$.items.length()").isEqualTo(0);

        var tomorrow = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1);
        api.put(shop.owner(), schedule, Map.of("interval", "daily")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.interval").isEqualTo("daily").jsonPath("$.nextPayoutOn").isEqualTo(tomorrow.toString());

        // two instances run tomorrow's pass at once: one pays, the other finds the schedule taken
        Mono.zip(job.runDue(tomorrow), job.runDue(tomorrow)).block();
        api.get(shop.owner(), payouts).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.balance.amount").isEqualTo("0.00").jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].amount.amount").isEqualTo("9.00").jsonPath("$.items[0].status").isEqualTo("PAID")
                .jsonPath("$.schedule.nextPayoutOn").isEqualTo(tomorrow.plusDays(1).toString());

        // the same day's run replayed (as after a crash that lost the schedule's update) does not pay again
        commerce.pay(payer, (String) commerce.session(shop, "3.00", 1).get("id"), Wallets.PIN).expectStatus().isOk();
        db.sql("update commerce.payout_schedule set next_run = $2 where merchant_id = $1")
                .bind(0, UUID.fromString(shop.id())).bind(1, tomorrow).then().block();
        job.runDue(tomorrow).block();
        api.get(shop.owner(), payouts).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.balance.amount").isEqualTo("3.00").jsonPath("$.items.length()").isEqualTo(1);
        // the next day pays what came in since
        job.runDue(tomorrow.plusDays(1)).block();
        job.runDue(tomorrow.plusDays(2)).block(); // nothing left: no payout of 0.00
        api.get(shop.owner(), payouts).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.balance.amount").isEqualTo("0.00").jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].amount.amount").isEqualTo("3.00")
                .jsonPath("$.schedule.nextPayoutOn").isEqualTo(tomorrow.plusDays(3).toString());

        api.put(shop.owner(), schedule, Map.of("interval", "weekly", "weeklyAnchor", "friday")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.weeklyAnchor").isEqualTo("friday");
        api.put(shop.owner(), schedule, Map.of("interval", "manual")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.nextPayoutOn").doesNotExist();
        api.put(shop.owner(), schedule, Map.of("interval", "hourly")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_payout_schedule");
        api.put(api.signUp("nosy"), schedule, Map.of("interval", "daily")).exchange().expectStatus().isNotFound();
        api.put(shop.token(), schedule, Map.of("interval", "daily")).exchange().expectStatus().isForbidden();
        api.get(shop.token(), payouts).exchange().expectStatus().isForbidden();
    }
}
