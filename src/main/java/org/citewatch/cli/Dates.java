package org.citewatch.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A date as a maintainer types it: ISO ({@code 2026-06-23}) or as Kosovo and Serbia write it
 * ({@code 23.06.2026}, the trailing dot allowed). Anything else is an error that shows both forms,
 * never Java's parser message.
 */
final class Dates implements ITypeConverter<LocalDate> {

  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})\\.?");

  @Override
  public LocalDate convert(String value) {
    String text = value.strip();
    Matcher iso = ISO.matcher(text);
    Matcher dotted = DOTTED.matcher(text);
    try {
      if (iso.matches()) {
        return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
            Integer.parseInt(iso.group(3)));
      }
      if (dotted.matches()) {
        return LocalDate.of(Integer.parseInt(dotted.group(3)), Integer.parseInt(dotted.group(2)),
            Integer.parseInt(dotted.group(1)));
      }
    } catch (DateTimeException e) {
      throw new TypeConversionException("'" + value + "' is no day of the calendar; write 2026-06-23 or 23.06.2026");
    }
    throw new TypeConversionException("'" + value + "' is not a date; write 2026-06-23 or 23.06.2026");
  }
}
