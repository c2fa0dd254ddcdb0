package dev.gantry.server.tork;

import dev.gantry.core.cluster.ClusterLoad;

/** Tork's {@code GET /metrics} body: {@code {"jobs":{"running"},"tasks":{"running"},"nodes":{"online","cpuPercent"}}}. */
record MetricsView(Jobs jobs, Tasks tasks, Nodes nodes) {

  record Jobs(long running) {}

  record Tasks(long running) {}

  record Nodes(int online, double cpuPercent) {}

  static MetricsView of(ClusterLoad load) {
    return new MetricsView(new Jobs(load.jobsRunning()), new Tasks(load.tasksRunning()),
        new Nodes(load.nodesOnline(), load.cpuPercent()));
  }
}
