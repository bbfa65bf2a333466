package org.citewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.citewatch.testing.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/citewatch, the launcher a nightly job calls: its class-data archive must follow the jar. */
class LauncherIT {

  @TempDir Path dir;

  record Result(int exit, String output) {}

  Result launch(Path jar, String javaOptions, String... args) throws Exception {
    return launchOn(Path.of(System.getProperty("java.home")), jar, javaOptions, args);
  }

  /** bin/citewatch with {@code javaHome}'s java first on the PATH, as a machine whose default JDK it is. */
  Result launchOn(Path javaHome, Path jar, String javaOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "bin/citewatch"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile());
    builder.environment().put("CITEWATCH_JAR", jar.toString());
    builder.environment().put("CITEWATCH_JAVA_OPTS", javaOptions);
    builder.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/citewatch finished").isTrue();
    return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void aNewJarGetsANewArchiveInsteadOfRunningWithoutOne() throws Exception {
    Path jar = Files.copy(Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")), dir.resolve("citewatch.jar"));
    Path archive = dir.resolve("citewatch.jsa");

    Result first = launch(jar, "-Xshare:on", "--version");
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(archive).exists();

    // An upgrade: the jar is replaced, the archive beside it was made from the old one. -Xshare:on
    // makes the JVM refuse an archive that does not match, instead of silently running without it.
    long now = System.currentTimeMillis();
    Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 5_000));
    Files.setLastModifiedTime(archive, FileTime.fromMillis(now - 60_000));
    Files.write(dir.resolve("citewatch.jsa.999999999"), new byte[1024]);
    Result upgraded = launch(jar, "-Xshare:on", "--version");

    assertThat(upgraded.exit()).as(upgraded.output()).isZero();
    assertThat(dir.resolve("citewatch.jsa.999999999")).as("an archive a killed launcher left half made").doesNotExist();
    assertThat(upgraded.output()).startsWith("citewatch ");
    assertThat(Files.getLastModifiedTime(archive)).isGreaterThanOrEqualTo(Files.getLastModifiedTime(jar));
  }

  @Test
  void picocliStartsFromTheClassDataArchive() throws Exception {
    Path jar = Files.copy(Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")), dir.resolve("citewatch.jar"));

    Result started = launch(jar, "-Xshare:on -Xlog:class+load=info", "--version");

    // picocli ships Java 5 class files, which an archive cannot hold: the build rewrites them
    assertThat(started.exit()).as(started.output()).isZero();
    assertThat(started.output()).contains("picocli.CommandLine source: shared objects file")
        .doesNotContain("picocli.CommandLine source: file:");
  }

  @Test
  void everyPicocliClassInTheJarPassesTheVerifier() throws Exception {
    Path jar = Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar"));
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        if (name.startsWith("picocli/") && name.endsWith(".class")) {
          names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    assertThat(names).hasSizeGreaterThan(100);
    try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      for (String name : names) {
        // initializing links the class, and linking verifies its code against its stack map frames
        assertThat(Class.forName(name, true, classes).getClassLoader()).as(name).isSameAs(classes);
      }
    }
  }

  @Test
  void anArchiveMadeByAnotherJvmIsMadeAgainForTheJvmThatRunsNow() throws Exception {
    Path other = Jdks.newestHome();
    Path jar = Files.copy(Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")), dir.resolve("citewatch.jar"));

    // the archive made by one JVM, then the machine's java changes (a JDK update, another default):
    // a JVM ignores an archive made by another build and starts ~20% slower every night after
    Result before = launchOn(other, jar, "-Xshare:on", "--version");
    Result after = launchOn(Path.of(System.getProperty("java.home")), jar, "-Xshare:on", "--version");
    Result back = launchOn(other, jar, "-Xshare:on", "--version");

    assertThat(before.exit()).as(before.output()).isZero();
    assertThat(after.exit()).as(after.output()).isZero();
    assertThat(after.output()).startsWith("citewatch ");
    assertThat(back.exit()).as(back.output()).isZero();
  }

  @Test
  void withoutJavaOnThePathItSaysWhatToInstall() throws Exception {
    // a PATH with the shell's tools and no java, as a cron job on a machine without one has it
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("bash", "readlink", "dirname", "mktemp", "rm", "mv")) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
    }
    ProcessBuilder builder = new ProcessBuilder(bin.resolve("bash").toString(), "bin/citewatch", "run", "--quiet")
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", bin.toString());
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // 127, the shell's "command not found": never 1, which a run means as "new alerts"
    assertThat(process.exitValue()).isEqualTo(127);
    assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8))
        .isEqualTo("citewatch: no java on the PATH; install Java 17 or later (Debian: apt-get install "
            + "openjdk-17-jre-headless)\n");
  }
}
