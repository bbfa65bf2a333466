package org.citewatch.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citewatch.extract.Skeleton;
import org.citewatch.model.Block;
import org.citewatch.model.Snapshot;

/**
 * A source's state as index.db keeps it: its fields in a fixed order, as {@link DataOutputStream}
 * writes them. Every check reads one and writes one; as JSON through Jackson's data binding the
 * pair cost ~0.37 ms of a cold run's CPU a source, half of it the binding (issue 19). The index is a cache under a
 * layout number ({@link Index#LAYOUT}): a change here is a new layout, and the index is rebuilt.
 *
 * <p>Bytes that are not a state (a damaged disk) are an {@link UncheckedIOException} or another
 * runtime exception (a {@link java.nio.BufferUnderflowException}), which the store takes for an
 * unreadable index and rebuilds; a damaged length is checked before anything is allocated.
 */
final class StateCodec {

  // reported: none, the same snapshot as latest (nearly always), or one of its own
  private static final int NONE = 0;
  private static final int AS_LATEST = 1;
  private static final int OWN = 2;

  private StateCodec() {}

  static byte[] encode(SourceState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      string(out, state.sourceId());
      optionalSnapshot(out, state.latest());
      optionalString(out, state.etag());
      optionalString(out, state.lastModified());
      instant(out, state.lastChecked().orElse(null));
      boolean asLatest = state.reported().isPresent() && state.latest().isPresent()
          && same(state.reported().get(), state.latest().get());
      out.writeByte(state.reported().isEmpty() ? NONE : asLatest ? AS_LATEST : OWN);
      if (state.reported().isPresent() && !asLatest) {
        snapshot(out, state.reported().get());
      }
      out.writeBoolean(state.shape().isPresent());
      if (state.shape().isPresent()) {
        shape(out, state.shape().get());
      }
      optionalString(out, state.pendingRun());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static SourceState decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      String sourceId = string(in);
      Optional<Snapshot> latest = optionalSnapshot(in);
      Optional<String> etag = optionalString(in);
      Optional<String> lastModified = optionalString(in);
      Optional<Instant> lastChecked = Optional.ofNullable(instant(in));
      int reportedKind = in.get();
      Optional<Snapshot> reported = switch (reportedKind) {
        case NONE -> Optional.empty();
        case AS_LATEST -> latest;
        case OWN -> Optional.of(snapshot(in));
        default -> throw new IOException("not a source state: reported is " + reportedKind);
      };
      Optional<SourceState.Shape> shape = bool(in) ? Optional.of(shape(in)) : Optional.empty();
      Optional<String> pendingRun = optionalString(in);
      if (in.hasRemaining()) {
        throw new IOException("not a source state: " + in.remaining() + " bytes past its end");
      }
      return new SourceState(sourceId, latest, etag, lastModified, lastChecked, reported, shape, pendingRun);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether two snapshots are equal, asked first by identity and id: a record's equals goes through
   * method handles, whose linking and calls under C1 cost a cold run more than the comparison.
   */
  private static boolean same(Snapshot a, Snapshot b) {
    return a == b || a.id().equals(b.id()) && a.equals(b);
  }

  private static void optionalSnapshot(DataOutputStream out, Optional<Snapshot> snapshot) throws IOException {
    out.writeBoolean(snapshot.isPresent());
    if (snapshot.isPresent()) {
      snapshot(out, snapshot.get());
    }
  }

  private static Optional<Snapshot> optionalSnapshot(ByteBuffer in) throws IOException {
    return bool(in) ? Optional.of(snapshot(in)) : Optional.empty();
  }

  private static void snapshot(DataOutputStream out, Snapshot s) throws IOException {
    string(out, s.id());
    string(out, s.sourceId());
    instant(out, s.captured());
    string(out, s.url());
    out.writeInt(s.status());
    string(out, s.payloadDigest());
    string(out, s.contentDigest());
    string(out, s.warcFile());
    out.writeLong(s.responseOffset());
    out.writeLong(s.conversionOffset());
    string(out, s.responseRecordId());
    out.writeBoolean(s.selectorMatched());
    out.writeInt(s.blocks().size());
    for (Block block : s.blocks()) {
      out.writeByte(block.kind().ordinal());
      string(out, block.text());
    }
    string(out, s.rules());
    out.writeInt(s.textLength());
  }

  private static Snapshot snapshot(ByteBuffer in) throws IOException {
    String id = string(in);
    String sourceId = string(in);
    Instant captured = instant(in);
    String url = string(in);
    int status = in.getInt();
    String payloadDigest = string(in);
    String contentDigest = string(in);
    String warcFile = string(in);
    long responseOffset = in.getLong();
    long conversionOffset = in.getLong();
    String responseRecordId = string(in);
    boolean selectorMatched = bool(in);
    int count = in.getInt();
    List<Block> blocks = new ArrayList<>();
    Block.Kind[] kinds = Block.Kind.values();
    for (int i = 0; i < count; i++) {
      int kind = in.get();
      if (kind < 0 || kind >= kinds.length) {
        throw new IOException("not a source state: block kind " + kind);
      }
      blocks.add(new Block(kinds[kind], string(in)));
    }
    return new Snapshot(id, sourceId, captured, url, status, payloadDigest, contentDigest, warcFile, responseOffset,
        conversionOffset, responseRecordId, selectorMatched, blocks, string(in), in.getInt());
  }

  private static void shape(DataOutputStream out, SourceState.Shape shape) throws IOException {
    string(out, shape.snapshot());
    Skeleton skeleton = shape.skeleton();
    string(out, skeleton.charset());
    string(out, skeleton.digest());
    out.writeInt(skeleton.kept().size());
    for (Skeleton.Kept kept : skeleton.kept()) {
      out.writeInt(kept.first());
      out.writeInt(kept.last());
    }
    string(out, skeleton.title());
  }

  private static SourceState.Shape shape(ByteBuffer in) throws IOException {
    String snapshot = string(in);
    String charset = string(in);
    String digest = string(in);
    int count = in.getInt();
    List<Skeleton.Kept> kept = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      kept.add(new Skeleton.Kept(in.getInt(), in.getInt()));
    }
    return new SourceState.Shape(snapshot, new Skeleton(charset, digest, kept, string(in)));
  }

  private static void instant(DataOutputStream out, Instant instant) throws IOException {
    out.writeBoolean(instant != null);
    if (instant != null) {
      out.writeLong(instant.getEpochSecond());
      out.writeInt(instant.getNano());
    }
  }

  private static Instant instant(ByteBuffer in) throws IOException {
    return bool(in) ? Instant.ofEpochSecond(in.getLong(), in.getInt()) : null;
  }

  private static void optionalString(DataOutputStream out, Optional<String> value) throws IOException {
    string(out, value.orElse(null));
  }

  private static Optional<String> optionalString(ByteBuffer in) throws IOException {
    return Optional.ofNullable(string(in));
  }

  /** A string of any length (DataOutput's writeUTF stops at 64 KB, a block's text need not), or null. */
  private static void string(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length + 1);
    out.write(bytes);
  }

  private static String string(ByteBuffer in) throws IOException {
    int length = in.getInt() - 1;
    if (length < 0) {
      return null;
    }
    if (length > in.remaining()) {
      throw new IOException("not a source state: a string of " + length + " bytes, " + in.remaining() + " left");
    }
    String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }

  private static boolean bool(ByteBuffer in) throws IOException {
    byte b = in.get();
    if (b != 0 && b != 1) {
      throw new IOException("not a source state: " + b + " for a boolean");
    }
    return b == 1;
  }
}
