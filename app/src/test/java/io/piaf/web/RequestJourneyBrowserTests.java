package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.testing.Api;

/**
 * A request in the web app: Alice (English) asks Bob for 15 € from the Requests screen; Bob (French) finds it in his
 * notifications, presses Payer and confirms with one PIN; Alice sees the request PAID, and Bob's receipt of it.
 */
class RequestJourneyBrowserTests extends BrowserTestSupport {

    static final String PIN = "2468";

    @Autowired
    Api api;

    @Test
    void alice_requests_15_euros_and_bob_pays_with_one_pin_from_the_notification() {
        var alicePage = newPage("en-GB");
        var alice = signUp(alicePage, "alice", "Alice Martin");
        var bobPage = newPage("fr-FR");
        var bob = signUp(bobPage, "bob", "Bob Durand");
        var bobApi = new Api.User(null, bob.handle(), api.token(bob.handle(), bob.password()));
        api.put(bobApi, "/api/me/pin", Map.of("pin", PIN, "password", bob.password())).exchange().expectStatus().isNoContent();
        api.post(bobApi, "/api/wallet/top-ups", Map.of("amount", Map.of("amount", "50.00", "currency", "EUR"),
                        "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2035, "cvc", "123")))
                .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectStatus().isCreated();

        step("Alice asks Bob for 15 € from the Requests screen", () -> {
            alicePage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Requests")).first().click();
            byLabel(alicePage, "From whom").fill("@" + bob.handle());
            byLabel(alicePage, "Amount from each, in €").fill("15");
            byLabel(alicePage, "What for (optional)").fill("cinema");
            button(alicePage, "^Send the request$").click();
            assertThat(alicePage.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Request sent"))).isVisible();
            assertThat(alicePage.getByTestId("requests-outgoing")).containsText(text("@" + bob.handle() + " · .*15\\.00 · Waiting"));
            assertAccessible(alicePage, "requests");
        });

        step("Bob pays it from his notification with one PIN", () -> {
            bobPage.navigate("/notifications");
            var row = bobPage.getByTestId("notification").filter(new Locator.FilterOptions().setHasText(text("@" + alice.handle() + " vous demande 15,00\\s€")));
            assertThat(row).isVisible();
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Payer")).click();
            byLabel(bobPage, "Code").fill(PIN);
            button(bobPage, "^Payer 15,00\\s€$").click();
            assertThat(bobPage.getByTestId("payment-done")).containsText(text("15,00\\s€ à @" + alice.handle()));
        });

        step("Alice sees who paid: the request is PAID", () -> {
            alicePage.reload();
            assertThat(alicePage.getByTestId("requests-outgoing").getByTestId("request-status")).hasText("Paid");
        });

        step("Bob's list shows it paid, with no Pay button left", () -> {
            bobPage.navigate("/requests");
            assertThat(bobPage.getByTestId("requests-incoming").getByTestId("request-status")).hasText("Payée");
            assertThat(bobPage.getByTestId("requests-incoming").getByRole(AriaRole.BUTTON)).hasCount(0);
        });
    }
}
