package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

/**
 * Browser tests: the real deployable on a random port (shared {@code @PiafTest} context), driven in Debian's Chromium.
 * Tagged {@code browser}: {@code -Dpiaf.browser.skip=true} leaves them out. A failing test or step saves a screenshot
 * of every open page under {@code target/browser-failures/}.
 */
@PiafTest
@Tag("browser")
@ExtendWith(BrowserTestSupport.BrowserExtension.class)
abstract class BrowserTestSupport {

    static final Path FAILURES = Path.of("target", "browser-failures");

    /** A desktop viewport; the app is responsive, screenshots also take a phone one. */
    static final int WIDTH = 1280;
    static final int HEIGHT = 860;

    static {
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @LocalServerPort
    int port;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private Browser browser;
    private String testName;

    @BeforeEach
    void name(TestInfo info) {
        testName = getClass().getSimpleName() + "." + info.getTestMethod().map(m -> m.getName()).orElse("test");
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    String base() {
        return "http://localhost:" + port;
    }

    /** A fresh browser (its own storage) with the given language, e.g. "en-GB" or "fr-FR". */
    Page newPage(String locale) {
        return newPage(locale, WIDTH, HEIGHT);
    }

    Page newPage(String locale, int width, int height) {
        var context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(base())
                .setLocale(locale)
                .setTimezoneId("Europe/Paris")
                .setViewportSize(width, height));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        var page = context.newPage();
        // Script errors end up in the test's output, next to the failure they explain.
        page.onPageError(error -> System.out.println("[browser " + locale + "] page error: " + error));
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") || message.type().equals("warning")) {
                System.out.println("[browser " + locale + "] console " + message.type() + ": " + message.text());
            }
        });
        return page;
    }

    /** Runs one step of a scenario; if it fails, every open page is saved as a screenshot named after the step. */
    void step(String name, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | AssertionError failure) {
            var saved = screenshots(name);
            throw new AssertionError("Step failed: " + name + " (screenshots: " + saved + ")", failure);
        }
    }

    List<Path> screenshots(String label) {
        var saved = new ArrayList<Path>();
        var folder = FAILURES.resolve(testName);
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            return saved;
        }
        var index = 0;
        for (var context : contexts) {
            for (var page : context.pages()) {
                var file = folder.resolve(label.replaceAll("[^A-Za-z0-9_-]+", "_") + "-" + (++index) + ".png");
                try {
                    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true).setTimeout(5_000));
                    saved.add(file);
                } catch (RuntimeException ignored) {
                    // A closed or crashed page has nothing to show.
                }
            }
        }
        return saved;
    }

    /** Signs a new user up through the sign-up screen; the page ends on the home screen, signed in. */
    UiUser signUp(Page page, String prefix, String displayName) {
        var handle = Api.uniqueHandle(prefix);
        var password = "password-" + handle;
        page.navigate("/signup");
        var french = page.locator("html").getAttribute("lang").equals("fr");
        page.getByLabel(french ? "Nom" : "Name", new Page.GetByLabelOptions().setExact(true)).fill(displayName);
        page.getByLabel(french ? "Identifiant" : "Handle", new Page.GetByLabelOptions().setExact(true)).fill(handle);
        page.getByLabel(french ? "Mot de passe" : "Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(french ? "Créer mon compte" : "Create account")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(french ? "Accueil" : "Home").setLevel(1)))
                .isVisible();
        return new UiUser(handle, password, displayName);
    }

    record UiUser(String handle, String password, String displayName) {
    }

    static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

    /** axe-core (WCAG 2.1 A/AA rules) finds no serious or critical violation on the page as it is now. */
    void assertAccessible(Page page, String screen) {
        var results = new AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze();
        var blocking = results.getViolations().stream()
                .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))
                .map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .toList();
        if (!blocking.isEmpty()) {
            screenshots("axe-" + screen);
        }
        assertThat(blocking).as("serious or critical accessibility violations on the %s screen", screen).isEmpty();
    }

    static Pattern text(String regex) {
        return Pattern.compile(regex);
    }

    /** The field labelled exactly {@code label}. */
    static Locator byLabel(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    /** The button whose accessible name matches {@code regex} (English or French, e.g. "Pay|Payer"). */
    static Locator button(Page page, String regex) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(text(regex)));
    }

    /**
     * Hands each test the run's browser, and saves screenshots of every open page when a test fails (this callback
     * runs before {@code @AfterEach}, while the pages are still open).
     */
    static final class BrowserExtension implements BeforeEachCallback, AfterTestExecutionCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            if (context.getRequiredTestInstance() instanceof BrowserTestSupport test) {
                test.browser = Browsers.of(context).browser;
            }
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (context.getExecutionException().isPresent() && context.getTestInstance().orElse(null) instanceof BrowserTestSupport test) {
                test.screenshots("failure");
            }
        }
    }
}
