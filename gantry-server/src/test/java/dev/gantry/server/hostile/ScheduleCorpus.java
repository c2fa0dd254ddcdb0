package dev.gantry.server.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests to {@code /scheduled-jobs}: schedules that are not schedules, cron expressions
 * that are not cron, unknown and malformed ids on every route, bad paging and odd methods. Each
 * submit must store no scheduled job unless it is answered 2xx.
 */
public final class ScheduleCorpus {

  private static final String TASKS = "tasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n";

  private ScheduleCorpus() {}

  /** {@code known} is an existing scheduled job's id: paging and state changes are tried on it too. */
  public static List<HostileRequest> requests(String known) {
    List<HostileRequest> requests = new ArrayList<>();
    for (String schedule : List.of("", "schedule: null", "schedule: '* * * * *'", "schedule: [1]", "schedule: {}",
        "schedule: {cron: null}", "schedule: {cron: 5}", "schedule: {cron: [a]}", "schedule: {cron: {a: 1}}",
        "schedule: {cron: ''}", "schedule: {cron: '61 * * * *'}", "schedule: {cron: '* * * * * *'}",
        "schedule: {cron: '@every 1m'}", "schedule: {cron: '0 0 30 2 *'}", "schedule: {cron: '*/0 * * * *'}",
        "schedule: {cron: '" + "1,".repeat(5_000) + "1 * * * *'}", "schedule: {cron: \"* * * * *\\u0000\"}",
        "schedule: {cron: \"*\\r\\nX-Injected: yes * * * *\"}", "schedule: {cron: '* * * * *', when: now}",
        "schedule: {cron: '٣ * * * *'}", "schedule: {cron: '99999999999999999999 * * * *'}")) {
      requests.add(submit("schedule " + schedule, "name: s\n" + schedule + "\n" + TASKS));
    }
    requests.add(submit("a bad job with a good schedule", "name: s\nschedule: {cron: '@hourly'}\ntasks: []\n"));
    requests.add(submit("a task field that is not known", "name: s\nschedule: {cron: '@hourly'}\n"
        + "tasks: [{name: t, image: busybox, imgae: x}]\n"));
    requests.add(submit("host networking", "name: s\nschedule: {cron: '@hourly'}\n"
        + "tasks: [{name: t, image: busybox, network: host}]\n"));
    requests.add(HostileRequest.of("JSON that is not an object", "POST", "/scheduled-jobs")
        .body("application/json", "[{\"schedule\":{\"cron\":\"@hourly\"}}]").submits().build());
    requests.add(HostileRequest.of("no content type", "POST", "/scheduled-jobs").body(null, "name: s").submits().build());
    requests.add(HostileRequest.of("a 2 MiB body", "POST", "/scheduled-jobs").body("text/yaml", "x".repeat(2 << 20))
        .submits().build());
    for (String id : ReadCorpus.unknownIds()) {
      requests.add(ReadCorpus.get("unknown scheduled job " + id, "/scheduled-jobs/" + id));
      requests.add(ReadCorpus.put("pause unknown " + id, "/scheduled-jobs/" + id + "/pause"));
      requests.add(ReadCorpus.put("resume unknown " + id, "/scheduled-jobs/" + id + "/resume"));
      requests.add(HostileRequest.of("delete unknown " + id, "DELETE", "/scheduled-jobs/" + id).build());
    }
    for (String paging : ReadCorpus.badPaging()) {
      requests.add(ReadCorpus.get("bad paging /scheduled-jobs?" + paging, "/scheduled-jobs?" + paging));
    }
    requests.add(ReadCorpus.put("resume an active one", "/scheduled-jobs/" + known + "/resume"));
    for (String method : List.of("PATCH", "TRACE", "BREW", "PUT")) {
      requests.add(HostileRequest.of("method " + method + " /scheduled-jobs", method, "/scheduled-jobs").build());
      requests.add(HostileRequest.of("method " + method + " on a scheduled job", method, "/scheduled-jobs/" + known)
          .body("application/json", "{}").build());
    }
    requests.add(HostileRequest.of("POST on pause", "POST", "/scheduled-jobs/" + known + "/pause").build());
    return requests;
  }

  private static HostileRequest submit(String label, String yaml) {
    return HostileRequest.of(label.length() > 80 ? label.substring(0, 80) + "..." : label, "POST", "/scheduled-jobs")
        .body("text/yaml", yaml).submits().build();
  }
}
