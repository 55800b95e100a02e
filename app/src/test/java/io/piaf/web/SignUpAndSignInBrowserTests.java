package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Sign-up, sign-in, sign-out and the session, in a real browser against the real server. */
class SignUpAndSignInBrowserTests extends BrowserTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.piaf.testing.Api api;

    @Test
    void a_visitor_signs_up_lands_home_signs_out_and_signs_back_in() {
        var page = newPage("en-GB");
        step("a visitor is sent to sign in", () -> {
            page.navigate("/");
            assertThat(page).hasURL(text(".*/signin$"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Welcome back"))).isVisible();
        });
        var user = signUp(page, "ann", "Ann Lee");
        step("home greets the new user and asks for a PIN", () -> {
            assertThat(page.getByText("No PIN yet: you need one to pay.").first()).isVisible();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Profile"))).isVisible();
        });
        step("a reload keeps the session (sessionStorage) and client routes load directly", () -> {
            page.navigate("/settings");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Settings").setLevel(1))).isVisible();
            page.reload();
            assertThat(page.getByText("@" + user.handle()).first()).isVisible();
        });
        var refreshToken = new String[1];
        step("past the access token's lifetime the app renews it with the refresh token and stays signed in", () -> {
            // As if the hour had passed: the stored access token is expired and no longer accepted.
            refreshToken[0] = (String) page.evaluate("() => { const s = JSON.parse(sessionStorage.getItem('piaf.session'));"
                    + " s.token = 'expired.' + s.token; s.expiresAt = Date.now() - 1000;"
                    + " sessionStorage.setItem('piaf.session', JSON.stringify(s)); return s.refreshToken; }");
            page.navigate("/settings");
            assertThat(page.getByText("@" + user.handle()).first()).isVisible();
            var renewed = (String) page.evaluate("() => JSON.parse(sessionStorage.getItem('piaf.session')).refreshToken");
            org.assertj.core.api.Assertions.assertThat(renewed).isNotBlank().isNotEqualTo(refreshToken[0]);
            refreshToken[0] = renewed;
        });
        step("sign out, which revokes the session on the server", () -> {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page).hasURL(text(".*/signin$"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                    api.http().post().uri("/api/auth/refresh").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                            .bodyValue(java.util.Map.of("refresh_token", refreshToken[0])).exchange().expectStatus().isUnauthorized());
        });
        step("a wrong password is refused with a message", () -> {
            page.getByLabel("Handle").fill(user.handle());
            page.getByLabel("Password").fill("not-the-password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("Unknown handle or wrong password.");
        });
        step("the right password signs in (with or without the @)", () -> {
            page.getByLabel("Handle").fill("@" + user.handle().toUpperCase());
            page.getByLabel("Password").fill(user.password());
            page.getByLabel("Password").press("Enter");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Home").setLevel(1))).isVisible();
        });
    }

    @Test
    void a_taken_handle_is_shown_on_its_field() {
        var first = newPage("en-GB");
        var taken = signUp(first, "tak", "First");
        var page = newPage("en-GB");
        step("sign up with the same handle", () -> {
            page.navigate("/signup");
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Second");
            page.getByLabel("Handle", new Page.GetByLabelOptions().setExact(true)).fill(taken.handle());
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("another password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        });
        step("the handle field says it is taken, and is marked invalid", () -> {
            var handle = page.getByLabel("Handle", new Page.GetByLabelOptions().setExact(true));
            assertThat(handle).hasAttribute("aria-invalid", "true");
            assertThat(handle).hasAccessibleDescription(text(".*This handle is taken.*"));
        });
    }

    @Test
    void the_app_speaks_french_to_a_french_browser_and_switches_language_on_demand() {
        var page = newPage("fr-FR");
        step("sign-in screen in French", () -> {
            page.navigate("/signin");
            assertThat(page.locator("html")).hasAttribute("lang", "fr");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Bon retour"))).isVisible();
        });
        step("the toggle switches to English and the choice survives a reload", () -> {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch to English")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Welcome back"))).isVisible();
            page.reload();
            assertThat(page.locator("html")).hasAttribute("lang", "en");
        });
    }
}
