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
import io.piaf.testing.Wallets;

/**
 * Privacy in the web app: Alice protects her account in Settings; Bob's follow becomes "Requested"; Alice is told,
 * approves him from her requests, and Bob is told he follows her now. And a payer sees who will see a payment before
 * confirming it (private by default).
 */
class ProtectedAccountBrowserTests extends BrowserTestSupport {

    @Autowired
    Api api;

    private static Locator exactButton(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void a_protected_account_approves_its_followers() {
        var alicePage = newPage("en-GB");
        var alice = signUp(alicePage, "alice", "Alice Martin");
        var bobPage = newPage("fr-FR");
        var bob = signUp(bobPage, "bob", "Bob Durand");

        step("Alice protects her account in Settings", () -> {
            alicePage.navigate("/settings");
            var protect = alicePage.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Approve who follows you"));
            assertThat(protect).not().isChecked();
            protect.check();
            assertThat(alicePage.getByTestId("follow-requests")).containsText("No one is waiting for your answer.");
            assertAccessible(alicePage, "settings-protected");
        });

        step("Bob's follow is a request: the button says Requested and Alice has no follower yet", () -> {
            bobPage.navigate("/u/" + alice.handle());
            assertThat(bobPage.getByTestId("protected-chip")).isVisible();
            var follow = bobPage.getByTestId("follow-button");
            follow.click();
            assertThat(follow).containsText("Demandé");
            assertThat(follow).hasAttribute("aria-pressed", "true");
            assertThat(bobPage.getByTestId("followers-count")).hasText("0");
            bobPage.reload();
            assertThat(bobPage.getByTestId("follow-button")).containsText("Demandé");
        });

        step("Alice is told live, and answers from her requests", () -> {
            var toast = alicePage.getByTestId("toast").filter(new Locator.FilterOptions().setHasText("@" + bob.handle() + " asks to follow you"));
            assertThat(toast).isVisible();
            alicePage.navigate("/notifications");
            alicePage.getByTestId("notification").filter(new Locator.FilterOptions().setHasText("asks to follow you")).click();
            var request = alicePage.getByTestId("follow-request").filter(new Locator.FilterOptions().setHasText("@" + bob.handle()));
            assertThat(request).containsText("Bob Durand");
            exactButton(alicePage, "Approve @" + bob.handle()).click();
            assertThat(alicePage.getByText("@" + bob.handle() + " now follows you.")).isVisible();
            assertThat(alicePage.getByTestId("follow-request")).hasCount(0);
        });

        step("Bob is told, and follows Alice", () -> {
            assertThat(bobPage.getByTestId("toast").filter(new Locator.FilterOptions().setHasText("a accepté votre demande"))).isVisible();
            bobPage.reload();
            assertThat(bobPage.getByTestId("follow-button")).containsText("Abonné");
            assertThat(bobPage.getByTestId("followers-count")).hasText("1");
        });
    }

    @Test
    void the_payer_sees_who_will_see_a_payment_before_confirming_it() {
        var page = newPage("en-GB");
        var carol = signUp(page, "carol", "Carol");
        var dan = api.signUp("dan");
        var token = api.token(carol.handle(), carol.password());
        var user = new Api.User(null, carol.handle(), token);
        var wallets = new Wallets(api);
        wallets.setPin(user);
        wallets.topUp(user, "10.00");
        var body = Map.of("to", dan.handle(), "amount", Wallets.money("2.00"));
        var payment = wallets.payRequest(user, body, UUID.randomUUID().toString()).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();

        step("a new user's payment is for the two of them only, and Settings is one click away", () -> {
            page.navigate("/pay/" + payment.get("id"));
            assertThat(page.getByTestId("confirm-visibility")).containsText("Who sees this payment: only the two of you");
            page.getByTestId("confirm-visibility").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Change in Settings")).click();
            assertThat(page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Only the two of you"))).isChecked();
        });
    }
}
