package dev.celeriac.coordinator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The coordinator talks to stores and brokers only through the SPIs (DESIGN.md, rules of the
 * house); the one exception is the process launcher, which wires the PostgreSQL stores.
 */
@AnalyzeClasses(
    packages = "dev.celeriac.coordinator",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyTheLauncherKnowsPostgres =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName(CoordinatorMain.class.getName())
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.celeriac.store..", "org.postgresql..", "java.sql..")
          .because("the coordinator works on stores through the SPIs only");

  @ArchTest
  static final ArchRule noBrokerClient =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "com.rabbitmq..", "dev.celeriac.worker..")
          .because("brokers come in through the Broker SPI and a BrokerFactory");
}
