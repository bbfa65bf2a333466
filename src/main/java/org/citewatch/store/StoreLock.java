package org.citewatch.store;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One writer per store: {@code snapshots/lock} is locked by the operating system for as long as a
 * run writes, and says who holds it. A killed run's lock goes with its process.
 */
final class StoreLock implements Closeable {

  /**
   * The operating system's lock is per process: within one JVM (the daemon's jobs) writers queue
   * on this one first.
   */
  private static final Map<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

  private final FileChannel channel;
  private final FileLock lock;
  private final Semaphore local;

  private StoreLock(FileChannel channel, FileLock lock, Semaphore local) {
    this.channel = channel;
    this.lock = lock;
    this.local = local;
  }

  static StoreLock acquire(Path dir, boolean wait) throws IOException {
    Path file = dir.resolve(Store.LOCK);
    Semaphore local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Semaphore(1));
    if (wait) {
      local.acquireUninterruptibly();
    } else if (!local.tryAcquire()) {
      throw new StoreBusyException(dir + " is being written by another citewatch (" + holder(file) + ")");
    }
    try {
      return acquire(dir, file, wait, local);
    } catch (IOException | RuntimeException e) {
      local.release();
      throw e;
    }
  }

  private static StoreLock acquire(Path dir, Path file, boolean wait, Semaphore local) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      FileLock lock = wait ? channel.lock() : channel.tryLock();
      if (lock == null) {
        String holder = holder(file);
        channel.close();
        throw new StoreBusyException(dir + " is being written by another citewatch (" + holder + ")");
      }
      // not the runtime MXBean's "pid@host", which says the same and starts JMX's classes (~10 ms)
      String me = "pid " + ProcessHandle.current().pid() + " on " + host() + ", since " + Instant.now();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new StoreLock(channel, lock, local);
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new StoreBusyException(dir + " is already open for writing in this process");
    } catch (IOException | RuntimeException e) {
      if (channel.isOpen()) {
        channel.close();
      }
      throw e;
    }
  }

  private static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "holder unknown" : text;
    } catch (IOException e) {
      return "holder unknown";
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this host";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      local.release();
    }
  }
}
