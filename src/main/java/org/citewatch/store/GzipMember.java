package org.citewatch.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcWriter;

/**
 * A WARC record as one gzip member (RFC 1952), made in memory so that the lanes compress side by
 * side and only the append is serialized. Each thread keeps its deflater: {@code GZIPOutputStream}
 * makes and ends one a member, and making one allocates and clears ~256 KB of zlib state, more than
 * compressing a request record costs. jwarc's own gzip writer reuses its deflater but compresses at
 * zlib's default level, which is half as fast (see {@link #LEVEL}).
 */
final class GzipMember {

  /**
   * The strongest of zlib's fast strategy: against the default level 6 it compresses HTML pages
   * about twice as fast for ~3% more bytes (text-heavy pages: ~15% more).
   */
  static final int LEVEL = 3;

  /**
   * Kept between records up to {@value #KEEP} bytes: a lane that wrote a 20 MB PDF must not hold
   * 20 MB until its next record (sixteen lanes, a 384 MB heap).
   */
  private static final int KEEP = 1024 * 1024;
  private static final int INITIAL = 8 * 1024;

  // magic, deflate, no flags, no modification time, no extra flags, OS unknown: as GZIPOutputStream writes
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);

  private GzipMember() {}

  static byte[] of(WarcRecord record) throws IOException {
    return WRITERS.get().member(record);
  }

  /** The bytes the calling thread's writer keeps for its next record. */
  static int retained() {
    return WRITERS.get().out.capacity();
  }

  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(INITIAL);
    }

    int capacity() {
      return buf.length;
    }

    void clear() {
      reset();
      if (buf.length > KEEP) {
        buf = new byte[INITIAL];
      }
    }
  }

  /** A thread's deflater and the streams around it, made once: making them cost more than a small record's deflate. */
  private static final class Writer {
    private final Deflater deflater = new Deflater(LEVEL, true);
    private final Buffer out = new Buffer();
    private final CRC32 crc = new CRC32();
    private final DeflaterOutputStream deflating = new DeflaterOutputStream(out, deflater, INITIAL);
    private final WarcWriter writer;

    Writer() {
      try {
        writer = new WarcWriter(new CheckedOutputStream(deflating, crc));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // it writes nothing when made
      }
    }

    byte[] member(WarcRecord record) throws IOException {
      deflater.reset();
      crc.reset();
      out.write(HEADER);
      try {
        writer.write(record);
        deflating.finish();
        littleEndian(crc.getValue());
        littleEndian(deflater.getBytesRead());
        return out.toByteArray();
      } finally {
        out.clear();
      }
    }

    /** The trailer's fields: the CRC-32 and the length modulo 2^32, low byte first. */
    private void littleEndian(long value) {
      for (int i = 0; i < 4; i++) {
        out.write((int) (value >>> (8 * i)) & 0xff);
      }
    }
  }
}
