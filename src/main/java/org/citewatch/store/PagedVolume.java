package org.citewatch.store;

import java.io.File;
import java.nio.ByteBuffer;
import org.mapdb.DataInput2;
import org.mapdb.volume.Volume;

/**
 * What index.db's volumes share: every typed write is one {@link #putData} of its bytes, every
 * stream one {@link #getData}, and what a file is (its name, lock, slices) is the file's under it.
 */
abstract class PagedVolume extends Volume {

  protected final Volume file;

  PagedVolume(Volume file) {
    this.file = file;
  }

  @Override
  public DataInput2 getDataInput(long offset, int size) {
    byte[] bytes = new byte[size];
    getData(offset, bytes, 0, size);
    return new DataInput2.ByteArray(bytes);
  }

  @Override
  public void putData(long offset, ByteBuffer buf) {
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
    putData(offset, bytes, 0, bytes.length);
  }

  @Override
  public void putLong(long offset, long value) {
    putData(offset, ByteBuffer.allocate(Long.BYTES).putLong(value).array(), 0, Long.BYTES);
  }

  @Override
  public void putInt(long offset, int value) {
    putData(offset, ByteBuffer.allocate(Integer.BYTES).putInt(value).array(), 0, Integer.BYTES);
  }

  @Override
  public void putByte(long offset, byte value) {
    putData(offset, new byte[] {value}, 0, 1);
  }

  /** Six bytes in one write rather than six (Volume writes them a byte at a time). */
  @Override
  public void putSixLong(long pos, long value) {
    byte[] bytes = new byte[6];
    for (int i = 0; i < 6; i++) {
      bytes[i] = (byte) (value >>> (40 - 8 * i));
    }
    putData(pos, bytes, 0, 6);
  }

  /** A packed number in one write rather than one a byte, in Volume's encoding. */
  @Override
  public int putPackedLong(long pos, long value) {
    byte[] bytes = new byte[10];
    int length = 0;
    int shift = 63 - Long.numberOfLeadingZeros(value);
    shift -= shift % 7;
    while (shift != 0) {
      bytes[length++] = (byte) ((value >>> shift) & 0x7F);
      shift -= 7;
    }
    bytes[length++] = (byte) ((value & 0x7F) | 0x80);
    putData(pos, bytes, 0, length);
    return length;
  }

  @Override
  public boolean isClosed() {
    return file.isClosed();
  }

  @Override
  public int sliceSize() {
    return file.sliceSize();
  }

  @Override
  public boolean isSliced() {
    return file.isSliced();
  }

  @Override
  public boolean isReadOnly() {
    return file.isReadOnly();
  }

  @Override
  public File getFile() {
    return file.getFile();
  }

  @Override
  public boolean getFileLocked() {
    return file.getFileLocked();
  }
}
