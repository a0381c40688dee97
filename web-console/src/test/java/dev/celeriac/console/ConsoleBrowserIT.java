package dev.celeriac.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.console.ConsoleHttp.Answer;
import dev.celeriac.coordinator.ScheduleManager;
import dev.celeriac.coordinator.TaskCatalog;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import dev.celeriac.testing.InMemoryBroker;
import dev.celeriac.worker.TaskRegistry;
import dev.celeriac.worker.Worker;
import dev.celeriac.worker.WorkerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI in a real headless Chromium (issue 6): a console on PostgreSQL with a running worker.
 * Every page is saved as a screenshot under {@code target/screenshots}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String XSS = "<img src=x onerror=alert(1)>";

  private PostgresTaskStore store;
  private InMemoryBroker broker;
  private Worker worker;
  private WebConsole console;
  private ConsoleHttp api;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  void start() throws IOException {
    store = ConsoleDatabase.startedStore();
    broker = new InMemoryBroker();
    worker =
        Worker.builder()
            .config(
                WorkerConfig.builder("default")
                    .workerId("browser-worker-1")
                    .heartbeatInterval(Duration.ofSeconds(1))
                    .build())
            .registry(TaskRegistry.builder().register(ConsoleTestTasks.class).build())
            .broker(broker)
            .store(store)
            .build();
    worker.start();
    RecentHistory.seed(store, Instant.now());
    ScheduleManager schedules =
        ScheduleManager.create(
            PostgresScheduleStore.on(store.dataSource()),
            store,
            broker,
            TaskCatalog.of(ConsoleTestTasks.class),
            InstantSource.system());
    console =
        WebConsole.builder()
            .store(store)
            .broker(broker)
            .schedules(schedules)
            .port(0)
            .feedInterval(Duration.ofMillis(300))
            .build();
    console.start();
    api = new ConsoleHttp(console.url(), null);
    browser = chromium();
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    console.close();
    worker.close();
    broker.close();
    store.close();
  }

  @Test
  void aSubmittedTaskAppearsLiveOnTheOverviewAndItsDetailOpens() {
    open("#/overview");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "live"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-ready=overview]")));

    String id = submit("console.echo", "\"hello from the browser test\"");

    By row = By.cssSelector("#recent-tasks tr[data-task-id='" + id + "']");
    wait.until(ExpectedConditions.presenceOfElementLocated(row));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#recent-tasks tr[data-task-id='" + id + "'] .task-state"),
            "SUCCEEDED"));
    screenshot("overview");

    browser.findElement(row).findElement(By.tagName("a")).click();
    wait.until(ExpectedConditions.textToBe(By.id("task-state"), "SUCCEEDED"));
    assertThat(browser.findElement(By.id("task-name")).getText()).isEqualTo("console.echo");
    assertThat(browser.findElement(By.id("task-result")).getText())
        .isEqualTo("\"echo: hello from the browser test\"");
    assertThat(browser.findElements(By.cssSelector("#attempts li"))).hasSize(1);
    screenshot("task-detail");
  }

  @Test
  void aFailedTaskIsRetriedFromItsPageAndTheRetrySucceeds() {
    ConsoleTestTasks.FLAKY_FAILS.set(true);
    String id = submit("console.flaky", "\"invoice 42\"");
    open("#/task/" + id);
    wait.until(ExpectedConditions.textToBe(By.id("task-state"), "FAILED"));
    assertThat(browser.findElement(By.id("task-trace")).getText())
        .contains("IllegalStateException")
        .contains("flaky task refused invoice 42");
    screenshot("task-failed");

    ConsoleTestTasks.FLAKY_FAILS.set(false);
    browser.findElement(By.id("retry-button")).click();

    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains(id)));
    wait.until(ExpectedConditions.textToBe(By.id("task-state"), "SUCCEEDED"));
    assertThat(browser.findElement(By.id("task-result")).getText())
        .isEqualTo("\"done: invoice 42\"");
    assertThat(browser.getPageSource()).contains(id); // the "Retry of" link back to the original
  }

  @Test
  void aRunningTaskIsRevokedAndTerminatedFromItsPage() {
    String id = submit("console.sleep", "600000");
    open("#/task/" + id);
    wait.until(ExpectedConditions.textToBe(By.id("task-state"), "STARTED"));

    browser.findElement(By.id("terminate-button")).click();

    wait.until(ExpectedConditions.textToBe(By.id("task-state"), "REVOKED"));
    // The worker stops the attempt within about a second and records it as revoked.
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("attempts"), "celeriac.Revoked"));
    assertThat(browser.findElements(By.id("terminate-button"))).isEmpty();
    screenshot("task-revoked");
  }

  @Test
  void aScheduleIsPausedAndResumedFromTheSchedulesPage() {
    String name = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    Answer created =
        api.post(
            "/api/v1/schedules",
            "{\"name\":\""
                + name
                + "\",\"task\":\"console.echo\",\"cron\":\"0 0 3 * * *\",\"args\":[\"nightly\"]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    open("#/schedules");
    By state = By.cssSelector("tr[data-schedule='" + name + "'] .schedule-state");
    wait.until(ExpectedConditions.textToBe(state, "active"));

    row(name).findElement(By.cssSelector("button.pause")).click();
    wait.until(ExpectedConditions.textToBe(state, "paused"));
    assertThat(api.get("/api/v1/schedules/" + name).get("paused").asBoolean()).isTrue();
    screenshot("schedules");

    row(name).findElement(By.cssSelector("button.resume")).click();
    wait.until(ExpectedConditions.textToBe(state, "active"));
    assertThat(api.get("/api/v1/schedules/" + name).get("paused").asBoolean()).isFalse();
  }

  @Test
  void markupInArgumentsResultsAndTaskNamesIsShownAsTextAndNeverRuns() {
    String id = submit("console.echo", json(XSS));
    // To a queue no worker reads: the task stays PENDING under its odd name.
    String oddName =
        api.post("/api/v1/tasks", "{\"task\":" + json(XSS) + ",\"queue\":\"parked\"}")
            .get("id")
            .asText();
    open("#/task/" + id);
    wait.until(ExpectedConditions.textToBe(By.id("task-state"), "SUCCEEDED"));

    assertThat(browser.findElement(By.id("task-args")).getText()).contains(XSS);
    assertThat(browser.findElement(By.id("task-result")).getText()).contains("echo: " + XSS);
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);

    open("#/task/" + oddName);
    wait.until(ExpectedConditions.textToBe(By.id("task-name"), XSS));
    open("#/tasks");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#task-rows tr[data-task-id='" + oddName + "']")));
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
    screenshot("tasks");

    // Searching a whole id opens that task.
    browser.findElement(By.cssSelector("#task-filters input[name=q]")).sendKeys(id);
    browser.findElement(By.cssSelector("#task-filters button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("#/task/" + id));
    wait.until(ExpectedConditions.textToBe(By.id("task-state"), "SUCCEEDED"));
  }

  @Test
  void workersQueuesAndDeadLettersPagesShowTheRunningSystem() {
    open("#/workers");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-worker='browser-worker-1']")));
    screenshot("workers");

    open("#/queues");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-queue='default']")));
    screenshot("queues");

    String unknown = submit("no.such.task", "\"lost\"");
    open("#/dead-letters");
    // The worker dead-letters a task it does not know; the page shows the letter.
    wait.until(
        d -> {
          d.navigate().refresh();
          return !d.findElements(
                  By.cssSelector("tr[data-dead-letter] a[href='#/task/" + unknown + "']"))
              .isEmpty();
        });
    screenshot("dead-letters");
  }

  // --- helpers -------------------------------------------------------------------------------

  private String submit(String task, String argsJson) {
    Answer answer =
        api.post("/api/v1/tasks", "{\"task\":" + json(task) + ",\"args\":[" + argsJson + "]}");
    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    return answer.get("id").asText();
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private WebElement row(String schedule) {
    return browser.findElement(By.cssSelector("tr[data-schedule='" + schedule + "']"));
  }

  private void open(String fragment) {
    browser.get(console.url() + "/" + fragment);
  }

  private void screenshot(String name) {
    try {
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new IllegalStateException("cannot save screenshot " + name, e);
    }
  }

  private static WebDriver chromium() throws IOException {
    // Stops Selenium Manager from running at all (STACK.md, item 6).
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,860",
        "--user-data-dir=" + Files.createTempDirectory("chrome-profile"));
    return new ChromeDriver(options);
  }
}
