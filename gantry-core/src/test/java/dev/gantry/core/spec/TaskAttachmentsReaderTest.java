package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.TaskMount.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tork's mounts, volumes, networks, registry, gpus and sidecars as the reader and the rules take them. */
class TaskAttachmentsReaderTest {

  private static TaskSpec task(String fields) {
    return JobSpecReader.read("name: j\ntasks:\n  - name: t\n    image: busybox\n" + fields, Format.YAML).tasks().get(0);
  }

  private static void rejected(String fields, String message) {
    assertThatThrownBy(() -> task(fields)).isInstanceOf(InvalidJobException.class).hasMessage(message);
  }

  @Test
  void readsMountsAndTheOlderVolumesSpelling() {
    TaskSpec task = task("""
            mounts:
              - {type: volume, target: /data}
              - {type: tmpfs, target: /scratch}
              - {type: bind, source: /srv/in, target: /in, readonly: true}
            volumes: [/cache]
        """);
    assertThat(task.attachments().mounts()).containsExactly(
        new TaskMount(Type.VOLUME, null, "/data", false),
        new TaskMount(Type.TMPFS, null, "/scratch", false),
        new TaskMount(Type.BIND, "/srv/in", "/in", true),
        new TaskMount(Type.VOLUME, null, "/cache", false));
  }

  @Test
  void readsNetworksGpusAndSidecars() {
    TaskSpec task = task("""
            networks: [backend, cache-net]
            gpus: all
            sidecars:
              - name: db
                image: postgres:15
                env: {POSTGRES_PASSWORD: x}
        """);
    assertThat(task.attachments().networks()).containsExactly("backend", "cache-net");
    assertThat(task.attachments().gpus()).isEqualTo("all");
    assertThat(task.attachments().sidecars()).containsExactly(
        new Sidecar("db", "postgres:15", null, List.of(), List.of(), Map.of("POSTGRES_PASSWORD", "x")));
  }

  @Test
  void readsASidecarsProbeWithTorksDefaults() {
    TaskSpec task = task("""
            sidecars:
              - {name: web, image: busybox, probe: {port: 8080}}
              - {name: api, image: busybox, probe: {port: 9000, path: /health, timeout: 30s}}
        """);
    assertThat(task.attachments().sidecars()).extracting(Sidecar::probe).containsExactly(
        new SidecarProbe("/", 8080, java.time.Duration.ofMinutes(1)),
        new SidecarProbe("/health", 9000, java.time.Duration.ofSeconds(30)));
  }

