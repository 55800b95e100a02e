package io.piaf.budgets.internal;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;

/** A reader's 5 € a month, flattrs on three creators' posts, and the month's close paying exactly the preview. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class BudgetJourneyTests {

    @Autowired Api api;
    @Autowired MonthClose close;
    @Autowired DatabaseClient db;

    static YearMonth thisMonth() {
        return YearMonth.now(ZoneId.of("Europe/Paris"));
    }

    @Test
    void the_close_pays_creators_exactly_what_the_preview_said() {
        var wallets = new Wallets(api);
        var flattrs = new Flattrs(api);
        var reader = wallets.payer("reader", "20.00");
        var creators = List.of(api.signUp("alpha"), api.signUp("beta"), api.signUp("gamma"));
        var before = creators.stream().map(wallets::balance).toList();

        var set = api.put(reader, "/api/budget", Flattrs.budget("5.00", "PER_FLATTR")).exchange().expectStatus().isOk()
                .expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(set).containsEntry("split", "PER_FLATTR").containsEntry("feeRate", "10.00").containsEntry("status", "OPEN")
                .containsEntry("month", thisMonth().toString()).containsEntry("flattrs", 0).containsEntry("preview", List.of());
        assertThat(wallets.balance(reader)).as("this month's budget is taken at once").isEqualTo("15.00");

        // 7, 2 and 1 posts flattred
        var counts = new int[] { 7, 2, 1 };
        for (var c = 0; c < 3; c++) {
            for (var i = 0; i < counts[c]; i++) {
                flattrs.flattr(reader, flattrs.post(creators.get(c), "Post " + i + " by creator " + c));
            }
        }
        var perFlattr = flattrs.view(reader);
        assertThat(perFlattr).containsEntry("flattrs", 10).containsEntry("fee", Wallets.money("0.50"));
        assertThat(amounts(perFlattr)).containsExactly("3.15", "0.90", "0.45");

        // the reader switches to an equal split before the month closes: the preview follows
        var perCreator = api.put(reader, "/api/budget", Flattrs.budget("5.00", "PER_CREATOR")).exchange().expectStatus().isOk()
                .expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(amounts(perCreator)).containsExactly("1.50", "1.50", "1.50");
        assertThat(preview(perCreator)).extracting(p -> p.get("creator")).containsExactly(creators.get(0).handle(), creators.get(1).handle(),
                creators.get(2).handle());

        close.closeBefore(thisMonth().plusMonths(1)).block(Duration.ofSeconds(30));

        for (var c = 0; c < 3; c++) {
            assertThat(new java.math.BigDecimal(wallets.balance(creators.get(c))).subtract(new java.math.BigDecimal(before.get(c))))
                    .as("creator %d's payout", c).isEqualByComparingTo("1.50");
            var earnings = new Social(api).get(creators.get(c), "/api/earnings?month=" + thisMonth());
            assertThat(earnings).containsEntry("total", Wallets.money("1.50"));
            @SuppressWarnings("unchecked")
            var posts = (List<Map<String, Object>>) earnings.get("posts");
            assertThat(posts).hasSize(counts[c]);
        }
        // 1.50 over 7 posts: 21 cents each and the 3 cents left over to the three flattred first
        @SuppressWarnings("unchecked")
        var alphaPosts = (List<Map<String, Object>>) new Social(api).get(creators.get(0), "/api/earnings?month=" + thisMonth()).get("posts");
        assertThat(alphaPosts).extracting(p -> (Object) ((Map<?, ?>) p.get("amount")).get("amount"))
                .containsExactly("0.22", "0.22", "0.22", "0.21", "0.21", "0.21", "0.21");

        var closed = flattrs.view(reader);
        assertThat(closed).containsEntry("status", "CLOSED");
        assertThat(amounts(closed)).containsExactly("1.50", "1.50", "1.50");
        assertThat(wallets.balance(reader)).isEqualTo("15.00");
        assertProblem(api.put(reader, "/api/budget", Flattrs.budget("5.00", "PER_FLATTR")).exchange(), 409, "month_closed");
        var late = flattrs.post(creators.get(1), "Late");
        flattrs.awaitPost(late);
        assertProblem(api.post(reader, "/api/posts/" + late + "/flattr", Map.of()).exchange(), 409, "month_closed");
    }

    @Test
    void a_month_without_flattr_returns_the_budget_to_the_wallet() {
        var wallets = new Wallets(api);
        var reader = wallets.payer("idle", "8.00");
        api.put(reader, "/api/budget", Flattrs.budget("5.00", "PER_CREATOR")).exchange().expectStatus().isOk();
        assertThat(wallets.balance(reader)).isEqualTo("3.00");

        close.closeBefore(thisMonth().plusMonths(1)).block(Duration.ofSeconds(30));

        assertThat(wallets.balance(reader)).isEqualTo("8.00");
        assertThat(new Flattrs(api).view(reader)).containsEntry("status", "RETURNED").containsEntry("fee", Wallets.money("0.00"));
    }

    @Test
    void concurrent_closes_pay_each_month_once() {
        var wallets = new Wallets(api);
        var flattrs = new Flattrs(api);
        var creator = api.signUp("often");
        var post = flattrs.post(creator, "Worth a flattr");
        flattrs.awaitPost(post);
        var readers = new ArrayList<User>();
        for (var i = 0; i < 6; i++) {
            var reader = wallets.payer("many", "10.00");
            api.put(reader, "/api/budget", Flattrs.budget("2.00", "PER_CREATOR")).exchange().expectStatus().isOk();
            flattrs.flattr(reader, post);
            readers.add(reader);
        }

        Concurrently.run(4, i -> close.closeBefore(thisMonth().plusMonths(1)).block(Duration.ofSeconds(30)));

        // 6 × (2.00 − 0.20 fee)
        assertThat(wallets.balance(creator)).isEqualTo("10.80");
        assertThat(db.sql("select count(*) from budgets.payout where creator_id = $1::uuid").bind(0, creator.id())
                .map(r -> ((Number) r.get(0)).longValue()).one().block()).isEqualTo(6);
        assertThat(close.closeBefore(thisMonth().plusMonths(1)).block()).isZero();

        // the creator hears once, with the month's total from the six budgets, not six times
        @SuppressWarnings("unchecked")
        var paid = (Map<String, Object>) new Social(api).awaitNotification(creator, "flattrs_paid").get("data");
        assertThat(paid).containsEntry("month", thisMonth().toString()).containsEntry("amount", "10.80")
                .containsEntry("flattrs", 6);
        assertThat(Social.items(new Social(api).get(creator, "/api/notifications?limit=50")))
                .filteredOn(n -> "flattrs_paid".equals(n.get("type"))).hasSize(1);
        // and is paid once: one line on their statement, not one per payer
        assertThat(Social.items(new Social(api).get(creator, "/api/wallet/transactions")))
                .singleElement().satisfies(line -> assertThat(line).containsEntry("type", "BUDGET_SETTLEMENT")
                        .containsEntry("direction", "CREDIT").containsEntry("amount", Wallets.money("10.80"))
                        .containsEntry("description", "Flattrs, " + thisMonth() + ", from 6 people"));
    }

    @Test
    void a_month_funded_again_after_it_settled_pays_its_creators_only_what_is_new() {
        var wallets = new Wallets(api);
        var flattrs = new Flattrs(api);
        var creator = api.signUp("twice");
        var post = flattrs.post(creator, "Flattr me twice");
        flattrs.awaitPost(post);
        var first = wallets.payer("early", "10.00");
        api.put(first, "/api/budget", Flattrs.budget("2.00", "PER_CREATOR")).exchange().expectStatus().isOk();
        flattrs.flattr(first, post);
        close.closeBefore(thisMonth().plusMonths(1)).block(Duration.ofSeconds(30));
        assertThat(wallets.balance(creator)).isEqualTo("1.80");

        // a budget set after this month settled (as a test, or an instance whose clock is behind at midnight) opens it again
        var second = wallets.payer("late", "10.00");
        api.put(second, "/api/budget", Flattrs.budget("3.00", "PER_CREATOR")).exchange().expectStatus().isOk();
        flattrs.flattr(second, post);
        close.closeBefore(thisMonth().plusMonths(1)).block(Duration.ofSeconds(30));

        assertThat(wallets.balance(creator)).as("1.80, then 2.70 for the second budget only").isEqualTo("4.50");
        assertThat(db.sql("select amount from budgets.creator_payout where creator_id = $1::uuid order by round").bind(0, creator.id())
                .map(r -> r.get(0, Long.class)).all().collectList().block()).containsExactly(180L, 270L);
        assertThat(new Social(api).get(creator, "/api/earnings?month=" + thisMonth())).containsEntry("total", Wallets.money("4.50"));
    }

    @Test
    void the_next_month_is_taken_once_and_only_while_the_budget_is_on() {
        var wallets = new Wallets(api);
        var reader = wallets.payer("monthly", "12.00");
        var stopper = wallets.payer("stopper", "12.00");
        api.put(reader, "/api/budget", Flattrs.budget("5.00", "PER_CREATOR")).exchange().expectStatus().isOk();
        api.put(stopper, "/api/budget", Flattrs.budget("5.00", "PER_CREATOR")).exchange().expectStatus().isOk();
        api.delete(stopper, "/api/budget").exchange().expectStatus().isNoContent();
        assertThat(new Flattrs(api).view(stopper)).containsEntry("active", false);

        var next = thisMonth().plusMonths(1);
        close.closeBefore(next).block(Duration.ofSeconds(30));
        close.fund(next).block(Duration.ofSeconds(30));
        close.fund(next).block(Duration.ofSeconds(30));

        assertThat(wallets.balance(reader)).as("returned, then next month taken once").isEqualTo("7.00");
        assertThat(wallets.balance(stopper)).as("returned, not taken again").isEqualTo("12.00");
    }

    @Test
    void refusals_write_nothing() {
        var wallets = new Wallets(api);
        var flattrs = new Flattrs(api);
        var poor = wallets.payer("poor", "2.00");
        var author = api.signUp("author");
        var post = flattrs.post(author, "Flattr me");
        flattrs.awaitPost(post);

        assertProblem(api.get(poor, "/api/budget").exchange(), 404, "no_budget");
        assertProblem(api.post(poor, "/api/posts/" + post + "/flattr", Map.of()).exchange(), 409, "no_budget");
        assertProblem(api.put(poor, "/api/budget", Flattrs.budget("5.00", "PER_CREATOR")).exchange(), 409, "insufficient_funds");
        assertProblem(api.get(poor, "/api/budget").exchange(), 404, "no_budget");
        assertThat(wallets.balance(poor)).isEqualTo("2.00");
        assertProblem(api.put(poor, "/api/budget", Flattrs.budget("0.50", "PER_CREATOR")).exchange(), 400, "invalid_budget");
        assertProblem(api.put(poor, "/api/budget", Flattrs.budget("1.00", "PER_LIKE")).exchange(), 400, "invalid_split");
        assertProblem(api.put(poor, "/api/budget", Map.of("monthly", Map.of("amount", 1, "currency", "EUR"))).exchange(), 400, "invalid_amount");
        assertProblem(api.delete(poor, "/api/budget").exchange(), 404, "no_budget");

        api.put(poor, "/api/budget", Flattrs.budget("1.00", "PER_CREATOR")).exchange().expectStatus().isOk();
        wallets.topUp(author, "5.00");
        api.put(author, "/api/budget", Flattrs.budget("1.00", "PER_CREATOR")).exchange().expectStatus().isOk();
        assertProblem(api.post(author, "/api/posts/" + post + "/flattr", Map.of()).exchange(), 422, "own_post");
        assertProblem(api.post(poor, "/api/posts/" + java.util.UUID.randomUUID() + "/flattr", Map.of()).exchange(), 404, "post_not_found");
        assertProblem(api.post(poor, "/api/posts/not-a-post/flattr", Map.of()).exchange(), 404, "post_not_found");
        api.post(poor, "/api/posts/" + post + "/flattr", Map.of()).exchange().expectStatus().isNoContent();
        assertProblem(api.post(poor, "/api/posts/" + post + "/flattr", Map.of()).exchange(), 409, "already_flattred");
        assertThat(new Flattrs(api).view(poor)).containsEntry("flattrs", 1);
        assertProblem(api.get(poor, "/api/earnings?month=2026-13").exchange(), 400, "invalid_month");
    }

    @Test
    void nobody_sees_another_users_budget_or_earnings() {
        var wallets = new Wallets(api);
        var flattrs = new Flattrs(api);
        var reader = wallets.payer("private", "10.00");
        var creator = api.signUp("paid");
        var nosy = api.signUp("nosy");
        api.put(reader, "/api/budget", Flattrs.budget("3.00", "PER_CREATOR")).exchange().expectStatus().isOk();
        var post = flattrs.post(creator, "Hello");
        flattrs.flattr(reader, post);

        // who flattred whom: private unless the flattrer makes it public
        var list = "/api/users/" + reader.handle() + "/flattrs";
        assertProblem(api.get(nosy, list).exchange(), 404, "flattrs_not_found");
        assertProblem(api.get(creator, list).exchange(), 404, "flattrs_not_found");
        assertProblem(api.get(nosy, "/api/users/ghost_nobody/flattrs").exchange(), 404, "flattrs_not_found");
        assertThat(new Social(api).get(reader, list).get("flattrs").toString()).contains(post, creator.handle());
        assertProblem(api.put(nosy, "/api/budget/visibility", Map.of("publicFlattrs", true)).exchange(), 404, "no_budget");
        api.put(reader, "/api/budget/visibility", Map.of("publicFlattrs", true)).exchange().expectStatus().isOk();
        var seen = new Social(api).get(nosy, list);
        assertThat(seen).containsEntry("user", reader.handle());
        assertThat(seen.get("flattrs").toString()).contains(post, creator.handle()).doesNotContain("amount");
        api.put(reader, "/api/budget/visibility", Map.of("publicFlattrs", false)).exchange().expectStatus().isOk();
        assertProblem(api.get(nosy, list).exchange(), 404, "flattrs_not_found");

        close.closeBefore(thisMonth().plusMonths(1)).block(Duration.ofSeconds(30));

        assertProblem(api.get(nosy, "/api/budget").exchange(), 404, "no_budget");
        assertThat(new Social(api).get(nosy, "/api/earnings?month=" + thisMonth())).containsEntry("total", Wallets.money("0.00"))
                .containsEntry("posts", List.of());
        assertThat(new Social(api).get(creator, "/api/earnings?month=" + thisMonth())).containsEntry("total", Wallets.money("2.70"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> preview(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("preview");
    }

    private static List<Object> amounts(Map<String, Object> view) {
        return preview(view).stream().map(p -> ((Map<?, ?>) p.get("amount")).get("amount")).map(Object.class::cast).toList();
    }
}
