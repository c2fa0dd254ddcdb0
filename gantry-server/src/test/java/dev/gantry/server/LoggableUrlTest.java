package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LoggableUrlTest {

  @Test
  void dropsUserInfoAndCutsQueryAndFragment() {
    assertThat(LoggableUrl.of(URI.create("https://user:pass@ci.example:8443/hooks/build?token=abc#x")))
        .isEqualTo("https://ci.example:8443/hooks/build?...");
    assertThat(LoggableUrl.of(URI.create("http://user@ci.example"))).isEqualTo("http://ci.example");
    assertThat(LoggableUrl.of(URI.create("http://ci.example/a%20b"))).isEqualTo("http://ci.example/a%20b");
  }

  @Test
  void showsTheRecipientsOfAnEmailCall() {
    assertThat(LoggableUrl.of(URI.create("mailto:a@example.org,b@example.org"))).isEqualTo("mailto:a@example.org,b@example.org");
    assertThat(LoggableUrl.of(URI.create("mailto:a@example.org?subject=x"))).isEqualTo("mailto:a@example.org?...");
  }

  @Test
  void showsNoAuthorityItCannotParse() {
    assertThat(LoggableUrl.of(URI.create("http://us_er:pa:ss@/x"))).isEqualTo("http://(no host)");
  }
}
