package io.piaf.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * One Playwright driver and one Chromium for the whole test run, kept in JUnit's root store, which closes them when
 * the run ends (no JVM shutdown hook). Each test gets its own browser context, so nothing leaks between tests.
 *
 * <p>The browser is Debian's Chromium ({@code apt-get install -y chromium}); Playwright never downloads one here
 * (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set by Surefire and again below).
 */
final class Browsers implements AutoCloseable {

    /** Flags that work as root on these machines, without network access (see DESIGN.md). */
    static final List<String> CHROMIUM_FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    final Playwright playwright;
    final Browser browser;

    private Browsers() {
        var executable = Path.of(System.getProperty("piaf.browser.executable", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("The browser tests need Chromium at " + executable
                    + ": install Debian's with `apt-get install -y chromium` (as .ci/run does), point "
                    + "-Dpiaf.browser.executable at another one, or leave these tests out with -Dpiaf.browser.skip=true.");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(CHROMIUM_FLAGS));
    }

    static Browsers of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(Browsers.class))
                .computeIfAbsent(Browsers.class, key -> new Browsers(), Browsers.class);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
