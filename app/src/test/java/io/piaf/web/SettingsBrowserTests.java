package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.testing.Api;

/** Settings: the payment PIN (set, change, refusals) and the default visibility of payments, saved on the server. */
class SettingsBrowserTests extends BrowserTestSupport {

    @Autowired
    Api api;

    private static Locator field(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private static void clickButton(Page page, String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name)).click();
    }

    @Test
    void a_user_sets_then_changes_the_pin_with_the_password() {
        var page = newPage("en-GB");
        var user = signUp(page, "pin", "Pat");
        step("open settings: no PIN yet", () -> {
            page.navigate("/settings");
            assertThat(page.getByTestId("pin-status")).hasText(text(".*No PIN yet.*"));
            assertThat(field(page, "Current PIN")).hasCount(0);
        });
        step("two different PINs are refused before anything is sent", () -> {
            field(page, "New PIN").fill("2468");
            field(page, "Repeat the new PIN").fill("2486");
            field(page, "Your password").fill(user.password());
            clickButton(page, "Set PIN");
            assertThat(field(page, "Repeat the new PIN")).hasAccessibleDescription(text(".*The two PINs are different.*"));
        });
        step("a PIN of 3 digits is refused", () -> {
            field(page, "New PIN").fill("123");
            field(page, "Repeat the new PIN").fill("123");
            clickButton(page, "Set PIN");
            assertThat(field(page, "New PIN")).hasAccessibleDescription(text(".*A PIN is 4 to 6 digits.*"));
        });
        step("a trivial PIN is refused by the server", () -> {
            field(page, "New PIN").fill("1234");
            field(page, "Repeat the new PIN").fill("1234");
            clickButton(page, "Set PIN");
            assertThat(field(page, "New PIN")).hasAccessibleDescription(text(".*too easy to guess.*"));
        });
        step("without the password nothing is sent; a wrong one is refused", () -> {
            field(page, "New PIN").fill("2468");
            field(page, "Repeat the new PIN").fill("2468");
            field(page, "Your password").fill("");
            clickButton(page, "Set PIN");
            assertThat(field(page, "Your password")).hasAccessibleDescription(text(".*Enter your password.*"));
            field(page, "Your password").fill("not-the-password");
            clickButton(page, "Set PIN");
            assertThat(field(page, "Your password")).hasAccessibleDescription(text(".*Wrong password.*"));
            assertThat(page.getByTestId("pin-status")).hasText(text(".*No PIN yet.*"));
        });
        step("set the PIN with the password", () -> {
            field(page, "Your password").fill(user.password());
            clickButton(page, "Set PIN");
            assertThat(page.getByText("PIN saved.")).isVisible();
            assertThat(page.getByTestId("pin-status")).hasText(text(".*Your PIN is set.*"));
        });
        step("changing it with a wrong current PIN is refused", () -> {
            field(page, "Current PIN").fill("9999");
            field(page, "New PIN").fill("572819");
            field(page, "Repeat the new PIN").fill("572819");
            field(page, "Your password").fill(user.password());
            clickButton(page, "Change PIN");
            assertThat(field(page, "Current PIN")).hasAccessibleDescription(text(".*Wrong PIN.*"));
        });
        step("changing it with the right current PIN and the password works", () -> {
            field(page, "Current PIN").fill("2468");
            field(page, "New PIN").fill("572819");
            field(page, "Repeat the new PIN").fill("572819");
            field(page, "Your password").fill(user.password());
            clickButton(page, "Change PIN");
            assertThat(page.getByText("PIN saved.")).isVisible();
        });
    }

    @Test
    void the_default_payment_visibility_is_saved_on_the_server_and_keyboard_operable() {
        var page = newPage("en-GB");
        var user = signUp(page, "vis", "Vic");
        var followers = page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Followers"));
        var onlyUs = page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Only the two of you"));
        step("'only the two of you' is the default", () -> {
            page.navigate("/settings");
            assertThat(onlyUs).isChecked();
        });
        step("choose 'followers' with the keyboard", () -> {
            onlyUs.focus();
            page.keyboard().press("ArrowUp");
            assertThat(followers).isChecked();
            assertThat(page.getByText("Saved.", new Page.GetByTextOptions().setExact(true))).isVisible();
        });
        step("the choice survives a reload and is what the API says", () -> {
            page.reload();
            assertThat(followers).isChecked();
            var token = api.token(user.handle(), user.password());
            var me = api.http().get().uri("/api/me").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(me).extracting("settings").extracting("paymentVisibility").isEqualTo("FOLLOWERS");
        });
    }
}
