package org.citewatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${NAME}} in a configured value, read from the environment when it is used, and only then. */
public final class EnvironmentValues {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** A referenced variable is not set. The message names it, never a value. */
  public static final class Missing extends Exception {
    private static final long serialVersionUID = 1L;

    Missing(String name) {
      super("environment variable " + name + " is not set");
    }
  }

  private EnvironmentValues() {}

  /** The variables a value names that the environment does not set, in order. */
  public static List<String> unset(String value, Map<String, String> env) {
    List<String> names = new ArrayList<>();
    Matcher m = REFERENCE.matcher(value);
    while (m.find()) {
      if (env.get(m.group(1)) == null && !names.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  public static String resolve(String value, Map<String, String> env) throws Missing {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String resolved = env.get(m.group(1));
      if (resolved == null) {
        throw new Missing(m.group(1));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    return m.appendTail(out).toString();
  }
}
