package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Typed input waits for the shell to read it, up to a bound: a shell that stops reading cannot make the server hold more. */
class TypedInputTest {

  @Test
  void holdsAtMostTheBoundUnreadAndTakesMoreOnceTheShellReadIt() throws IOException {
    TypedInput input = new TypedInput();
    byte[] chunk = new byte[64 * 1024];
    for (int i = 0; i < TypedInput.MAX_UNREAD_BYTES / chunk.length; i++) {
      assertThat(input.add(chunk)).as("chunk %d", i).isTrue();
    }
    assertThat(input.add(new byte[] {'x'})).as("one byte past the bound").isFalse();

    byte[] read = new byte[chunk.length];
    assertThat(input.read(read, 0, read.length)).isEqualTo(chunk.length);
    assertThat(input.add(new byte[] {'x'})).as("room again once the shell read a chunk").isTrue();
    assertThat(input.add(new byte[0])).as("nothing typed is always taken").isTrue();
  }

  @Test
  void endsAfterWhatWasTyped() throws IOException {
    TypedInput input = new TypedInput();
    input.add("ls\n".getBytes());
    input.end();
    assertThat(new String(input.readAllBytes())).isEqualTo("ls\n");
    assertThat(input.read()).isEqualTo(-1);
  }
}
