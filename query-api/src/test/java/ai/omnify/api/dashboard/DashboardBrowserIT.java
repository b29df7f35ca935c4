package ai.omnify.api.dashboard;

import ai.omnify.model.Json;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Curiosity;
import ai.omnify.model.brain.Memory;
import ai.omnify.model.brain.Oracle;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestKafka;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.TestAccounts;
import ai.omnify.api.TestHttp;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromedriver, which {@code infra/omnify test} installs):
 * log in, see KPIs and a chart with data and the brain's three modules (a state seeded as the BrainJob writes it), receive
 * a live alert over SSE from the real alerts module, accept a real action (recorded in the database with the member),
 * and the same page on a phone-sized viewport. Screenshots go to {@code query-api/target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    static final String CHROMIUM = System.getenv().getOrDefault("OMNIFY_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("OMNIFY_CHROMEDRIVER", "/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    TestDatabase db;
    QueryApiServer server;
    final UUID actionId = UUID.randomUUID();
    Topics topics;
    WebDriver driver;
    WebDriverWait wait;
    String base;
    TestAccounts.Account member;
    BigDecimal totalSpend = BigDecimal.ZERO;

    @BeforeAll
    void start() throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("Chromium (" + CHROMIUM + ") or ChromeDriver (" + CHROMEDRIVER
                    + ") is missing: run the tests with 'infra/omnify test' (it installs them), or "
                    + "'apt-get install -y chromium chromium-driver'");
        }
        db = STACK.db();
        topics = STACK.topics();
        Map<String, String> env = STACK.serviceEnv();
        env.put("QUERY_API_PORT", "0");
        env.put("QUERY_API_HOST", "127.0.0.1");
        env.put("QUERY_API_DB_POOL_SIZE", "4");
        env.put("QUERY_API_COOKIE_SECURE", "false");
        server = QueryApiServer.start(QueryApiConfig.fromEnv(env), env, List.of());
        base = "http://127.0.0.1:" + server.port();
        TestAccounts accounts = new TestAccounts(new TestHttp(server.port()));
        TestAccounts.Account admin = accounts.signupAdmin("ada@shop.example", "Northwind");
        db.execute("UPDATE organizations SET currency = 'USD', time_zone = 'UTC' WHERE id = ?", admin.orgId());
        member = accounts.invited(admin, "max@shop.example", "member");
        seed(admin.orgId());

        Files.createDirectories(SHOTS);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("omnify-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    void seed(UUID org) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String[][] campaigns = {{"cmp-1", "Prospecting"}, {"cmp-2", "Brand Search"}};
        for (int c = 0; c < campaigns.length; c++) {
            UUID channel = Ids.channelId(org.toString(), Platform.META, campaigns[c][0]);
            db.execute("INSERT INTO channels (id, organization_id, name, platform, external_id) VALUES (?, ?, ?, 'meta', ?)",
                    channel, org, campaigns[c][1], campaigns[c][0]);
            UUID creative = Ids.creativeId(org.toString(), Platform.META, "ad-" + c);
            db.execute("INSERT INTO creatives (id, organization_id, channel_id, name, external_id, launch_date) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", creative, org, channel, "Ad " + c, "ad-" + c, today.minusDays(40));
            for (int d = 0; d < 30; d++) {
                BigDecimal spend = BigDecimal.valueOf(100 + 10 * c + d);
                totalSpend = totalSpend.add(spend);
                db.execute("INSERT INTO daily_metrics (organization_id, channel_id, date, spend, impressions, clicks, "
                        + "conversions, conversion_value, currency) VALUES (?, ?, ?, ?, 10000, 200, 5, ?, 'USD')",
                        org, channel, today.minusDays(d), spend, spend.multiply(BigDecimal.valueOf(3)));
                db.execute("INSERT INTO creative_daily_metrics (organization_id, creative_id, channel_id, date, spend, "
                        + "impressions, clicks, conversion_value, reach, frequency, currency) VALUES (?, ?, ?, ?, ?, "
                        + "10000, 200, ?, 5000, 2, 'USD')", org, creative, channel, today.minusDays(d), spend,
                        spend.multiply(BigDecimal.valueOf(3)));
            }
        }
        seedBrain(org, today);
        for (int d = 0; d < 30; d++) {
            db.execute("INSERT INTO org_daily_metrics (organization_id, date, spend, conversion_value, store_revenue, "
                    + "orders, currency) VALUES (?, ?, ?, ?, ?, 10, 'USD')", org, today.minusDays(d),
                    BigDecimal.valueOf(210 + 2 * d), BigDecimal.valueOf(630 + 6 * d), BigDecimal.valueOf(900 + d));
        }
    }

    /** A brain state and its open action, as the BrainJob writes them (brain_states.state, actions, brain_insights). */
    void seedBrain(UUID org, LocalDate today) {
        String o = org.toString();
        String prospecting = Ids.channelId(o, Platform.META, "cmp-1").toString();
        String brandSearch = Ids.channelId(o, Platform.META, "cmp-2").toString();
        String ad0 = Ids.creativeId(o, Platform.META, "ad-0").toString();
        String ad1 = Ids.creativeId(o, Platform.META, "ad-1").toString();
        Memory memory = new Memory(
                List.of(new Memory.Kpis(7, "org", o, "Northwind", bd("1540"), bd("4620"), bd("6300"), bd("70"),
                        bd("3.0"), bd("22"), bd("4.09"), BigDecimal.ONE)),
                List.of(new Memory.RevenueViews(7, bd("4620"), bd("6300"), bd("4100"), bd("-1680"), bd("-0.3636"))),
                List.of(new Memory.CreativeStanding(ad1, brandSearch, "Ad 1", bd("770"), bd("2600"), bd("3.38"),
                        bd("0.02"), bd("0.12"), "rising")),
                List.of(new Memory.CreativeStanding(ad0, prospecting, "Ad 0", bd("770"), bd("2020"), bd("2.62"),
                        bd("0.02"), bd("-0.2"), "falling")),
                List.of(new Memory.TimelineEvent(today.minusDays(2), "budget_change", brandSearch, null, null,
                        "Brand Search's daily budget rose by 20%")));
        Oracle oracle = new Oracle(
                List.of(new Oracle.Forecast(null, "revenue", "holt_winters_additive", bd("0.08"), bd("0.12"), today,
                        List.of(new Oracle.Point(today.plusDays(1), 1, bd("690"), bd("610"), bd("770")),
                                new Oracle.Point(today.plusDays(7), 7, bd("705"), bd("580"), bd("830"))))),
                List.of(new Oracle.Fatigue(ad0, prospecting, "Ad 0", "ctr", bd("0.011"), bd("0.02"), bd("0.01"),
                        bd("-0.0004"), 3, bd("110"))),
                List.of(new Oracle.Risk("roas_below_target", "warning", prospecting, bd("1.6"), bd("2.0"),
                        "Prospecting's ROAS of 1.60 is below the 2.00 target")),
                List.of());
        Curiosity.Action action = new Curiosity.Action(actionId.toString(), "budget_move",
                new Curiosity.Target(null, null, brandSearch, prospecting, null, bd("18")),
                "Move 15% of Brand Search's budget to Prospecting: its ROAS is twice as high",
                new Curiosity.Impact("revenue", bd("1250"), "USD", 14), bd("0.72"), "high");
        BrainState state = new BrainState(o, 3, Instant.now(), today, "USD", memory, oracle,
                new Curiosity(List.of(action)), "Revenue held steady at 3.0x ROAS this week.");
        db.execute("INSERT INTO brain_states (organization_id, version, memory_output, oracle_output, curiosity_output, "
                + "computed_at, as_of_date, summary, state) VALUES (?, 3, ?::jsonb, ?::jsonb, ?::jsonb, now(), ?, ?, "
                + "?::jsonb)", org, Json.write(memory), Json.write(oracle), Json.write(state.curiosity()), today,
                state.summary(), Json.write(state));
        ai.omnify.api.TenantRows.execute(db, org, "INSERT INTO brain_insights (organization_id, kind, subject_id, "
                + "version, text, source) VALUES (?, 'summary', 'org', 3, "
                + "'Northwind kept a 3.0x ROAS on 1,540 USD of spend this week.', 'model')", org);
        db.execute("INSERT INTO actions (id, organization_id, kind, target, rationale, impact_metric, expected_impact, "
                + "currency, confidence, urgency, expected_days, status) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, "
                + "'open')", actionId, org, action.kind(), Json.write(action.target()), action.rationale(),
                action.expectedImpact().metric(), action.expectedImpact().value(), "USD", action.confidence(),
                action.urgency(), action.expectedImpact().horizonDays());
    }

    static BigDecimal bd(String v) {
        return new BigDecimal(v);
    }

    void shot(String name) throws IOException {
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    @Test
    @Order(1)
    void logsInAndSeesKpisAndAChartWithData() throws IOException {
        driver.get(base + "/app/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        shot("01-login");
        driver.findElement(By.id("login-email")).sendKeys("max@shop.example");
        driver.findElement(By.id("login-password")).sendKeys("wrong password!!");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "wrong email or password"));
        driver.findElement(By.id("login-password")).clear();
        driver.findElement(By.id("login-password")).sendKeys(TestAccounts.PASSWORD);
        driver.findElement(By.id("login-submit")).click();

        // the first-time tour comes first
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tour")));
        assertThat(driver.findElement(By.id("tour-text")).getText()).contains("key figures");
        shot("02-tour");
        driver.findElement(By.id("tour-skip")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("tour")));

        WebElement spendCard = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-kpi='Ad spend'] .value")));
        String expected = String.format(java.util.Locale.US, "%,d", totalSpend.intValueExact());
        wait.until(d -> spendCard.getText().replace("\u00a0", " ").contains(expected));
        assertThat(driver.findElement(By.id("who")).getText()).contains("max@shop.example", "member");
        wait.until(d -> Integer.parseInt(driver.findElement(By.id("chart-trend")).getAttribute("data-points")) == 30);
        assertThat(driver.findElements(By.cssSelector("#chart-trend canvas"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#channels tbody tr"))).hasSize(2);
        assertThat(driver.findElement(By.cssSelector("#channels tbody tr")).getText()).contains("Brand Search");
        assertThat(driver.findElements(By.cssSelector("#creatives tbody tr"))).hasSize(2);
        // the brain's three modules from the real GET /api/v1/brain, with the channels' names
        wait.until(d -> driver.findElement(By.id("brain-oracle")).getText().contains("revenue of all channels"));
        assertThat(driver.findElement(By.id("brain-memory")).getText()).contains(
                "Northwind kept a 3.0x ROAS", "Last 7 days", "ROAS 3.00", "Best: Ad 1", "rising", "Worst: Ad 0",
                "gap -36.4%", "daily budget rose by 20%");
        assertThat(driver.findElement(By.id("brain-oracle")).getText()).contains(
                "Ad 0 fatigues in 3 days (ctr)", "Prospecting's ROAS of 1.60 is below the 2.00 target",
                "on " + LocalDate.now(ZoneOffset.UTC).plusDays(7));
        assertThat(driver.findElement(By.id("brain-curiosity")).getText()).contains("budget move:",
                "twice as high", "over 14 days");
        assertThat(driver.findElement(By.id("export-pdf")).getAttribute("href")).contains("/api/v1/reports/summary.pdf?from=");
        shot("03-dashboard");
    }

    @Test
    @Order(2)
    void receivesALiveAlert() throws IOException {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts-live"), "live"));
        // a real alert on the organization's alerts topic, streamed by the alerts module over SSE
        Alert alert = new Alert(UUID.randomUUID().toString(), member.orgId().toString(), "spend_spike:channel:c1",
                "spend_spike", "critical", "open", null, null, "spend", null, null, BigDecimal.valueOf(310),
                BigDecimal.valueOf(100), BigDecimal.valueOf(3.1), Instant.now(), Instant.now(),
                "Prospecting spent 3.1x its usual hourly spend", 1);
        try (KafkaProducer<String, String> p = TestKafka.producer()) {
            p.send(new ProducerRecord<>(topics.alerts(), alert.key(), Json.write(alert))).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IOException("could not publish the test alert", e);
        }
        WebElement live = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alerts li[data-live]")));
        assertThat(live.getText()).contains("spend spike", "critical", "3.1x its usual hourly spend");
        shot("04-live-alert");
    }

    @Test
    @Order(3)
    void acceptsAnAction() throws IOException {
        WebElement accept = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#actions li[data-action-id] button[data-verb='accept']")));
        assertThat(driver.findElement(By.cssSelector("#actions li[data-action-id]")).getText())
                .contains("budget move", "twice as high", "open");
        accept.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#actions .action-status"),
                "accepted"));
        // accepted through the API with the session and its CSRF token, as the logged-in member
        Map<String, Object> row = db.query("SELECT status, decided_by, decided_at, baseline::text AS baseline FROM "
                + "actions WHERE id = ?", actionId).get(0);
        assertThat(row.get("status")).isEqualTo("accepted");
        assertThat(row.get("decided_by")).isEqualTo(member.userId());
        assertThat(row.get("decided_at")).isNotNull();
        assertThat((String) row.get("baseline")).contains("dailyRevenue");
        shot("05-action-accepted");
    }

    @Test
    @Order(4)
    void fitsAPhone() throws IOException {
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-kpi='Ad spend'] .value")));
        wait.until(d -> Integer.parseInt(driver.findElement(By.id("chart-trend")).getAttribute("data-points")) == 30);
        long overflow = ((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
        assertThat(overflow).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        List<WebElement> cards = driver.findElements(By.cssSelector(".kpi"));
        assertThat(cards.get(0).getRect().getY()).isEqualTo(cards.get(1).getRect().getY());
        assertThat(cards.get(2).getRect().getY()).isGreaterThan(cards.get(0).getRect().getY());
        assertThat(driver.findElement(By.cssSelector("#chart-trend canvas")).getRect().getWidth()).isLessThanOrEqualTo(390);
        shot("06-phone");
        js("window.scrollTo(0, document.body.scrollHeight / 2)");
        shot("07-phone-scrolled");
    }

    @Test
    @Order(5)
    void logsOut() throws IOException {
        driver.manage().window().setSize(new Dimension(1280, 1000));
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        shot("08-logged-out");
    }
}
