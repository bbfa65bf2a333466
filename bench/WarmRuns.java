import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.citewatch.cli.CitewatchCommand;

/**
 * The floor under a run's wall time: round 2, run again and again in one JVM, each time from a fresh
 * copy of the round-1 state, so that the later runs pay neither the JVM's start nor the JIT's
 * warm-up. Whatever these runs take, no flag of this JVM can bring a cold {@code citewatch run}
 * below it.
 *
 * <pre>java [flags] -cp target/citewatch.jar bench/WarmRuns.java BASE_STATE SOURCES_YAML RUNS</pre>
 *
 * BASE_STATE holds {@code snapshots/} after round 1; the pages must already be those of round 2.
 * Prints one line per run, then the median of the second half. Each line says how long the JIT
 * compiled during the run (summed over its threads): on two cores C2 was still compiling ~1 s a run
 * at the fifteenth run of 1,000 pages, 0.3 s at the twentieth, and settled near the twenty-fifth
 * (2026-12-03), so a floor taken earlier holds the JIT's warm-up it means to leave out. The last
 * line says so when the JIT compiled more than 0.1 s a run in the second half.
 */
public final class WarmRuns {

  public static void main(String[] args) throws IOException {
    Path base = Path.of(args[0]);
    String config = args[1];
    int runs = Integer.parseInt(args[2]);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var jit = ManagementFactory.getCompilationMXBean();
    List<double[]> timings = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      Path state = Files.createTempDirectory("citewatch-warm");
      copy(base.resolve("snapshots"), state.resolve("snapshots"));
      String[] run = {"run", "--quiet", "--config", config, "--store", state.resolve("snapshots").toString(),
          "--report-dir", state.resolve("reports").toString()};
      long cpu = os.getProcessCpuTime();
      long compiling = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      var command = CitewatchCommand.commandLine(run);
      command.setErr(new PrintWriter(new StringWriter()));
      int exit = command.execute(run);
      double wall = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
      double jitSeconds = (jit.getTotalCompilationTime() - compiling) / 1e3;
      timings.add(new double[] {wall, cpuSeconds, jitSeconds});
      System.out.printf(Locale.ROOT, "warm run %d: %.2f s wall, %.2f s CPU, JIT %.2f s, exit %d%n",
          i, wall, cpuSeconds, jitSeconds, exit);
      delete(state);
    }
    List<double[]> late = timings.subList(runs / 2, runs);
    double compiling = median(late, 2);
    System.out.printf(Locale.ROOT,
        "in one JVM, runs %d-%d (no JVM start, %s): median %.2f s wall, %.2f s CPU, JIT compiling %.2f s a run%n",
        runs / 2 + 1, runs, compiling > 0.1 ? "JIT NOT SETTLED: take more runs" : "JIT warmed",
        median(late, 0), median(late, 1), compiling);
  }

  private static double median(List<double[]> rows, int column) {
    double[] values = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      paths.forEach(path -> {
        try {
          Files.copy(path, to.resolve(from.relativize(path).toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
