package dev.gantry.docker;

import com.github.dockerjava.api.model.DeviceRequest;
import dev.gantry.core.spec.GpuRequest;
import java.util.List;
import java.util.Map;

/** A task's {@code gpus} as the engine's device request, as {@code docker run --gpus} sends it. */
final class GpuDevices {

  private GpuDevices() {}

  static DeviceRequest request(String gpus) {
    GpuRequest gpu = GpuRequest.parse(gpus);
    DeviceRequest request = new DeviceRequest()
        .withCount(gpu.count())
        .withCapabilities(List.of(gpu.capabilities()))
        .withOptions(Map.of());
    if (!gpu.deviceIds().isEmpty()) {
      request.withDeviceIds(gpu.deviceIds());
    }
    if (gpu.driver() != null) {
      request.withDriver(gpu.driver());
    }
    return request;
  }
}
