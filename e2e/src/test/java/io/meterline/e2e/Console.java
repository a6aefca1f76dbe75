package io.meterline.e2e;

import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.LoadState;

/**
 * A real Chromium on the console, logged in through Keycloak's own login page. One browser per test JVM; each
 * console gets a context of its own (its own cookies), so an admin and a viewer never share a session.
 */
public final class Console implements AutoCloseable {

    /** Keycloak's first login page on a cold, loaded machine takes longer than a screen of ours. */
    private static final double LOGIN_TIMEOUT_MS = 60_000;

    private static Playwright playwright;
    private static Browser browser;
    private static volatile String lastSeen = "";

    public final Page page;
    private final BrowserContext context;
    private final StackUnderTest stack;

    private Console(StackUnderTest stack, BrowserContext context) {
        this.stack = stack;
        this.context = context;
        this.page = context.newPage();
        page.setDefaultTimeout(15_000);
    }

    private static synchronized Browser browser() {
        if (browser == null) {
            playwright = Playwright.create();
            // A loaded CI machine renders more slowly than a laptop: the assertions wait as long as the actions.
            PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(System.getProperty("meterline.chromium", "/usr/bin/chromium")))
                    .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> playwright.close(), "e2e-browser-stop"));
        }
        return browser;
    }

    /** Opens the console and logs in on Keycloak's page as {@code user}; returns once the dashboard is shown. */
    public static Console loggedIn(StackUnderTest stack, String user, String password) {
        Console console = new Console(stack, browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(1440, 900).setLocale("en-GB").setTimezoneId("Europe/London")
                .setAcceptDownloads(true)));
        Page page = console.page;
        page.navigate(stack.gatewayUrl() + "/", new Page.NavigateOptions().setTimeout(LOGIN_TIMEOUT_MS));
        // The console finds no session and sends the browser to Keycloak's login page.
        page.waitForURL(url -> url.contains("/realms/meterline/"),
                new Page.WaitForURLOptions().setTimeout(LOGIN_TIMEOUT_MS));
        page.locator("#username").fill(user, new Locator.FillOptions().setTimeout(LOGIN_TIMEOUT_MS));
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
        page.waitForURL(url -> url.startsWith(stack.gatewayUrl()),
                new Page.WaitForURLOptions().setTimeout(LOGIN_TIMEOUT_MS));
        page.waitForLoadState(LoadState.NETWORKIDLE, new Page.WaitForLoadStateOptions().setTimeout(LOGIN_TIMEOUT_MS));
        page.locator("main h1").waitFor(new Locator.WaitForOptions().setTimeout(LOGIN_TIMEOUT_MS));
        return console;
    }

    /** Goes to a screen's address, as a link or a reload would, and waits for its data. */
    public void open(String path) {
        page.navigate(stack.gatewayUrl() + path);
        page.locator("main h1").waitFor();
        page.waitForLoadState(LoadState.NETWORKIDLE);
    }

    /** Writes a screenshot of the whole page to the test artifacts, for docs/console.md and for a failing run. */
    public Path screenshot(String name) {
        Path file = Artifacts.dir().resolve("screenshots").resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /**
     * Where the last closed console was and what its page said: a failing test's console is closed before JUnit
     * reports the failure, and CI keeps only the printed output, not the screenshots.
     */
    public static String lastSeen() {
        return lastSeen;
    }

    static void forget() {
        lastSeen = "";
    }

    @Override
    public void close() {
        try {
            String text = (String) page.evaluate("() => (document.querySelector('main') ?? document.body)?.innerText ?? ''");
            lastSeen = page.url() + "\n" + (text.length() > 2000 ? text.substring(0, 2000) + " …" : text);
        } catch (RuntimeException e) {
            lastSeen = page.url() + " (its text could not be read: " + e.getMessage() + ")";
        } finally {
            context.close();
        }
    }
}
