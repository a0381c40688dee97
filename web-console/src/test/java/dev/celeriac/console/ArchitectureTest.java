package dev.celeriac.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The console reaches stores and brokers only through the SPIs (DESIGN.md, rules of the house): a
 * launcher gives it a store and a broker; it never names PostgreSQL, RabbitMQ, Kafka or the worker.
 */
@AnalyzeClasses(
    packages = "dev.celeriac.console",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyTheSpis =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.celeriac.store..",
              "dev.celeriac.broker..",
              "dev.celeriac.worker..",
              "org.postgresql..",
              "java.sql..",
              "com.rabbitmq..",
              "org.apache.kafka..")
          .because("stores and brokers come in through the SPIs");

  @ArchTest
  static final ArchRule schedulesOnlyThroughTheScheduleApi =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.celeriac.coordinator.internal..", "org.apache.curator..")
          .because("the console uses the coordinator's public ScheduleManager only");
}
