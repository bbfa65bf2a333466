package org.citewatch.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.citewatch.model.Settings;
import org.citewatch.model.Source;

/**
 * Runs work over sources politely: the sources of one host in lanes of {@code
 * per_host_concurrency}, each lane waiting {@code per_host_delay} (or the host's Crawl-delay, if
 * longer) between two sources, and up to {@code concurrency} lanes at once.
 */
public final class HostLanes {

  /** Work on one source; may fail with an I/O error of the store, which stops the run. */
  @FunctionalInterface
  public interface Work {
    void on(Source source) throws IOException;
  }

  private final Settings settings;
  private final Fetcher fetcher;

  public HostLanes(Settings settings, Fetcher fetcher) {
    this.settings = settings;
    this.fetcher = fetcher;
  }

  public void forEach(List<Source> sources, Work work) throws IOException {
    forEach(sources, work, () -> false);
  }

  /** @param stop asked before each source; once true, the sources not begun are left for the next run */
  public void forEach(List<Source> sources, Work work, BooleanSupplier stop) throws IOException {
    List<List<Source>> lanes = lanes(sources);
    if (lanes.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.concurrency(), lanes.size()), runnable -> {
      Thread thread = new Thread(runnable, "citewatch-lane");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (List<Source> lane : lanes) {
        running.add(pool.submit(() -> runLane(lane, work, stop)));
      }
      for (Future<?> future : running) {
        await(future);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<List<Source>> lanes(List<Source> sources) {
    Map<String, List<Source>> byHost = new LinkedHashMap<>();
    for (Source source : sources) {
      byHost.computeIfAbsent(Robots.hostKey(source.url()), h -> new ArrayList<>()).add(source);
    }
    List<List<Source>> lanes = new ArrayList<>();
    for (List<Source> hostSources : byHost.values()) {
      int width = Math.min(settings.perHostConcurrency(), hostSources.size());
      for (int lane = 0; lane < width; lane++) {
        List<Source> one = new ArrayList<>();
        for (int i = lane; i < hostSources.size(); i += width) {
          one.add(hostSources.get(i));
        }
        lanes.add(one);
      }
    }
    return lanes;
  }

  private Void runLane(List<Source> lane, Work work, BooleanSupplier stop)
      throws IOException, InterruptedException {
    long lastStart = Long.MIN_VALUE;
    for (Source source : lane) {
      if (stop.getAsBoolean()) {
        return null;
      }
      if (lastStart != Long.MIN_VALUE) {
        Duration delay = max(settings.perHostDelay(), fetcher.crawlDelay(source));
        long wait = lastStart + delay.toNanos() - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        if (stop.getAsBoolean()) {
          return null;
        }
      }
      lastStart = System.nanoTime();
      work.on(source);
    }
    return null;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static void await(Future<?> future) throws IOException {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("the run was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }
}
