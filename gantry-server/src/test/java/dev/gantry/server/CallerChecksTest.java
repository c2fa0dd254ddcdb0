package dev.gantry.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.spec.JobSpec;
import org.junit.jupiter.api.Test;

/**
 * Dialects (and the metrics a scrape reads) call the core only through the forms that carry the
 * caller, so no handler can skip the scope check: the forms without a principal are the process's
 * own. ScheduleService has no other forms.
 */
class CallerChecksTest {

  private final JavaClasses server = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.gantry.server");

  @Test
  void dialectsChangeAndListOnlyForACaller() {
    noClasses().should().callMethod(JobService.class, "submit", JobSpec.class)
        .orShould().callMethod(JobService.class, "submit", String.class, JobSpec.class)
        .orShould().callMethod(JobService.class, "cancel", String.class)
        .orShould().callMethod(JobService.class, "restart", String.class)
        .orShould().callMethod(JobService.class, "list", JobQuery.class)
        .orShould().callMethod(JobService.class, "run", String.class)
        .orShould().callMethod(JobService.class, "jobLog", String.class, int.class, int.class)
        .orShould().callMethod(JobService.class, "runLog", String.class, int.class, int.class)
        .orShould().callMethod(JobService.class, "follow", String.class, long.class)
        .orShould().callMethod(ClusterService.class, "nodes")
        .orShould().callMethod(ClusterService.class, "queues")
        .orShould().callMethod(ClusterService.class, "queue", String.class)
        .orShould().callMethod(ClusterService.class, "purge", String.class)
        .orShould().callMethod(ClusterService.class, "settings", String.class)
        .orShould().callMethod(ClusterService.class, "load")
        .orShould().callMethod(ClusterService.class, "jobsByState")
        .check(server);
  }

  /** Reading a job without a caller: only after the caller's read was checked, or for the process's own callbacks. */
  @Test
  void jobsAreReadWithoutACallerOnlyWhereTheCheckCameFirst() {
    noClasses().that().haveNameNotMatching(
            "dev\\.gantry\\.server\\.(hades\\.HadesCallbackBody|tork\\.WebhookBody|hades\\.HadesLogDocument|LogStreams"
            // builds.sr.ht's trigger bodies: the process's own calls, as Hades' callbacks and Tork's webhooks
            + "|sourcehut\\.EndedBuild|sourcehut\\.SourcehutEmail)(\\$.*)?")
        .should().callMethod(JobService.class, "job", String.class)
        .orShould().callMethod(JobService.class, "runs", String.class)
        .orShould().callMethod(JobService.class, "logAfter", String.class, long.class, int.class)
        .check(server);
  }
}
