package dev.gantry.server.sourcehut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.auth.JobAccess;
import dev.gantry.core.spec.InvalidJobException;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SourcehutAccessTest {

  @Test
  void theListsBecomeTheJobsAccessList() {
    JobAccess access = SourcehutAccess.of(List.of("*", "bob"), List.of("carol", "*"));

    assertThat(access.readers()).isEqualTo(Set.of("*", "user:bob"));
    assertThat(access.writers()).isEqualTo(Set.of("user:carol"));
  }

  @Test
  void noListsArePrivate() {
    assertThat(SourcehutAccess.of(List.of(), List.of())).isEqualTo(JobAccess.PRIVATE);
  }

  @Test
  void tooManyEntriesInAllAreABadRequestNamingTheField() {
    List<String> users = IntStream.range(0, 40).mapToObj(i -> "u" + i).toList();

    assertThatThrownBy(() -> SourcehutAccess.of(users, users)).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("at most " + JobAccess.MAX_ENTRIES);
  }
}
