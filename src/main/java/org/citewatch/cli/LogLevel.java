package org.citewatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** -v and --quiet set how much citewatch logs to standard error. */
final class LogLevel {

  private static volatile boolean verbose;

  private LogLevel() {}

  static void set(boolean beVerbose, boolean quiet) {
    verbose = beVerbose;
    Level level = quiet ? Level.ERROR : beVerbose ? Level.DEBUG : Level.WARN;
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(level);
    }
    if (LoggerFactory.getLogger("org.citewatch") instanceof Logger own) {
      own.setLevel(quiet ? Level.ERROR : beVerbose ? Level.DEBUG : Level.WARN);
    }
  }

  static boolean verbose() {
    return verbose;
  }
}
