package dev.gantry.core.spi;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import java.util.List;
import java.util.Optional;

/** The writes of one transaction. Locking the job first serialises every change to that job. */
public interface StoreTransaction {

  /** Reads the job and locks its row until the transaction ends. */
  Optional<Job> lockJob(String id);

  void insertJob(Job job);

  void updateJob(Job job);

  List<TaskRun> runsOf(String jobId);

  void insertRun(TaskRun run);

  void updateRun(TaskRun run);
}
