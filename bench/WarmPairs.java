import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Two or more builds of citewatch against each other, warm, in one JVM: each jar in a class loader
 * of its own, their round 2s interleaved (A B, then B A, ...), each from a fresh copy of the
 * round-1 state made with that jar. The machine's speed drifts by the hour, by more than one
 * change gains; a pair of runs seconds apart shares the drift, so the median of the pairs' ratios
 * is what to compare.
 *
 * <pre>java -Xmx1g -XX:+UseSerialGC bench/WarmPairs.java RUNS SOURCES_YAML JAR:BASE_STATE JAR:BASE_STATE...</pre>
 *
 * BASE_STATE holds {@code snapshots/} after round 1, made by that jar (an index of another layout
 * is rebuilt on open, and its first run then parses every page); the pages must be those of round 2.
 */
public final class WarmPairs {

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    String config = args[1];
    List<Path> jars = new ArrayList<>();
    List<Path> bases = new ArrayList<>();
    List<Method> commandLines = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] jarAndBase = args[i].split(":", 2);
      jars.add(Path.of(jarAndBase[0]));
      bases.add(Path.of(jarAndBase[1]));
      ClassLoader loader = new URLClassLoader(new URL[] {jars.get(i - 2).toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      commandLines.add(Class.forName("org.citewatch.cli.CitewatchCommand", true, loader)
          .getMethod("commandLine", String[].class));
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[][] wall = new double[jars.size()][runs];
    double[][] cpu = new double[jars.size()][runs];
    for (int r = 0; r < runs; r++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "run %d:", r + 1));
      for (int k = 0; k < jars.size(); k++) {
        int j = r % 2 == 0 ? k : jars.size() - 1 - k;
        Path state = Files.createTempDirectory("citewatch-pairs");
        copy(bases.get(j).resolve("snapshots"), state.resolve("snapshots"));
        String[] run = {"run", "--quiet", "--config", config, "--store", state.resolve("snapshots").toString(),
            "--report-dir", state.resolve("reports").toString()};
        Thread.currentThread().setContextClassLoader(commandLines.get(j).getDeclaringClass().getClassLoader());
        Object command = commandLines.get(j).invoke(null, (Object) run);
        command.getClass().getMethod("setErr", PrintWriter.class).invoke(command, new PrintWriter(new StringWriter()));
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        command.getClass().getMethod("execute", String[].class).invoke(command, (Object) run);
        wall[j][r] = (System.nanoTime() - start) / 1e9;
        cpu[j][r] = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        delete(state);
      }
      for (int j = 0; j < jars.size(); j++) {
        line.append(String.format(Locale.ROOT, "  %s %.2f s wall %.2f s CPU", jars.get(j).getFileName(), wall[j][r],
            cpu[j][r]));
      }
      System.out.println(line);
    }
    int from = runs / 2;
    for (int j = 0; j < jars.size(); j++) {
      System.out.printf(Locale.ROOT, "%s, runs %d-%d: median %.3f s wall, %.3f s CPU%n", jars.get(j), from + 1, runs,
          median(Arrays.copyOfRange(wall[j], from, runs)), median(Arrays.copyOfRange(cpu[j], from, runs)));
    }
    for (int j = 1; j < jars.size(); j++) {
      double[] wallRatios = new double[runs - from];
      double[] cpuRatios = new double[runs - from];
      for (int r = from; r < runs; r++) {
        wallRatios[r - from] = wall[j][r] / wall[0][r];
        cpuRatios[r - from] = cpu[j][r] / cpu[0][r];
      }
      System.out.printf(Locale.ROOT, "%s against %s: median of the pairs' ratios %.3f wall, %.3f CPU%n",
          jars.get(j).getFileName(), jars.get(0).getFileName(), median(wallRatios), median(cpuRatios));
    }
    // the runs' daemon threads (OkHttp's, the digest loader) must not keep the JVM
    Runtime.getRuntime().halt(0);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      all.forEach(path -> {
        try {
          Path target = to.resolve(from.relativize(path).toString());
          if (Files.isDirectory(path)) {
            Files.createDirectories(target);
          } else {
            Files.copy(path, target);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
