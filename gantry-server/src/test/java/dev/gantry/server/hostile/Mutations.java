package dev.gantry.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated submits: valid job documents (JSON and YAML) broken at random places, the way a
 * careless editor, a truncated upload or a fuzzer breaks them. Some mutants are still valid jobs:
 * those may be stored, once each; the rest must be rejected. The seed is in every label.
 */
public final class Mutations {

  private static final List<String> SEEDS = List.of(
      "{\"name\":\"build\",\"tags\":[\"ci\"],\"env\":{\"A\":\"1\"},\"tasks\":[{\"name\":\"one\",\"image\":\"busybox:latest\","
          + "\"run\":\"echo hi\",\"timeout\":\"30s\",\"retry\":{\"limit\":2},\"limits\":{\"cpus\":0.5,\"memory\":\"64m\"},"
          + "\"files\":{\"a/b.txt\":\"x\"},\"network\":\"none\"}]}",
      "name: build\ntags: [ci]\nenv:\n  A: '1'\ntasks:\n  - name: one\n    image: busybox:latest\n    run: |\n      echo hi\n"
          + "    timeout: 30s\n    retry: {limit: 2}\n    limits: {cpus: .5, memory: 64m}\n    files:\n      a/b.txt: x\n"
          + "    network: none\n  - name: two\n    image: busybox:latest\n    cmd: [echo, there]\n    network: none\n");
  private static final String NASTY = "{}[]:,\"'&*!|>-#%@`\\\n\t\0 ~?<=";

  private Mutations() {}

  /** {@code count} mutants of the seed documents, POSTed to {@code path}. */
  public static List<HostileRequest> requests(String path, long seed, int count) {
    Random random = new Random(seed);
    List<HostileRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int which = random.nextInt(SEEDS.size());
      String contentType = which == 0 ? SubmitCorpus.JSON : SubmitCorpus.YAML;
      StringBuilder how = new StringBuilder();
      byte[] body = mutate(SEEDS.get(which).getBytes(StandardCharsets.UTF_8), random, how);
      requests.add(HostileRequest.of("mutant " + i + " of seed " + seed + " (" + how + ")", "POST", path).body(contentType, body)
          .submits().mayBeAccepted().build());
    }
    return requests;
  }

  private static byte[] mutate(byte[] doc, Random random, StringBuilder how) {
    byte[] out = doc;
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && out.length > 0; e++) {
      int at = random.nextInt(out.length);
      switch (random.nextInt(6)) {
        case 0 -> {
          how.append("delete@").append(at).append(' ');
          out = splice(out, at, at + 1 + random.nextInt(Math.min(8, out.length - at)), new byte[0]);
        }
        case 1 -> {
          char c = NASTY.charAt(random.nextInt(NASTY.length()));
          how.append("insert '").append(c == '\n' ? "\\n" : c == '\0' ? "\\0" : String.valueOf(c)).append("'@").append(at).append(' ');
          out = splice(out, at, at, String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        case 2 -> {
          how.append("truncate@").append(at).append(' ');
          out = splice(out, at, out.length, new byte[0]);
        }
        case 3 -> {
          int len = Math.min(out.length - at, 1 + random.nextInt(20));
          how.append("repeat@").append(at).append('x').append(len).append(' ');
          byte[] span = new byte[len];
          System.arraycopy(out, at, span, 0, len);
          out = splice(out, at, at, span);
        }
        case 4 -> {
          how.append("bad byte@").append(at).append(' ');
          out = splice(out, at, at + 1, new byte[] {(byte) (0x80 + random.nextInt(0x80))});
        }
        default -> {
          int other = random.nextInt(out.length);
          how.append("swap@").append(at).append('/').append(other).append(' ');
          out = out.clone();
          byte b = out[at];
          out[at] = out[other];
          out[other] = b;
        }
      }
    }
    how.setLength(Math.max(0, how.length() - 1));
    return out;
  }

  private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
    byte[] out = new byte[bytes.length - (to - from) + insert.length];
    System.arraycopy(bytes, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(bytes, to, out, from + insert.length, bytes.length - to);
    return out;
  }
}
