package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.testing.Api;

/**
 * Pay with a Post in the web app: Léa (English) publishes an unlockable guide with a file; Alice (French) unlocks it by
 * publishing its post and downloads the file; Bob, who follows Alice, finds the item under Alice's post in his timeline and unlocks it from there; Léa's
 * stats show both unlocks, the reach, and that Bob came from Alice's post.
 */
class UnlockJourneyBrowserTests extends BrowserTestSupport {

    @Autowired
    Api api;

    @Test
    void a_creator_publishes_two_users_unlock_by_posting_one_from_the_others_post_and_the_creator_sees_the_chain() {
        var leaPage = newPage("en-GB");
        signUp(leaPage, "lea", "Léa Petit");
        var alicePage = newPage("fr-FR");
        var alice = signUp(alicePage, "alice", "Alice Martin");
        var bobPage = newPage("en-GB");
        var bob = signUp(bobPage, "bob", "Bob Durand");
        var bobApi = new Api.User(null, bob.handle(), api.token(bob.handle(), bob.password()));
        api.http().put().uri("/api/users/" + alice.handle() + "/follow").header("Authorization", bobApi.bearer())
                .exchange().expectStatus().isNoContent();
        var title = "Marais guide " + UUID.randomUUID().toString().substring(0, 6);

        step("Léa publishes an item whose post must keep #piaf, and sees its content as its creator", () -> {
            leaPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Unlocks")).first().click();
            byLabel(leaPage, "Title").fill(title);
            byLabel(leaPage, "Teaser (everyone sees it)").fill("Twelve places nobody knows about.");
            byLabel(leaPage, "Content (text)").fill("1. The hidden garden on rue des Rosiers.");
            byLabel(leaPage, "Content file (optional)").setInputFiles(new FilePayload("marais-map.txt", "text/plain",
                    "Map: rue des Rosiers, 4th arrondissement.".getBytes(StandardCharsets.UTF_8)));
            byLabel(leaPage, "The post people publish").fill("Léa's Marais guide is a gem {link} #piaf");
            byLabel(leaPage, "Words that must stay (optional)").fill("#piaf");
            byLabel(leaPage, "Or pay, price in € (optional)").fill("1.00");
            button(leaPage, "^Publish$").click();
            assertThat(leaPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1))).isVisible();
            assertThat(leaPage.getByTestId("unlockable-content")).containsText("hidden garden");
            assertAccessible(leaPage, "unlockable (creator)");
        });
        var itemPath = leaPage.url().substring(leaPage.url().indexOf("/unlock/"));

        step("Alice sees the teaser and the post to publish, publishes it and gets the content", () -> {
            alicePage.navigate(itemPath);
            assertThat(alicePage.getByTestId("unlockable-teaser")).hasText("Twelve places nobody knows about.");
            assertThat(alicePage.getByTestId("unlockable-content")).hasCount(0);
            assertThat(alicePage.getByTestId("unlock-post")).hasValue(text("^Léa's Marais guide is a gem http.*/unlock/.* #piaf$"));
            assertThat(alicePage.getByTestId("unlock-pay-button")).hasText(text("^Ou payer 1,00.€$"));
            assertAccessible(alicePage, "unlockable (before)");
            button(alicePage, "^Publier et débloquer$").click();
            assertThat(alicePage.getByTestId("unlockable-content")).containsText("hidden garden");
            var file = alicePage.getByTestId("unlockable-file");
            assertThat(file).hasText("Télécharger marais-map.txt");
            var download = alicePage.waitForDownload(file::click);
            org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("marais-map.txt");
            try {
                org.assertj.core.api.Assertions.assertThat(Files.readString(download.path())).isEqualTo("Map: rue des Rosiers, 4th arrondissement.");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        step("Bob finds the item under Alice's post in his timeline and unlocks it from there, with his own words", () -> {
            bobPage.navigate("/");
            var alicePost = bobPage.getByTestId("post").filter(new Locator.FilterOptions().setHasText("Marais guide is a gem"));
            assertThat(alicePost.getByTestId("unlockable")).isVisible();
            alicePost.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Unlock by posting")).click();
            var post = bobPage.getByTestId("unlock-post");
            post.fill("Found on @" + alice.handle() + "'s wall: " + post.inputValue().replace("Léa's Marais guide is a gem ", ""));
            button(bobPage, "^Publish and unlock$").click();
            assertThat(bobPage.getByTestId("unlockable-content")).containsText("hidden garden");
        });

        step("Léa's stats show two unlocks, Alice's audience as the reach, and Bob coming from Alice's post", () -> {
            leaPage.reload();
            leaPage.getByTestId("unlockable-content").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Stats")).click();
            assertThat(leaPage.getByTestId("stat-unlocks")).hasText("2");
            assertThat(leaPage.getByTestId("stat-reach")).hasText("1");
            assertThat(leaPage.getByTestId("stat-conversion")).hasText("200.0 %");
            var chain = leaPage.getByTestId("unlock-chain").getByRole(AriaRole.LISTITEM);
            assertThat(chain).hasCount(2);
            assertThat(chain.first()).containsText("@" + alice.handle() + " · directly");
            assertThat(chain.last()).containsText(text("@" + bob.handle() + " ← from the post of @" + alice.handle()));
            assertAccessible(leaPage, "unlock stats");
        });
    }
}
