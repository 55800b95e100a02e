package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * axe-core (run offline in the page) finds no serious or critical WCAG 2.1 A/AA violation on the main screens, in both
 * languages and on a phone; the keyboard reaches everything with a visible focus.
 */
class AccessibilityBrowserTests extends BrowserTestSupport {

    @Test
    void the_sign_in_and_sign_up_screens_are_accessible_in_english_and_french() {
        for (var locale : new String[] { "en-GB", "fr-FR" }) {
            var page = newPage(locale);
            step("sign in, " + locale, () -> {
                page.navigate("/signin");
                assertThat(page.locator("h1")).isVisible();
                assertAccessible(page, "sign-in " + locale);
            });
            step("sign up, " + locale, () -> {
                page.navigate("/signup");
                assertThat(page.locator("h1")).isVisible();
                assertAccessible(page, "sign-up " + locale);
            });
        }
    }

    @Test
    void the_signed_in_screens_are_accessible() {
        var other = newPage("en-GB");
        var friend = signUp(other, "friend", "Frida Friend");
        var page = newPage("en-GB");
        signUp(page, "axe", "Alex Axe");
        String[][] screens = {
                { "/", "Home" },
                { "/settings", "Settings" },
                { "/wallet", "Wallet" },
                { "/savings", "Savings" },
                { "/notifications", "Notifications" },
                { "/messages", "Messages" },
                { "/pay/new?to=" + friend.handle(), "Send money" },
                { "/u/" + friend.handle(), "Frida Friend" },
                { "/messages/" + friend.handle(), "Conversation with Frida Friend" },
        };
        for (var screen : screens) {
            step(screen[0], () -> {
                page.navigate(screen[0]);
                assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(screen[1]).setLevel(1))).isVisible();
                page.waitForLoadState();
                assertAccessible(page, screen[0]);
            });
        }
    }

    @Test
    void on_a_phone_the_home_screen_is_accessible_in_french() {
        var page = newPage("fr-FR", 390, 844);
        signUp(page, "mob", "Mobile");
        step("home on a phone", () -> {
            assertThat(page.getByRole(AriaRole.NAVIGATION)).isVisible();
            assertAccessible(page, "home-phone-fr");
        });
    }

    @Test
    void the_keyboard_skips_to_the_content_and_always_shows_where_it_is() {
        var page = newPage("en-GB");
        signUp(page, "kbd", "Kim Board");
        step("the first Tab lands on the skip link, which moves focus to the main content", () -> {
            page.navigate("/settings");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Settings").setLevel(1))).isVisible();
            page.keyboard().press("Tab");
            var skip = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip to content"));
            assertThat(skip).isFocused();
            assertThat(skip).isInViewport();
            page.keyboard().press("Enter");
            assertThat(page.locator("main")).isFocused();
        });
        step("every control of the screen, in order, shows a focus ring", () -> {
            var checked = 0;
            for (var i = 0; i < 30; i++) {
                page.keyboard().press("Tab");
                var style = (String) page.evaluate("() => { const e = document.activeElement;"
                        + " if (e === document.body) return 'end';"
                        + " const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }");
                if (style.equals("end")) {
                    break;
                }
                checked++;
                assertThat(style).as("focus style of tab stop %d", i).doesNotStartWith("none 0px none");
            }
            assertThat(checked).as("tab stops on the settings screen").isGreaterThanOrEqualTo(6);
        });
        step("the compose box posts with the keyboard alone", () -> {
            page.navigate("/");
            page.getByLabel("New post").focus();
            page.keyboard().type("Hello from the keyboard");
            page.keyboard().press("Tab");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try it"))).isFocused();
        });
    }
}
