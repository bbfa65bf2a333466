package org.citewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PipelineTest {

  @Test
  void aBodyIsBlankExactlyWhenItsTextIsWhitespaceOnly() {
    for (int b = 0; b < 256; b++) {
      byte[] body = {' ', (byte) b, '\n'};
      assertThat(Pipeline.isBlank(body)).as("byte 0x%02X", b)
          .isEqualTo(new String(body, StandardCharsets.ISO_8859_1).isBlank());
    }
    assertThat(Pipeline.isBlank(new byte[0])).isTrue();
    assertThat(Pipeline.isBlank(" \r\n\t<".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }
}
