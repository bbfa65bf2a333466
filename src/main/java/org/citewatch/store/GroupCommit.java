package org.citewatch.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;

/**
 * Makes an append-only file durable up to an offset, one fsync for all the writers waiting for it
 * (group commit). A writer that finds an fsync under way waits for it parked: with sixteen lanes
 * blocked on a monitor held through an fsync, the JVM's spinning before it parks them cost a run
 * more CPU than the parsing of its pages.
 */
final class GroupCommit {

  private final FileChannel channel;
  private final Object lock = new Object();
  private long durable;
  private boolean forcing;

  GroupCommit(FileChannel channel, long durable) {
    this.channel = channel;
    this.durable = durable;
  }

  /** Returns once everything before {@code end} is on disk. */
  void syncTo(long end) throws IOException {
    synchronized (lock) {
      while (durable < end && forcing) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted waiting for the file to reach the disk");
        }
      }
      if (durable >= end) {
        return;
      }
      forcing = true;
    }
    long target = channel.size();
    boolean forced = false;
    try {
      channel.force(false);
      forced = true;
    } finally {
      synchronized (lock) {
        forcing = false;
        if (forced) {
          durable = Math.max(durable, target);
        }
        lock.notifyAll();
      }
    }
  }
}