  @Test
  void aRegistryPasswordIsMovedIntoTheJobsSecretsAndRevealedOnlyOnRequest() {
    JobSpec job = JobSpecReader.read("""
        name: j
        tasks:
          - name: t
            image: 127.0.0.1:5000/private:1
            registry: {username: me, password: s3cret}
        """, Format.YAML);
    RegistryAuth stored = job.tasks().get(0).attachments().registry();
    assertThat(stored.username()).isEqualTo("me");
    assertThat(stored.password()).doesNotContain("s3cret");
    assertThat(stored.toString()).doesNotContain("s3cret");
    assertThat(job.secrets()).containsEntry(Secrets.REGISTRY_PREFIX + "0", "s3cret");
    assertThat(Secrets.reveal(job.tasks().get(0), job.secrets()).attachments().registry())
        .isEqualTo(new RegistryAuth("me", "s3cret"));
    assertThat(Secrets.mask("login s3cret", job.secrets())).isEqualTo("login [REDACTED]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "mounts: [{type: nfs, target: /x}]|tasks[0].mounts[0].type: 'nfs' is not a mount type (volume, bind or tmpfs)",
      "mounts: [{target: /x}]|tasks[0].mounts[0].type: is required (volume, bind or tmpfs)",
      "mounts: [{type: volume, target: /x, opts: {}}]|tasks[0].mounts[0].opts: is not supported by Gantry yet",
      "mounts: [{type: volume, target: /x, size: 1g}]|tasks[0].mounts[0].size: unknown field",
      "mounts: [{type: volume}]|tasks[0].mounts[0].target: is required",
      "mounts: [{type: volume, target: data}]|tasks[0].mounts[0].target: 'data' must be an absolute path",
      "mounts: [{type: volume, target: /a/../etc}]|tasks[0].mounts[0].target: '/a/../etc' must not contain '.' or '..' segments",
      "mounts: [{type: volume, target: /shared}]|tasks[0].mounts[0].target: '/shared' would cover /shared, which Gantry mounts itself",
      "mounts: [{type: tmpfs, target: /shared/x}]|tasks[0].mounts[0].target: '/shared/x' would cover /shared, which Gantry mounts itself",
      "mounts: [{type: volume, target: //gantry/}]|tasks[0].mounts[0].target: '//gantry/' would cover /gantry, which Gantry mounts itself",
      "mounts: [{type: volume, target: /}]|tasks[0].mounts[0].target: '/' would cover /shared, which Gantry mounts itself",
      "mounts: [{type: volume, target: '/a:/b'}]|tasks[0].mounts[0].target: must not contain ':', ',' or NUL",
      "mounts: [{type: volume, source: myvol, target: /a}]|tasks[0].mounts[0].source: a volume mount is made for the task and removed with it: it takes no source",
      "mounts: [{type: bind, target: /a}]|tasks[0].mounts[0].source: is required",
      "mounts: [{type: bind, source: ../etc, target: /a}]|tasks[0].mounts[0].source: '../etc' must be an absolute path",
      "mounts: [{type: bind, source: /srv/../etc, target: /a}]|tasks[0].mounts[0].source: '/srv/../etc' must not contain '.' or '..' segments",
      "mounts: [{type: volume, target: /a}, {type: tmpfs, target: /a/}]|tasks[0].mounts[1].target: '/a/' is mounted twice",
      "mounts: [{type: volume, target: /a, readonly: yes please}]|tasks[0].mounts[0].readonly: must be true or false",
      "mounts: /data|tasks[0].mounts: must be a list, not a string",
      "volumes: [data]|tasks[0].mounts[0].target: 'data' must be an absolute path",
      "networks: [host]|tasks[0].networks[0]: 'host' is a network mode, not a network to join: use network: host",
      "networks: ['bad name']|tasks[0].networks[0]: 'bad name' is not a valid network name",
      "networks: [a, a]|tasks[0].networks[1]: 'a' is listed twice",
      "'networks: [a]\n    network: none'|tasks[0].networks: cannot be joined by a task with network: none",
      "gpus: lots|tasks[0].gpus: 'lots' is not a GPU count (all or 1 to 999)",
      "gpus: 'count=1,color=red'|tasks[0].gpus: unexpected key 'color' (count, device, capabilities or driver)",
      "registry: {username: me}|tasks[0].registry.password: is required",
      "registry: {username: me, password: x, server: y}|tasks[0].registry.server: unknown field",
      "sidecars: [{name: db}]|tasks[0].sidecars[0].image: is required",
      "sidecars: [{name: 'my db', image: busybox}]|tasks[0].sidecars[0].name: must be a host name: 1 to 63 letters, digits or '-'",
      "sidecars: [{name: db, image: busybox}, {name: DB, image: busybox}]|tasks[0].sidecars[1].name: 'DB' is used by another sidecar",
      "sidecars: [{name: db, image: busybox, probe: {}}]|tasks[0].sidecars[0].probe.port: is required (the port the sidecar answers HTTP on)",
      "sidecars: [{name: db, image: busybox, probe: {port: 0}}]|tasks[0].sidecars[0].probe.port: must be between 1 and 65535",
      "sidecars: [{name: db, image: busybox, probe: {port: 8080, path: health}}]|tasks[0].sidecars[0].probe.path: must start with '/', without spaces or control characters, at most 1024 characters",
      "sidecars: [{name: db, image: busybox, probe: {port: 8080, path: '/a b'}}]|tasks[0].sidecars[0].probe.path: must start with '/', without spaces or control characters, at most 1024 characters",
      "sidecars: [{name: db, image: busybox, probe: {port: 8080, timeout: 1h}}]|tasks[0].sidecars[0].probe.timeout: must be more than 0 and at most 10m",
      "sidecars: [{name: db, image: busybox, probe: {port: 8080, host: x}}]|tasks[0].sidecars[0].probe.host: unknown field",
      "sidecars: [{name: db, image: busybox, tags: [x]}]|tasks[0].sidecars[0].tags: unknown field",
      "'sidecars: [{name: db, image: busybox}]\n    network: none'|tasks[0].sidecars: need a network the task shares with them: not network: none",
  })
  void refusesHostileAttachments(String fields, String message) {
    rejected("    " + fields.replace("\\n", "\n") + "\n", message);
  }

  @Test
  void aJobMayNotNameItsOwnSecretLikeARegistryPassword() {
    assertThatThrownBy(() -> JobSpecReader.read("name: j\nsecrets: {gantry.registry.tasks.0: x}\ntasks: [{name: t, image: b}]\n",
        Format.YAML)).hasMessage("secrets: names starting with gantry.registry.tasks. are Gantry's own");
  }

  @Test
  void refusesHugeLists() {
    rejected("    volumes: [" + "/v,".repeat(17) + "/v]\n", "tasks[0].volumes: at most 16 volumes are allowed, not 18");
    rejected("    mounts: [" + "{type: tmpfs, target: /t},".repeat(17) + "{type: tmpfs, target: /u}]\n",
        "tasks[0].mounts: at most 16 mounts are allowed, not 18");
    rejected("    networks: [" + "n,".repeat(8) + "n]\n", "tasks[0].networks: at most 8 networks are allowed, not 9");
    rejected("    sidecars: [" + "{name: s, image: busybox},".repeat(9) + "]\n",
        "tasks[0].sidecars: at most 8 sidecars are allowed, not 9");
  }

  @Test
  void volumesAndMountsTogetherCountAsOneList() {
    rejected("    volumes: [" + "/v,".repeat(7) + "/v]\n    mounts: [" + "{type: tmpfs, target: /t},".repeat(8) + "{type: tmpfs, target: /u}]\n",
        "tasks[0].mounts: at most 16 mounts are allowed, not 17");
  }
}
