package dev.gantry.server;

/**
 * Where the HTTP server listens, how much it accepts and which version it reports. {@code port} 0
 * picks a free port (for tests); {@code maxRequestBytes} caps every request body, however it is
 * framed; a null or blank {@code version} means the version this module was built as.
 */
public record ServerSettings(String bindAddress, int port, long maxRequestBytes, String version) {

  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 8000;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1L << 20;

  public ServerSettings {
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("the bind address is empty: give a host name or IP address, e.g. 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range: use 1-65535, or 0 for any free port");
    }
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException("the maximum request size must be at least 1 byte, got " + maxRequestBytes);
    }
    version = version == null || version.isBlank() ? GantryVersion.current() : version;
  }

  public ServerSettings(String bindAddress, int port, long maxRequestBytes) {
    this(bindAddress, port, maxRequestBytes, null);
  }

  /** Loopback only, port 8000, 1 MiB bodies, the built version. */
  public static ServerSettings defaults() {
    return new ServerSettings(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, DEFAULT_MAX_REQUEST_BYTES);
  }

  public ServerSettings withBindAddress(String address) {
    return new ServerSettings(address, port, maxRequestBytes, version);
  }

  public ServerSettings withPort(int newPort) {
    return new ServerSettings(bindAddress, newPort, maxRequestBytes, version);
  }

  public ServerSettings withMaxRequestBytes(long bytes) {
    return new ServerSettings(bindAddress, port, bytes, version);
  }

  public ServerSettings withVersion(String newVersion) {
    return new ServerSettings(bindAddress, port, maxRequestBytes, newVersion);
  }
}
