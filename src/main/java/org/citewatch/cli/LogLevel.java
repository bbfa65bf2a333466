package org.citewatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * -v and --quiet set how much citewatch logs to standard error. Libraries log through the same
 * logging, one step quieter: PDFBox's "could not read embedded TTF" with its stack trace is about
 * the PDF, not about anything a maintainer can do, and under --quiet (cron) nothing of theirs is
 * written. Stack traces are written with -v only.
 */
final class LogLevel {

  private static volatile boolean verbose;

  /** The libraries whose warnings are about the documents they read, not about citewatch. */
  static final List<String> LIBRARIES = List.of("org.apache.pdfbox", "org.apache.fontbox", "org.apache.commons",
      "okhttp3", "org.eclipse.angus", "jakarta.mail", "org.quartz", "org.mapdb", "org.jsoup");

  private LogLevel() {}

  static void set(boolean beVerbose, boolean quiet) {
    verbose = beVerbose;
    Level level = quiet ? Level.ERROR : beVerbose ? Level.DEBUG : Level.WARN;
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(level);
      String pattern = beVerbose ? LogSetup.VERBOSE_PATTERN : LogSetup.PATTERN;
      // a new encoder parses its pattern, ~10 ms before the JIT has warmed up: only when it changes
      if (root.getAppender(LogSetup.APPENDER) instanceof ConsoleAppender<ILoggingEvent> console
          && console.getEncoder() instanceof PatternLayoutEncoder encoder && !pattern.equals(encoder.getPattern())) {
        PatternLayoutEncoder next = new PatternLayoutEncoder();
        next.setContext(encoder.getContext());
        next.setCharset(StandardCharsets.UTF_8);
        next.setPattern(pattern);
        next.start();
        console.setEncoder(next);
      }
    }
    if (LoggerFactory.getLogger("org.citewatch") instanceof Logger own) {
      own.setLevel(level);
    }
    for (String library : LIBRARIES) {
      if (LoggerFactory.getLogger(library) instanceof Logger logger) {
        logger.setLevel(quiet ? Level.OFF : beVerbose ? Level.INFO : Level.ERROR);
      }
    }
  }

  static boolean verbose() {
    return verbose;
  }
}
