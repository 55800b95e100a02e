package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.testing.Api;
import io.piaf.testing.Cards;
import io.piaf.testing.Wallets;
import networksim.CardNetwork;
import networksim.CardNetwork.Merchant;

/**
 * The issue's "done when": a user issues a card in the web app, the network simulator buys a coffee with it, the hold
 * and then the cleared purchase show in the wallet, and a frozen card is declined with its reason in plain words.
 */
class CardJourneyBrowserTests extends BrowserTestSupport {

    @Autowired
    Api api;

    private static void clickButton(Page page, String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name)).click();
    }

    @Test
    void a_user_issues_a_card_buys_a_coffee_with_it_and_a_frozen_card_is_declined_with_its_reason() {
        var page = newPage("en-GB");
        var ui = signUp(page, "card", "Camille Roux");
        var user = new Api.User(null, ui.handle(), api.token(ui.handle(), ui.password()));
        new Wallets(api).setPin(user);
        new Wallets(api).topUp(user, "50.00");
        var network = new Cards(api, port).network();
        var card = new CardNetwork.Card[1];

        step("issue a virtual card: shown as a card, masked", () -> {
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cards")).first().click();
            clickButton(page, "New virtual card");
            assertThat(page.getByTestId("card-face")).hasCount(1);
            assertThat(page.getByTestId("card-number")).hasText(text("^4895 37•• •••• [0-9]{4}$"));
            assertAccessible(page, "cards");
        });
        step("reveal the number with the PIN", () -> {
            page.getByTestId("card-face").click();
            page.getByLabel("Your PIN").fill("0000");
            clickButton(page, "Show number and code");
            assertThat(page.getByLabel("Your PIN")).hasAccessibleDescription(text(".*Wrong PIN.*2 tries left.*"));
            page.getByLabel("Your PIN").fill(Wallets.PIN);
            clickButton(page, "Show number and code");
            assertThat(page.getByTestId("card-number")).hasText(text("^4895 37[0-9]{2} [0-9]{4} [0-9]{4}$"));
            var expiry = page.getByTestId("card-face").innerText().replaceAll("(?s).*?([0-9]{2})/([0-9]{2}).*", "$1/$2").split("/");
            card[0] = new CardNetwork.Card(page.getByTestId("card-number").innerText().replace(" ", ""), Integer.parseInt(expiry[0]),
                    2000 + Integer.parseInt(expiry[1]), page.getByTestId("card-cvc").innerText().replace("CVC ", ""));
            assertAccessible(page, "card");
        });
        step("the network buys a coffee: the hold shows in the wallet", () -> {
            var coffee = network.authorize(card[0], "3.50", Merchant.CAFE, "CONTACTLESS");
            assertThat(coffee.approved()).as(coffee.body()).isTrue();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Wallet")).first().click();
            assertThat(page.getByTestId("wallet-balance")).hasText(text(".*50[.,]00.*"));
            assertThat(page.getByTestId("wallet-available")).hasText(text(".*46[.,]50.*"));
            assertThat(page.getByTestId("wallet-holds")).containsText("Café de Flore");
            var cleared = network.clearing(coffee.authorizationId(), "3.50");
            assertThat(cleared.approved()).as(cleared.body()).isTrue();
        });
        step("then the cleared purchase", () -> {
            page.reload();
            assertThat(page.getByTestId("wallet-history")).containsText("Café de Flore");
            assertThat(page.getByTestId("wallet-balance")).hasText(text(".*46[.,]50.*"));
            assertThat(page.getByTestId("wallet-holds")).hasCount(0);
        });
        step("freeze the card: the next purchase is declined, and the reason is told in plain words", () -> {
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cards")).first().click();
            page.getByTestId("card-face").click();
            page.getByTestId("freeze-toggle").check();
            assertThat(page.getByTestId("card-face")).containsText("Frozen");
            var declined = network.authorize(card[0], "2.00", Merchant.CAFE, "CONTACTLESS");
            assertThat(declined.reason()).isEqualTo("card_frozen");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications")).first().click();
            // the notification's row in the list (a toast may say the same meanwhile)
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName(text("Card •• [0-9]{4} declined at Café de Flore: The card is frozen\\.")))).isVisible();
        });
        step("the card's purchases: cleared with its category, declined with the reason", () -> {
            page.navigate("/cards");
            page.getByTestId("card-face").click();
            var list = page.getByTestId("card-transactions");
            assertThat(list).containsText("Restaurants");
            assertThat(list).containsText("Cleared");
            assertThat(list).containsText("Declined");
            assertThat(list).containsText("The card is frozen.");
        });
        step("controls: a per-purchase limit applies to the next purchase", () -> {
            page.getByTestId("freeze-toggle").uncheck();
            assertThat(page.getByTestId("card-face")).not().containsText("Frozen");
            page.getByLabel("Per purchase (€)").fill("2");
            clickButton(page, "Save the controls");
            assertThat(page.getByText("Saved: they apply from the next purchase.")).isVisible();
            assertThat(network.authorize(card[0], "2.50", Merchant.CAFE, "CONTACTLESS").reason()).isEqualTo("limit_exceeded");
            assertThat(api.get(user, "/api/cards").exchange().expectBody(Map.class).returnResult().getResponseBody().toString())
                    .contains("perTransaction={amount=2.00");
        });
    }
}
