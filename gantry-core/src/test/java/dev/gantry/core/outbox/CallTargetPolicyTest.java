package dev.gantry.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallTargetPolicyTest {

  private static final CallTargetPolicy POLICY = CallTargetPolicy.PUBLIC_ONLY;

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      127.0.0.1                | loopback
      127.45.3.2               | loopback
      ::1                      | loopback
      169.254.169.254          | link-local
      fe80::1                  | link-local
      10.0.0.1                 | private
      172.16.0.1               | private
      172.31.255.255           | private
      192.168.1.1              | private
      fc00::1                  | unique-local
      fd12:3456::1             | unique-local
      0.0.0.0                  | unspecified
      ::                       | unspecified
      0.1.2.3                  | this host's network
      224.0.0.1                | multicast
      ff02::1                  | multicast
      255.255.255.255          | broadcast
      100.64.0.1               | carrier-grade
      ::ffff:127.0.0.1         | loopback
      ::ffff:169.254.169.254   | link-local
      ::10.0.0.1               | private
      2002:a9fe:a9fe::1        | link-local
      64:ff9b::7f00:1          | loopback
      fec0::1                  | site-local
      """)
  void refusesInternalAddresses(String address, String kind) throws Exception {
    assertThat(POLICY.refusal(InetAddress.getByName(address))).contains(kind).contains("--allow-private-callbacks");
    assertThat(new CallTargetPolicy(true).refusal(InetAddress.getByName(address))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "100.128.0.1",
      "2606:4700::1111", "::ffff:8.8.8.8"})
  void allowsPublicAddresses(String address) throws Exception {
    assertThat(POLICY.refusal(InetAddress.getByName(address))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/hook", "https://169.254.169.254/latest/meta-data", "http://[::1]/x",
      "http://localhost/x", "http://LOCALHOST:80/", "http://api.localhost/x", "http://10.1.2.3/x", "http://[fd00::1]:81/",
      "http://[::ffff:127.0.0.1]/x", "http://0.0.0.0:8000/", "http://2130706433/x", "http://0177.0.0.1/x"})
  void refusesALiteralInternalHostAtSubmit(String url) {
    assertThat(POLICY.refusalOfUrl(url)).isNotNull();
    assertThatThrownBy(() -> POLICY.check(withCallback(url))).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("callback_url").hasMessageContaining("--allow-private-callbacks");
    assertThat(new CallTargetPolicy(true).check(withCallback(url)).callbackUrl()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://hooks.example.com/x", "http://93.184.216.34/x", "http://[2606:4700::1111]/x",
      "http://internal.example/x"})
  void leavesHostNamesAndPublicLiteralsToTheConnection(String url) {
    assertThat(POLICY.refusalOfUrl(url)).isNull();
  }

  @Test
  void aJobWithoutCallbackPasses() {
    assertThat(POLICY.check(withCallback(null)).callbackUrl()).isNull();
  }

  private static JobSpec withCallback(String url) {
    TaskSpec task = new TaskSpec("t", null, "busybox", "true", List.of(), List.of(), Map.of(), Map.of(), null, null, 0,
        null, null, null);
    return new JobSpec("j", null, List.of(), Map.of(), List.of(task), null, null, url);
  }
}
