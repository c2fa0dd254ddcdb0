package dev.gantry.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** 5-field cron in UTC: ranges, steps, lists, names, descriptors, the day-field rule, and clear refusals. */
class CronTest {

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static List<String> next(String expression, String after, int count) {
    Cron cron = Cron.parse(expression);
    List<String> ticks = new ArrayList<>();
    Instant t = at(after);
    for (int i = 0; i < count; i++) {
      t = cron.nextAfter(t).orElseThrow();
      ticks.add(t.toString());
    }
    return ticks;
  }

  @ParameterizedTest(name = "{0} after {1} is {2}")
  @CsvSource(delimiter = '|', value = {
      "* * * * *          | 2025-03-01T10:00:00Z    | 2025-03-01T10:01:00Z",
      "* * * * *          | 2025-03-01T10:00:59.9Z  | 2025-03-01T10:01:00Z",
      "*/15 * * * *       | 2025-03-01T10:16:00Z    | 2025-03-01T10:30:00Z",
      "5 4 * * *          | 2025-03-01T04:05:00Z    | 2025-03-02T04:05:00Z",
      "0 22 * * 1-5       | 2025-03-01T00:00:00Z    | 2025-03-03T22:00:00Z",  // Saturday -> Monday
      "0 9 * * MON-FRI    | 2025-03-07T09:00:00Z    | 2025-03-10T09:00:00Z",  // Friday -> Monday
      "0 0 * * 7          | 2025-03-01T00:00:00Z    | 2025-03-02T00:00:00Z",  // 7 is Sunday
      "0 0 * * sun        | 2025-03-01T00:00:00Z    | 2025-03-02T00:00:00Z",
      "0 0 1 jan *        | 2025-03-01T00:00:00Z    | 2026-01-01T00:00:00Z",
      "0 0 1 JUN-AUG/2 *  | 2025-03-01T00:00:00Z    | 2025-06-01T00:00:00Z",
      "0 0 29 2 *         | 2025-03-01T00:00:00Z    | 2028-02-29T00:00:00Z",
      "0 0 31 * *         | 2025-04-01T00:00:00Z    | 2025-05-31T00:00:00Z",
      "0 0 13 * 5         | 2025-03-01T00:00:00Z    | 2025-03-07T00:00:00Z",  // both day fields: 13th OR Friday
      "0 0 */10 * 5       | 2025-03-01T00:00:00Z    | 2025-03-21T00:00:00Z",  // starts with '*': AND, a Friday that is the 1st/11th/21st/31st
      "30 2-4/2 * * *     | 2025-03-01T03:00:00Z    | 2025-03-01T04:30:00Z",
      "10/20 * * * *      | 2025-03-01T10:31:00Z    | 2025-03-01T10:50:00Z",
      "1,2,58 * * * *     | 2025-03-01T10:02:00Z    | 2025-03-01T10:58:00Z",
      "59 23 31 12 *      | 2025-03-01T00:00:00Z    | 2025-12-31T23:59:00Z",
      "@hourly            | 2025-03-01T10:00:00Z    | 2025-03-01T11:00:00Z",
      "@daily             | 2025-03-01T10:00:00Z    | 2025-03-02T00:00:00Z",
      "@midnight          | 2025-03-01T10:00:00Z    | 2025-03-02T00:00:00Z",
      "@weekly            | 2025-03-01T10:00:00Z    | 2025-03-02T00:00:00Z",
      "@monthly           | 2025-03-01T10:00:00Z    | 2025-04-01T00:00:00Z",
      "@yearly            | 2025-03-01T10:00:00Z    | 2026-01-01T00:00:00Z",
      "@ANNUALLY          | 2025-03-01T10:00:00Z    | 2026-01-01T00:00:00Z",
  })
  void firesAtTheNextMatchingMinute(String expression, String after, String expected) {
    assertThat(Cron.parse(expression).nextAfter(at(after))).contains(at(expected));
  }

  @Test
  void bothDayFieldsRestrictedFireOnEither() {
    // The 13th (a Thursday in March 2025) or any Friday.
    assertThat(next("0 0 13 * 5", "2025-03-01T00:00:00Z", 4))
        .containsExactly("2025-03-07T00:00:00Z", "2025-03-13T00:00:00Z", "2025-03-14T00:00:00Z", "2025-03-21T00:00:00Z");
  }

  @Test
  void everyMinuteIsEveryMinute() {
    assertThat(next("* * * * *", "2025-12-31T23:58:30Z", 3))
        .containsExactly("2025-12-31T23:59:00Z", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "''                 | a cron expression is required",
      "'   '              | a cron expression is required",
      "* * * *            | a cron expression has 5 fields (minute hour day-of-month month day-of-week), not 4",
      "* * * * * *        | not 6",
      "60 * * * *         | minute field '60': 60 is outside 0-59",
      "* 24 * * *         | hour field '24': 24 is outside 0-23",
      "* * 0 * *          | day-of-month field '0': 0 is outside 1-31",
      "* * * 13 *         | month field '13': 13 is outside 1-12",
      "* * * * 8          | day-of-week field '8': 8 is outside 0-7",
      "*/0 * * * *        | minute field '*/0': a step must be at least 1",
      "5-3 * * * *        | minute field '5-3': the range 5-3 runs backwards",
      "a * * * *          | minute field 'a': 'a' is not a value",
      "* * * FOO *        | month field 'FOO': 'FOO' is not a value (a number or a name such as JAN)",
      "1,,2 * * * *       | minute field '1,,2': '' is not a value",
      "*/x * * * *        | minute field '*/x': 'x' is not a step",
      "-1 * * * *         | minute field '-1': '' is not a value",
      "@every 5m          | unknown descriptor '@every 5m'",
      "@reboot            | unknown descriptor '@reboot'",
      "0 0 30 2 *         | '0 0 30 2 *' never fires (no such day)",
      "0 0 31 4,6,9,11 *  | never fires",
      "* * * * *;rm       | a cron expression holds only letters, digits, spaces and * , - / @, not U+003B at 10",
  })
  void refusesWhatItCannotReadNamingTheField(String expression, String message) {
    assertThatThrownBy(() -> Cron.parse(expression)).isInstanceOf(InvalidCronException.class).hasMessageContaining(message);
  }

  @Test
  void aLongFieldIsCutInTheMessageAndATooLongExpressionRefused() {
    assertThatThrownBy(() -> Cron.parse("1,".repeat(100) + "99 * * * *"))
        .isInstanceOf(InvalidCronException.class).hasMessageContaining("...").hasMessageContaining("99 is outside 0-59");
    assertThatThrownBy(() -> Cron.parse("1,".repeat(200) + "1 * * * *"))
        .isInstanceOf(InvalidCronException.class).hasMessage("a cron expression is at most 256 characters, not 409");
  }

  @Test
  void refusesControlCharactersInsteadOfTrimmingThem() {
    assertThatThrownBy(() -> Cron.parse("* * * * *\u0000")).isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("not U+0000 at 10");
    assertThatThrownBy(() -> Cron.parse("*\r\n* * * *")).isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("not U+000D at 2");
    assertThat(Cron.parse("\t0  *\t* * *  ").nextAfter(at("2025-03-01T10:00:00Z"))).contains(at("2025-03-01T11:00:00Z"));
  }
}
