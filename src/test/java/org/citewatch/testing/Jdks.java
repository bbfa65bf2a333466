package org.citewatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The JDKs this project's machines have beside the one the tests run on. */
public final class Jdks {

  private Jdks() {}

  /**
   * The home of the newest JDK ({@code -Dcitewatch.newest.java.home}, Temurin 25 by default); the
   * test is skipped on a machine without it.
   */
  public static Path newestHome() {
    Path home = Path.of(System.getProperty("citewatch.newest.java.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    Assumptions.assumeTrue(Files.isExecutable(home.resolve("bin/java")), "no JDK at " + home);
    return home;
  }
}
