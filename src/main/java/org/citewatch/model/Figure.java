package org.citewatch.model;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * A typed value stated in text: an amount of money, a duration, or a count. Two figures are equal
 * when they mean the same thing, however they were written: {@code €50} equals {@code 50,00 EUR}.
 */
public record Figure(Dimension dimension, BigDecimal value, String unit) {

  public enum Dimension {
    MONEY,
    DURATION,
    COUNT
  }

  public Figure {
    value = value.stripTrailingZeros();
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
  }

  public static Figure money(BigDecimal amount, String currency) {
    return new Figure(Dimension.MONEY, amount, currency);
  }

  public static Figure duration(BigDecimal amount, String unit) {
    return new Figure(Dimension.DURATION, amount, unit);
  }

  public static Figure count(BigDecimal amount) {
    return new Figure(Dimension.COUNT, amount, "");
  }

  public boolean sameKindAs(Figure other) {
    return dimension == other.dimension && unit.equals(other.unit);
  }

  /** A canonical spelling for messages: {@code 50 EUR}, {@code 1000000 RSD}, {@code 6 months}. */
  @Override
  public String toString() {
    DecimalFormat format = new DecimalFormat("#,##0.##########",
        DecimalFormatSymbols.getInstance(Locale.ROOT));
    String amount = format.format(value);
    return switch (dimension) {
      case MONEY -> amount + " " + unit;
      case DURATION -> amount + " " + unit.toLowerCase(Locale.ROOT) + (value.compareTo(BigDecimal.ONE) == 0 ? "" : "s");
      case COUNT -> amount;
    };
  }
}
