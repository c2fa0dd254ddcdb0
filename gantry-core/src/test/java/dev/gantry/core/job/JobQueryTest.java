package dev.gantry.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobQueryTest {

  @Test
  void wordsAreLowerCasedRunsOfLettersAndDigits() {
    assertThat(JobQuery.wordsOf("Nightly build_2", null, "TIMED_OUT", "Café-Ω 100%, done."))
        .containsExactly("nightly", "build", "2", "timed", "out", "café", "ω", "100", "done");
  }

  @Test
  void eachWordCountsOnce() {
    assertThat(JobQuery.wordsOf("build Build BUILD")).containsExactly("build");
  }

  @Test
  void parsesWordsAndTags() {
    JobQuery query = JobQuery.parse("  Deploy tag:ci  tags:arm64,,nightly my_job deploy ", 2, 10);

    assertThat(query.words()).containsExactly("deploy", "my", "job");
    assertThat(query.tags()).containsExactly("ci", "arm64", "nightly");
    assertThat(query.offset()).isEqualTo(10);
  }

  @Test
  void aDialectIsAWordOfItsOwnThatNoTextHas() {
    JobQuery query = JobQuery.parse("dialect:Hades build dialect:", 1, 10);

    assertThat(query.words()).containsExactly("dialect:hades", "build");
    assertThat(JobQuery.wordsOf("dialect:hades")).containsExactly("dialect", "hades");
    assertThat(JobQuery.parse("dialect:tork", 1, 10).matchesNothing()).isFalse();
  }

  @Test
  void textWithoutAnyWordMatchesNothingAsInTork() {
    assertThat(JobQuery.parse("% -- ", 1, 10).words()).isEmpty();
    assertThat(JobQuery.parse("% -- ", 1, 10).matchesNothing()).isTrue();
    assertThat(JobQuery.parse("\\ _ tag:ci", 1, 10).matchesNothing()).isTrue();
    assertThat(JobQuery.parse("% build", 1, 10).matchesNothing()).isFalse(); // the word is searched, the rest ignored
    assertThat(JobQuery.parse("tag:ci", 1, 10).matchesNothing()).isFalse();
    assertThat(JobQuery.parse("  ", 1, 10).matchesNothing()).isFalse();
    assertThat(JobQuery.parse(null, 1, 10).matchesNothing()).isFalse();
  }
}
