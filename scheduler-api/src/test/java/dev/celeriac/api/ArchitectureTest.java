package dev.celeriac.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.celeriac.api.internal.DefaultTaskClient;
import dev.celeriac.api.internal.JsonMappers;

/**
 * The API module's layering (DESIGN.md, "Rules of the house"): it knows no broker, store or
 * framework, and its public packages reach into {@code internal} only where a public entry point
 * has to build an implementation.
 */
@AnalyzeClasses(packages = "dev.celeriac.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule apiKnowsNoBrokerStoreOrFramework =
      noClasses()
          .that()
          .resideInAPackage("dev.celeriac.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..",
              "com.rabbitmq..",
              "org.postgresql..",
              "com.zaxxer..",
              "org.flywaydb..",
              "io.javalin..",
              "org.apache.curator..",
              "org.apache.zookeeper..",
              "java.sql..",
              "javax.sql..")
          .because("scheduler-api may depend on Jackson and SLF4J only (DESIGN.md, Modules)");

  /**
   * Allowed: {@link TaskClient#builder()} builds a {@link DefaultTaskClient}, and {@link
   * TaskMessageCodec} shares the one configured mapper of {@link JsonMappers}.
   */
  @ArchTest
  static final ArchRule publicPackagesUseInternalOnlyToBuildImplementations =
      noClasses()
          .that()
          .resideInAnyPackage("dev.celeriac.api", "dev.celeriac.api.spi")
          .and()
          .doNotBelongToAnyOf(TaskClient.class, TaskMessageCodec.class)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.celeriac.api.internal..")
          .because("internal is not part of the public API");

  @ArchTest
  static final ArchRule allowedInternalUsesStayNarrow =
      noClasses()
          .that()
          .belongToAnyOf(TaskClient.class, TaskMessageCodec.class)
          .should()
          .dependOnClassesThat(
              JavaClass.Predicates.resideInAPackage("dev.celeriac.api.internal..")
                  .and(
                      JavaClass.Predicates.belongToAnyOf(DefaultTaskClient.class, JsonMappers.class)
                          .negate()))
          .because("TaskClient only builds DefaultTaskClient and the codec only uses JsonMappers");

  @ArchTest
  static final ArchRule spiDoesNotDependOnTheClient =
      noClasses()
          .that()
          .resideInAPackage("dev.celeriac.api.spi..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(TaskClient.class, TaskHandle.class, TaskSubmitter.class)
          .because("brokers and stores implement the SPI without knowing the client");
}
