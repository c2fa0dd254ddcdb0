package dev.gantry.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** gantry-core stays free of infrastructure: the adapters depend on it, never the other way. */
class ArchitectureTest {

  private final JavaClasses core = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.gantry.core");

  @Test
  void coreUsesNoJdbcHttpOrDocker() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "java.sql..", "javax.sql..", "java.net.http..", "io.javalin..", "org.eclipse.jetty..",
            "com.github.dockerjava..", "dev.gantry.store..", "dev.gantry.docker..", "dev.gantry.server..")
        .check(core);
  }

  @Test
  void theModelDoesNotKnowTheEngine() {
    noClasses().that().resideInAnyPackage("dev.gantry.core.job..", "dev.gantry.core.spec..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.gantry.core.engine..")
        .check(core);
  }
}
