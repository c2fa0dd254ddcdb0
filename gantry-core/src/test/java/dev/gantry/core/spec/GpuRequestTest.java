package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Docker's --gpus syntax as the device request docker run sends for it. */
class GpuRequestTest {

  @Test
  void allIsEveryGpu() {
    assertThat(GpuRequest.parse("all")).isEqualTo(new GpuRequest(GpuRequest.ALL, List.of(), List.of("gpu"), null));
  }

  @Test
  void aNumberIsACount() {
    assertThat(GpuRequest.parse("2")).isEqualTo(new GpuRequest(2, List.of(), List.of("gpu"), null));
  }

  @Test
  void devicesQuotedOrNotAreDeviceIdsWithoutACount() {
    GpuRequest expected = new GpuRequest(0, List.of("0", "1"), List.of("gpu"), null);
    assertThat(GpuRequest.parse("device=0,1")).isEqualTo(expected);
    assertThat(GpuRequest.parse("\"device=0,1\"")).isEqualTo(expected);
    assertThat(GpuRequest.parse("device=GPU-3a23c669-1f69-c64e-cf85-44e9b07e7a2a").deviceIds())
        .containsExactly("GPU-3a23c669-1f69-c64e-cf85-44e9b07e7a2a");
  }

  @Test
  void countCapabilitiesAndDriverTogether() {
    assertThat(GpuRequest.parse("count=2,capabilities=compute,utility,driver=nvidia"))
        .isEqualTo(new GpuRequest(2, List.of(), List.of("compute", "utility", "gpu"), "nvidia"));
    assertThat(GpuRequest.parse("\"capabilities=compute,utility\",count=all"))
        .isEqualTo(new GpuRequest(GpuRequest.ALL, List.of(), List.of("compute", "utility", "gpu"), null));
  }

  @Test
  void onlyADriverMeansOneGpu() {
    assertThat(GpuRequest.parse("driver=nvidia").count()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "0", "-1", "many", "count=2,count=3", "2,count=3", "device=", "device=0,,1",
      "\"device=0", "size=2", "device=a b", "capabilities=compute;$(x)"})
  void refusesWhatDockerWouldNot(String text) {
    assertThatThrownBy(() -> GpuRequest.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesLongText() {
    assertThatThrownBy(() -> GpuRequest.parse("device=" + "0,".repeat(200) + "0"))
        .hasMessageContaining("1 to 256 characters");
  }
}
