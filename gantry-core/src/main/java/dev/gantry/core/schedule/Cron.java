package dev.gantry.core.schedule;

import dev.gantry.core.spec.Echo;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A 5-field cron expression (minute, hour, day of month, month, day of week), read in UTC, as
 * Tork's scheduler reads it: {@code *}, values, ranges {@code a-b}, steps ({@code a-b/n}, {@code a/n}
 * from a to the field's end, and a star followed by {@code /n}), lists with {@code ,}, month names
 * {@code JAN}-{@code DEC}, day names {@code SUN}-{@code SAT} (0 and 7 are Sunday), and the
 * descriptors {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}. When both day
 * fields are restricted, a day matching either one fires (as in every cron since Vixie's);
 * a day field that starts with {@code *} leaves the choice to the other.
 */
public final class Cron {

  private static final Map<String, String> DESCRIPTORS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** As the store keeps it. */
  public static final int MAX_LENGTH = 256;
  /** Feb 29 on a fixed weekday recurs within 28 years; a plain Feb 29 within 8 (2096, 2104). */
  private static final int SEARCH_DAYS = 366 * 29;

  private final String expression;
  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private Cron(String expression, String[] fields) {
    this.expression = expression;
    this.minutes = CronField.MINUTE.parse(fields[0], null);
    this.hours = CronField.HOUR.parse(fields[1], null);
    this.daysOfMonth = CronField.DAY_OF_MONTH.parse(fields[2], null);
    this.months = CronField.MONTH.parse(fields[3], MONTHS);
    long weekdays = CronField.DAY_OF_WEEK.parse(fields[4], DAYS);
    this.daysOfWeek = (weekdays | (weekdays >>> 7)) & 0x7F; // 7 is Sunday, as 0 is
    this.anyDayOfMonth = fields[2].startsWith("*");
    this.anyDayOfWeek = fields[4].startsWith("*");
  }

  /**
   * Reads {@code expression}; {@link InvalidCronException} names what is wrong, also when the
   * expression can never fire ({@code 0 0 30 2 *}).
   */
  public static Cron parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new InvalidCronException("a cron expression is required, e.g. '0 * * * *' or '@hourly'");
    }
    if (expression.length() > MAX_LENGTH) {
      throw new InvalidCronException("a cron expression is at most " + MAX_LENGTH + " characters, not " + expression.length());
    }
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (!(c == ' ' || c == '\t' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || "*,-/@".indexOf(c) >= 0)) {
        throw new InvalidCronException("a cron expression holds only letters, digits, spaces and * , - / @, not "
            + String.format("U+%04X", (int) c) + " at " + (i + 1));
      }
    }
    String trimmed = expression.trim();
    String fields = trimmed.startsWith("@") ? DESCRIPTORS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
    if (fields == null) {
      throw new InvalidCronException("unknown descriptor '" + shown(trimmed) + "'; known: @yearly, @annually, @monthly, "
          + "@weekly, @daily, @midnight, @hourly");
    }
    String[] parts = fields.split("[ \\t]+");
    if (parts.length != 5) {
      throw new InvalidCronException("a cron expression has 5 fields (minute hour day-of-month month day-of-week), not "
          + parts.length + ": '" + shown(trimmed) + "'");
    }
    Cron cron = new Cron(trimmed, parts);
    if (cron.nextAfter(Instant.parse("2000-01-01T00:00:00Z")).isEmpty()) {
      throw new InvalidCronException("'" + shown(trimmed) + "' never fires (no such day)");
    }
    return cron;
  }

  /** The expression as written (trimmed). */
  public String expression() {
    return expression;
  }

  /** The first minute strictly after {@code after} that the expression matches; empty if none ever does. */
  public Optional<Instant> nextAfter(Instant after) {
    LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    for (int day = 0; day < SEARCH_DAYS; day++) {
      LocalDate date = t.toLocalDate();
      if (has(months, date.getMonthValue()) && dayMatches(date)) {
        int fromMinute = day == 0 ? t.getHour() * 60 + t.getMinute() : 0;
        for (int minuteOfDay = fromMinute; minuteOfDay < 24 * 60; minuteOfDay++) {
          if (has(hours, minuteOfDay / 60) && has(minutes, minuteOfDay % 60)) {
            return Optional.of(date.atStartOfDay().plusMinutes(minuteOfDay).toInstant(ZoneOffset.UTC));
          }
        }
      }
      t = date.plusDays(1).atStartOfDay();
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate date) {
    boolean dom = has(daysOfMonth, date.getDayOfMonth());
    boolean dow = has(daysOfWeek, date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  private static boolean has(long mask, int value) {
    return (mask & (1L << value)) != 0;
  }

  static String shown(String text) {
    return Echo.of(text);
  }

  @Override
  public String toString() {
    return expression;
  }
}
