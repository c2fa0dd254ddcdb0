package dev.gantry.server.hostile;

import java.util.List;

/**
 * Requests that are broken as HTTP: huge URLs and headers, bad request lines, header injection.
 * Jetty answers most before any dialect sees them; they must still be 4xx, never crash the server.
 */
public final class ProtocolCorpus {

  private ProtocolCorpus() {}

  private static HostileRequest lenient(String label, String wire) {
    HostileRequest raw = HostileRequest.raw(label, wire);
    return new HostileRequest(raw.label(), raw.wire(), false, false, false);
  }

  public static List<HostileRequest> requests() {
    String ok = " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    return List.of(
        HostileRequest.raw("100 KB URL", "GET /jobs?q=" + "u".repeat(100_000) + ok + "\r\n"),
        HostileRequest.raw("64 KB header", "GET /jobs" + ok + "X-Big: " + "h".repeat(64 * 1024) + "\r\n\r\n"),
        HostileRequest.raw("2,000 headers", "GET /jobs" + ok + "X-Many: 1\r\n".repeat(2_000) + "\r\n"),
        HostileRequest.raw("bad method token", "G@T /jobs" + ok + "\r\n"),
        HostileRequest.rawUnsupportedVersion("no HTTP version (HTTP/0.9)", "GET /jobs\r\n\r\n"),
        HostileRequest.rawUnsupportedVersion("HTTP/3.0 over a plain connection", "GET /jobs HTTP/3.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        HostileRequest.raw("missing Host", "GET /jobs HTTP/1.1\r\nConnection: close\r\n\r\n"),
        HostileRequest.raw("two Hosts", "GET /jobs" + ok + "Host: evil\r\n\r\n"),
        HostileRequest.raw("NUL in the request line", "GET /jo\0bs" + ok + "\r\n"),
        HostileRequest.raw("space in the target", "GET /jobs/a b" + ok + "\r\n"),
        HostileRequest.raw("CR injected into a header value", "GET /jobs" + ok + "X-A: a\rX-Injected: yes\r\n\r\n"),
        // A bare LF ends a header line (RFC 9112 allows that): this is two headers, a valid request.
        // What must not happen is the injected header coming back in the response.
        lenient("LF injected into a header value", "GET /jobs" + ok + "X-A: a\nX-Injected: yes\r\n\r\n"),
        HostileRequest.raw("obsolete header folding", "GET /jobs" + ok + "X-A: a\r\n  folded\r\n\r\n"),
        HostileRequest.raw("header without a colon", "GET /jobs" + ok + "NoColonHere\r\n\r\n"),
        HostileRequest.raw("header name with a space", "GET /jobs" + ok + "Bad Name: x\r\n\r\n"),
        HostileRequest.raw("binary garbage", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003 not TLS\r\n\r\n"),
        HostileRequest.raw("target without a slash", "GET jobs" + ok + "\r\n"),
        HostileRequest.raw("dot segments escaping the root", "GET /../../../etc/passwd" + ok + "\r\n"),
        HostileRequest.raw("encoded dot segments", "GET /jobs/%2e%2e/%2e%2e/etc/passwd" + ok + "\r\n"),
        HostileRequest.raw("invalid UTF-8 in the path", "GET /jobs/\u00c3\u0028" + ok + "\r\n"),
        HostileRequest.raw("absolute-form target for another host", "GET http://127.0.0.2:1/jobs" + ok + "\r\n"));
  }
}
