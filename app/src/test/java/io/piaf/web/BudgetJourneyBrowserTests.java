package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.budgets.internal.MonthClose;
import io.piaf.testing.Api;
import io.piaf.testing.Social;

/**
 * A creator budget in the web app: a reader sets 5 € a month, flattrs posts of three creators in the timeline, splits
 * per flattr and sees the preview; the month closes and each creator's earnings page shows what the preview said.
 */
class BudgetJourneyBrowserTests extends BrowserTestSupport {

    static final String PIN = "2468";

    @Autowired
    Api api;

    @Autowired
    MonthClose close;

    @Test
    void a_month_close_pays_three_creators_exactly_what_the_preview_said() {
        var page = newPage("en-GB");
        var reader = signUp(page, "reader", "Rita Reader");
        var readerApi = new Api.User(null, reader.handle(), api.token(reader.handle(), reader.password()));
        api.put(readerApi, "/api/me/pin", Map.of("pin", PIN, "password", reader.password())).exchange().expectStatus().isNoContent();
        api.post(readerApi, "/api/wallet/top-ups", Map.of("amount", Map.of("amount", "20.00", "currency", "EUR"),
                        "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2035, "cvc", "123")))
                .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectStatus().isCreated();
        var creators = List.of(api.signUp("alpha"), api.signUp("beta"), api.signUp("gamma"));
        var social = new Social(api);
        var tag = UUID.randomUUID().toString().substring(0, 6);
        // alpha writes two posts, beta and gamma one each
        var texts = List.of("Alpha's first essay " + tag, "Alpha's second essay " + tag, "Beta's drawing " + tag, "Gamma's song " + tag);
        var authors = List.of(creators.get(0), creators.get(0), creators.get(1), creators.get(2));
        for (var creator : creators) {
            social.follow(readerApi, creator);
        }
        var probe = api.signUp("probe");
        for (var i = 0; i < texts.size(); i++) {
            var post = (String) social.post(authors.get(i), texts.get(i)).get("id");
            await().atMost(Duration.ofSeconds(10)).until(() -> api.post(probe, "/api/posts/" + post + "/flattr", Map.of()).exchange()
                    .returnResult(String.class).getStatus().value() == 409);
        }

        step("The reader sets a budget of 5 € a month: this month's is taken from the wallet", () -> {
            page.navigate("/budget");
            byLabel(page, "Every month, in €").fill("5");
            button(page, "^Start my budget$").click();
            assertThat(page.getByTestId("budget-status")).containsText("Open");
            assertThat(page.getByTestId("budget-status")).containsText("5.00 this month");
            assertAccessible(page, "budget");
        });

        step("The reader flattrs the four posts in the home timeline, oldest first", () -> {
            page.navigate("/");
            for (var text : texts) {
                var post = page.getByTestId("post").filter(new Locator.FilterOptions().setHasText(text));
                post.getByTestId("flattr").click();
                assertThat(post.getByTestId("flattr")).hasText("Flattred");
            }
        });

        step("Per flattr, the preview shares 4.50 after the 0.50 fee: 2.25, and 1.13 / 1.12 (the cent to the first flattred)", () -> {
            page.navigate("/budget");
            page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Per flattr")).check();
            var rows = page.getByTestId("preview-row");
            assertThat(rows).hasCount(3);
            assertThat(rows.nth(0)).containsText("@" + creators.get(0).handle());
            assertThat(rows.nth(0).getByTestId("preview-amount")).hasText(text("2\\.25"));
            assertThat(rows.nth(1).getByTestId("preview-amount")).hasText(text("1\\.13"));
            assertThat(rows.nth(2).getByTestId("preview-amount")).hasText(text("1\\.12"));
            assertThat(page.getByTestId("preview-fee")).containsText("0.50");
        });

        step("The reader makes their flattrs public with the switch: saved at once, still on after a reload, and others see the list", () -> {
            var toggle = page.getByTestId("public-flattrs");
            assertThat(toggle).not().isChecked();
            api.get(probe, "/api/users/" + reader.handle() + "/flattrs").exchange().expectStatus().isNotFound();
            toggle.click();
            assertThat(toggle).isChecked();
            page.reload();
            assertThat(page.getByTestId("public-flattrs")).isChecked();
            api.get(probe, "/api/users/" + reader.handle() + "/flattrs").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.flattrs.length()").isEqualTo(4);
        });

        step("The month closes", () -> {
            close.closeBefore(YearMonth.now(ZoneId.of("Europe/Paris")).plusMonths(1)).block(Duration.ofSeconds(30));
            page.reload();
            assertThat(page.getByTestId("budget-status")).containsText("Closed and paid");
        });

        var month = YearMonth.now(ZoneId.of("Europe/Paris")).toString();
        var expected = List.of("2\\.25", "1\\.13", "1\\.12");
        for (var c = 0; c < 3; c++) {
            var creator = creators.get(c);
            var amount = expected.get(c);
            step("Creator " + creator.handle() + " sees the previewed amount in their earnings", () -> {
                var creatorPage = newPage("fr-FR");
                creatorPage.navigate("/signin");
                byLabel(creatorPage, "Identifiant").fill(creator.handle());
                byLabel(creatorPage, "Mot de passe").fill(creator.password());
                button(creatorPage, "^Se connecter$").click();
                assertThat(creatorPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Accueil").setLevel(1))).isVisible();
                creatorPage.navigate("/earnings?month=" + month);
                assertThat(creatorPage.getByTestId("earnings-total")).hasText(text(amount.replace("\\.", ",")));
            });
        }
    }
}
