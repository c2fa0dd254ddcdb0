package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.DeviceRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device request sent for a task's gpus, field by field as docker run --gpus sends it. */
class GpuDevicesTest {

  @Test
  void allIsCountMinusOneWithTheGpuCapability() {
    DeviceRequest request = GpuDevices.request("all");
    assertThat(request.getCount()).isEqualTo(-1);
    assertThat(request.getCapabilities()).isEqualTo(List.of(List.of("gpu")));
    assertThat(request.getDeviceIds()).isNull();
    assertThat(request.getDriver()).isNull();
  }

  @Test
  void devicesAndADriverGoAsGiven() {
    DeviceRequest request = GpuDevices.request("device=0,1,driver=nvidia");
    assertThat(request.getCount()).isZero();
    assertThat(request.getDeviceIds()).containsExactly("0", "1");
    assertThat(request.getDriver()).isEqualTo("nvidia");
  }

  @Test
  void capabilitiesAreOneSetThatIncludesGpu() {
    assertThat(GpuDevices.request("count=2,capabilities=compute,utility").getCapabilities())
        .isEqualTo(List.of(List.of("compute", "utility", "gpu")));
  }
}
