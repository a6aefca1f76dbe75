package io.meterline.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.meterline.client.billing.ApiException;
import io.meterline.client.billing.api.ClientsApi;
import io.meterline.client.billing.model.ClientRequest;

/**
 * The console as an admin and a viewer use it, on the stack {@code ./meterline up} starts with its demo data. The
 * last test stops a service, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ShowsTheConsoleOnFailure.class)
class ConsoleE2ETest {

    /** Every screen, with what shows that it holds real content. */
    private static final Map<String, String> SCREENS = new LinkedHashMap<>();

    static {
        SCREENS.put("dashboard", "/");
        SCREENS.put("margin", "/margin");
        SCREENS.put("clients", "/clients");
        SCREENS.put("assets-new", "/assets?tab=new");
        SCREENS.put("assets-unassigned", "/assets?tab=unassigned");
        SCREENS.put("assets-disregarded", "/assets?tab=disregarded");
        SCREENS.put("buckets", "/buckets");
        SCREENS.put("readings", "/readings");
        SCREENS.put("invoices", "/invoices");
        SCREENS.put("projections", "/projections");
        SCREENS.put("over-under", "/over-under");
        SCREENS.put("usage", "/usage");
        SCREENS.put("alerts", "/alerts");
        SCREENS.put("pricing-unit-types", "/pricing?tab=unit-types");
        SCREENS.put("pricing-price-plans", "/pricing?tab=price-plans");
        SCREENS.put("pricing-cost-rates", "/pricing?tab=cost-rates");
        SCREENS.put("pricing-discounts", "/pricing?tab=discounts");
        SCREENS.put("settings-api-keys", "/settings?tab=api-keys");
        SCREENS.put("settings-suppressions", "/settings?tab=suppressions");
        SCREENS.put("settings-audit", "/settings?tab=audit");
    }

    static StackUnderTest stack;

    @BeforeAll
    static void startTheStack() {
        stack = StackUnderTest.get();
    }

    /** Runs a browser assertion, naming what failed (Playwright's assertions take no description). */
    private static void named(String what, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private static Console admin() {
        return Console.loggedIn(stack, "admin", stack.credentials.adminPassword());
    }

    @Test
    @Order(1)
    void anAdminLogsInOnKeycloaksPageAndTheDashboardShowsTheDemoData() {
        try (Console console = admin()) {
            Page page = console.page;
            assertThat(page.locator("main h1")).hasText("Dashboard");
            Locator projected = page.getByLabel("Projected revenue this period");
            assertThat(projected.locator(".figure").first()).containsText(Pattern.compile("\\d"));
            assertThat(page.getByLabel("Top clients").locator("tbody tr").first()).isVisible();
            assertThat(page.getByLabel("Health")).containsText("ready");
            // A reload keeps the session: the cookie, not a token in the page.
            page.reload();
            assertThat(page.locator("main h1")).hasText("Dashboard");
            Performance.record("dashboardFirstContentfulPaintMs", ((Number) page.evaluate(
                    "() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1")).doubleValue());
            console.screenshot("dashboard");
        }
    }

    @Test
    @Order(3)
    void everyScreenShowsRealContent() {
        try (Console console = admin()) {
            for (Map.Entry<String, String> screen : SCREENS.entrySet()) {
                console.open(screen.getValue());
                Page page = console.page;
                named(screen.getKey(), () -> {
                    assertThat(page.locator(".state.error")).hasCount(0);
                    // A table with rows, a chart, or a card with figures: something the demo data filled in.
                    assertThat(page.locator("main tbody tr, main figure.chart canvas, main .figure, main dl.facts")
                            .first()).isVisible();
                });
                console.screenshot(screen.getKey());
            }
        }
    }

    @Test
    @Order(4)
    void anAdminCreatesAClientAndABucketForIt() {
        try (Console console = admin()) {
            Page page = console.page;
            console.open("/clients/new");
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Northwind Traders E2E");
            page.getByLabel("External id").fill("northwind-e2e");
            page.getByLabel("Currency").fill("EUR");
            page.getByLabel("Time zone").selectOption("Europe/Berlin");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client")).click();
            page.waitForURL(Pattern.compile(".*/clients/[0-9a-f-]{36}$"));
            assertThat(page.locator("main h1")).hasText("Northwind Traders E2E");
            String clientId = page.url().substring(page.url().lastIndexOf('/') + 1);

            console.open("/buckets/new");
            Locator picker = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Client"));
            picker.fill("northwind-e2e");
            page.getByRole(AriaRole.OPTION).filter(new Locator.FilterOptions().setHasText("Northwind Traders E2E"))
                    .click();
            Locator unitType = page.getByLabel("Unit type");
            // A unit type in the client's currency (the others are disabled), once they have loaded.
            unitType.selectOption(unitType.locator("option:not([disabled])").filter(new Locator.FilterOptions()
                    .setHasText("-eur")).first().getAttribute("value"));
            page.getByLabel("Commit (units per period)").fill("1000");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Create"))).click();
            page.waitForURL(url -> !url.endsWith("/buckets/new"));
            console.open("/buckets?client=" + clientId);
            assertThat(page.getByLabel("Buckets").locator("tbody tr")).hasCount(1);
            console.screenshot("bucket-created");
        }
    }

    @Test
    @Order(5)
    void billingRunsAndItsProgressReachesTheEnd() {
        try (Console console = admin()) {
            Page page = console.page;
            console.open("/readings");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run billing")).click();
            Locator progress = page.getByRole(AriaRole.PROGRESSBAR, new Page.GetByRoleOptions()
                    .setName("Clients billed"));
            // Starting a run queues it and reads it back: two calls through the gateway, slow on a loaded machine.
            assertThat(progress).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                    .setTimeout(30_000));
            // Live progress: the bar reaches its total, and the run says it is finished.
            assertThat(page.getByLabel("Billing run progress")).containsText(
                    Pattern.compile("(succeeded|partial)", Pattern.CASE_INSENSITIVE),
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(120_000));
            assertThat(progress.getAttribute("aria-valuenow")).isEqualTo(progress.getAttribute("aria-valuemax"));
            console.screenshot("billing-run");
        }
    }

    @Test
    @Order(6)
    void theCsvExportDownloadsTheReadingsOfAPeriod() throws IOException {
        try (Console console = admin()) {
            Page page = console.page;
            // Two months back: the demo has billed it whatever the day. Last month (the page's default) is not billed
            // yet in the first hours of a month, while the demo clients' grace lasts.
            console.open("/readings?month=" + java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(2));
            // A billing type every demo client in US dollars is billed for.
            Locator type = page.getByLabel("Billing type (unit type)");
            // getAttribute waits for the option: the unit types load after the page.
            type.selectOption(type.locator("option").filter(new Locator.FilterOptions().setHasText("vcpu-hour-usd"))
                    .first().getAttribute("value"));
            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Export CSV")).click());
            Path file = Artifacts.dir().resolve("readings.csv");
            download.saveAs(file);
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSizeGreaterThan(1);
            assertThat(lines.get(0)).contains(",");
            assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.split(",", -1))
                    .hasSameSizeAs(lines.get(0).split(",", -1)));
        }
    }

    @Test
    @Order(7)
    void anAdminAcknowledgesANewAsset() {
        try (Console console = admin()) {
            Page page = console.page;
            console.open("/assets?tab=new");
            Locator rows = page.locator("main table tbody tr");
            int before = Integer.parseInt(page.locator(".pager span").first().innerText().replaceAll(".* of ", "")
                    .trim());
            rows.first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge")).click();
            assertThat(page.locator(".pager span").first()).containsText(" of " + (before - 1));
        }
    }

    @Test
    @Order(9)
    void anAdminEditsAnAlertRuleInPlace() {
        try (Console console = admin()) {
            Page page = console.page;
            console.open("/alerts?tab=rules");
            // The keyboard opens a row, as a click does.
            page.getByLabel("Alert rules").locator("tbody tr").first().press("Enter");
            page.waitForURL(Pattern.compile(".*/alerts/rules/[0-9a-f-]{36}$"));
            String address = page.url();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit")).click();
            Locator name = page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true));
            name.fill("Edited in the browser test");
            page.getByLabel("Warning at (optional)").fill("");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
            assertThat(page.locator("main h1")).hasText("Edited in the browser test");
            assertThat(page.getByLabel("Rule").locator("dd").nth(3)).hasText("—"); // Warning at: none now
            assertThat(page).hasURL(address);
            // What was saved is what a reload shows.
            page.reload();
            assertThat(page.locator("main h1")).hasText("Edited in the browser test");
        }
    }

    @Test
    @Order(8)
    void aViewerSeesNoControlThatChangesAnythingAndTheApiRefusesThem() throws Exception {
        try (Console console = Console.loggedIn(stack, "viewer", stack.credentials.viewerPassword())) {
            Page page = console.page;
            assertThat(page.locator(".topbar")).containsText("read-only");
            for (String path : List.of("/clients", "/assets?tab=new", "/buckets", "/readings", "/settings?tab=api-keys",
                    "/pricing?tab=unit-types", "/alerts?tab=rules")) {
                console.open(path);
                for (String control : List.of("New client", "Acknowledge", "New bucket", "Run billing", "Create key",
                        "New unit type", "New alert rule", "Disable", "Delete")) {
                    named(control + " on " + path, () -> {
                        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(control)))
                                .hasCount(0);
                        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(control)))
                                .hasCount(0);
                    });
                }
            }
            console.screenshot("viewer-clients");
        }
        ClientsApi clients = Clients.billing(stack, stack.userToken("viewer", stack.credentials.viewerPassword()));
        assertThat(clients.clientResourceList(null, null, 0, null, 5, null).getItems()).isNotEmpty();
        assertThatThrownBy(() -> clients.clientResourceCreate(new ClientRequest().name("Nope").externalId("nope")
                .currency("EUR").timeZone("UTC"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.getCode()).isEqualTo(403));
    }

    /**
     * Measured before any test changes data, once the projection pass that follows the demo load is done: the
     * figures then describe the demo data at rest, as an admin opening the console meets it.
     */
    @Test
    @Order(2)
    void aggregatedViewsAnswerQuickly() throws Exception {
        String token = stack.automationToken();
        Performance.awaitQuiet(stack.gatewayUrl() + "/api/v1/views/dashboard", token);
        for (String view : List.of("dashboard", "health", "margin", "over-under")) {
            Performance.record(view + "ViewP95Ms", Performance.p95(stack.gatewayUrl() + "/api/v1/views/" + view,
                    token, 30));
        }
        String client = Clients.billing(stack, token).clientResourceList(null, null, 0, null, 1, null).getItems()
                .get(0).getId().toString();
        String clientView = stack.gatewayUrl() + "/api/v1/views/clients/" + client;
        Performance.record("clientViewP95Ms", Performance.p95(clientView, token, 30));
        Performance.record("clientViewPanelsMs", Performance.panelTimes(clientView, token));
        Performance.record("dashboardViewPanelsMs", Performance.panelTimes(stack.gatewayUrl()
                + "/api/v1/views/dashboard", token));
        Performance.write();
    }

    @Test
    @Order(100)
    void aStoppedServiceLeavesItsPanelsInErrorAndTheRestOfTheDashboardWorks() {
        try (Console console = admin()) {
            stack.kill("projection");
            console.open("/");
            Page page = console.page;
            assertThat(page.getByLabel("Projected revenue this period")).containsText("unavailable");
            assertThat(page.getByLabel("New assets").locator(".figure")).containsText(Pattern.compile("\\d"));
            assertThat(page.getByLabel("Health")).containsText("projection");
            console.screenshot("dashboard-projection-down");
        }
    }
}
