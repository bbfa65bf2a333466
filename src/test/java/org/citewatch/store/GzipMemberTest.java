package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;

/** The records' gzip members, made one after another by the same thread's deflater. */
class GzipMemberTest {

  @Test
  void eachMemberIsWholeAndReadsAloneAndInSequence() throws IOException {
    Random random = new Random(7);
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    List<Integer> offsets = new ArrayList<>();
    // a large page, a small request-sized body, an empty one, and incompressible bytes, in turn
    int[] sizes = {200_000, 300, 0, 70_000, 5};
    for (int size : sizes) {
      byte[] body = new byte[size];
      if (size == 70_000) {
        random.nextBytes(body);
      } else {
        byte[] text = "Leja e qëndrimit lëshohet për një vit. Taksa: 50 €. ".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size; i++) {
          body[i] = text[(i + random.nextInt(3)) % text.length];
        }
      }
      bodies.add(body);
      offsets.add(file.size());
      file.write(GzipMember.of(record(body)));
    }
    byte[] bytes = file.toByteArray();

    // each member alone: GZIPInputStream checks the trailer's CRC-32 and length
    for (int i = 0; i < sizes.length; i++) {
      int end = i + 1 < sizes.length ? offsets.get(i + 1) : bytes.length;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes, offsets.get(i),
          end - offsets.get(i)))) {
        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("WARC/1.1\r\n").contains("Content-Length: " + sizes[i] + "\r\n");
      }
    }
    // all of them as a WARC file
    List<byte[]> read = new ArrayList<>();
    try (WarcReader reader = new WarcReader(Channels.newChannel(new ByteArrayInputStream(bytes)))) {
      for (WarcRecord record : reader) {
        read.add(record.body().stream().readAllBytes());
      }
    }
    assertThat(read).hasSize(sizes.length);
    for (int i = 0; i < sizes.length; i++) {
      assertThat(read.get(i)).as("record %d", i).isEqualTo(bodies.get(i));
    }
  }

  @Test
  void aThreadDoesNotKeepTheBufferOfALargeRecord() throws IOException {
    byte[] pdf = new byte[6 * 1024 * 1024];
    new Random(11).nextBytes(pdf); // incompressible, as a PDF's streams are
    byte[] member = GzipMember.of(record(pdf));
    assertThat(member.length).isGreaterThan(pdf.length);
    assertThat(GzipMember.retained()).isLessThanOrEqualTo(1024 * 1024);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(GzipMember.of(record(pdf))))) {
      assertThat(in.readAllBytes()).hasSizeGreaterThan(pdf.length);
    }
  }

  private static WarcRecord record(byte[] body) {
    return new WarcResource.Builder(URI.create("https://mpb.rks-gov.net/ap/page/1"))
        .version(MessageVersion.WARC_1_1)
        .body(MediaType.OCTET_STREAM, body)
        .build();
  }
}
