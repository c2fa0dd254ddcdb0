package dev.gantry.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test's strict reader of Prometheus' text formats accepts what they allow and nothing else. */
class PrometheusTextTest {

  private static final String VALID = """
      # HELP jobs_total Jobs seen, with a \\\\ and a \\n in the help
      # TYPE jobs_total counter
      jobs_total{state="done",note="a \\"quoted\\" \\\\ value\\n"} 3.0
      jobs_total{state="failed"} 1
      # HELP took_seconds How long
      # TYPE took_seconds summary
      took_seconds{quantile="0.5"} NaN
      took_seconds_count 2.0
      took_seconds_sum 0.5
      # HELP size_bytes Sizes
      # TYPE size_bytes histogram
      size_bytes_bucket{le="1.0"} 1
      size_bytes_bucket{le="+Inf"} 2
      size_bytes_count 2
      size_bytes_sum 3.5 1700000000000
      """;

  @Test
  void readsAValidDocument() {
    var families = PrometheusText.parse(VALID);

    assertThat(families).containsOnlyKeys("jobs_total", "took_seconds", "size_bytes");
    assertThat(families.get("jobs_total").samples().get(0).labels()).containsEntry("note", "a \"quoted\" \\ value\n");
    assertThat(families.get("took_seconds").samples()).hasSize(3);
  }

  @Test
  void readsOpenMetrics() {
    var families = PrometheusText.parseOpenMetrics("""
        # TYPE jobs counter
        # HELP jobs Jobs seen
        jobs_total 3.0
        jobs_created 1.7E9
        # EOF
        """);

    assertThat(families.get("jobs").samples()).hasSize(2);
  }

  @Test
  void refusesWhatTheFormatsForbid() {
    String[] bad = {
        "# TYPE a gauge\na 1\n",                                          // no HELP
        "# HELP a x\na 1\n",                                              // no TYPE
        "# HELP a x\n# TYPE a gauge\na 1",                                // no final newline
        "# HELP a x\n# TYPE a gauge\na 1\n# TYPE a gauge\n",              // TYPE twice
        "# HELP a x\n# TYPE a gauge\na 1\n# HELP b y\n# TYPE b gauge\nb 1\na 2\n", // a's lines apart
        "# HELP a x\n# TYPE a gauge\na{x=\"1\",x=\"2\"} 1\n",             // label twice
        "# HELP a x\n# TYPE a gauge\na{x=\"\\t\"} 1\n",                   // bad escape
        "# HELP a x\n# TYPE a gauge\na{__x=\"1\"} 1\n",                   // reserved label
        "# HELP a x\n# TYPE a gauge\na one\n",                            // not a float
        "# HELP a x\n# TYPE a gauge\na 1\na 2\n",                         // sample twice
        "# HELP a x\n# TYPE a gauge\na_count 1\n",                        // suffix a gauge has not
        "# HELP a x\n# TYPE a histogram\na_bucket{le=\"1\"} 1\na_count 1\na_sum 1\n", // no +Inf bucket
        "# HELP a x\n# TYPE a nonsense\n",                                // unknown type
        "# HELP 1a x\n# TYPE 1a gauge\n",                                 // bad name
    };
    for (String document : bad) {
      assertThatThrownBy(() -> PrometheusText.parse(document)).as(document).isInstanceOf(AssertionError.class);
    }
    assertThatThrownBy(() -> PrometheusText.parseOpenMetrics("# HELP a x\n# TYPE a gauge\na 1\n"))
        .as("no # EOF").isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> PrometheusText.parseOpenMetrics("# HELP a x\n# TYPE a counter\na 1\n# EOF\n"))
        .as("an OpenMetrics counter's sample is a_total").isInstanceOf(AssertionError.class);
  }
}
