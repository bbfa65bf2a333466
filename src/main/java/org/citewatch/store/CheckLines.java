package org.citewatch.store;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.citewatch.fetch.Attempt;

/**
 * The two lines every check journals, a snapshot's and the check's, written field by field with
 * Jackson's streaming generator: byte for byte what the data binding writes for them (the type
 * first, snake_case names, absent values and empty redirect lists left out), for ~3% of a cold
 * run's CPU less (issue 19). Every other kind of line is bound as before; {@code CheckLinesTest}
 * holds the two writings to the same bytes.
 */
final class CheckLines {

  private CheckLines() {}

  /** The line's JSON object, or empty for a kind of event this class does not write. */
  static Optional<byte[]> write(Event event) throws IOException {
    if (event instanceof Event.SnapshotTaken taken) {
      return Optional.of(object(json -> snapshot(json, taken)));
    }
    if (event instanceof Event.Checked checked) {
      return Optional.of(object(json -> check(json, checked)));
    }
    return Optional.empty();
  }

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] object(Fields fields) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(768);
    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void snapshot(JsonGenerator json, Event.SnapshotTaken t) throws IOException {
    json.writeStringField("type", "snapshot");
    string(json, "snapshot", t.snapshot());
    string(json, "source", t.source());
    string(json, "url", t.url());
    json.writeNumberField("status", t.status());
    string(json, "warc", t.warc());
    json.writeNumberField("request_offset", t.requestOffset());
    json.writeNumberField("response_offset", t.responseOffset());
    json.writeNumberField("conversion_offset", t.conversionOffset());
    json.writeNumberField("end_offset", t.endOffset());
    string(json, "response_record_id", t.responseRecordId());
    string(json, "payload_digest", t.payloadDigest());
    json.writeNumberField("payload_length", t.payloadLength());
    string(json, "content_digest", t.contentDigest());
    if (t.selectorMatched() != null && t.selectorMatched().isPresent()) {
      json.writeBooleanField("selector_matched", t.selectorMatched().get());
    }
    string(json, "rules", t.rules());
    if (t.textLength() != null && t.textLength().isPresent()) {
      json.writeNumberField("text_length", t.textLength().get());
    }
  }

  private static void check(JsonGenerator json, Event.Checked c) throws IOException {
    json.writeStringField("type", "check");
    string(json, "source_id", c.sourceId());
    uri(json, "url", c.url());
    uri(json, "final_url", c.finalUrl());
    if (c.status() != null && c.status().isPresent()) {
      json.writeNumberField("status", c.status().get());
    }
    json.writeArrayFieldStart("attempts");
    for (Attempt attempt : c.attempts()) {
      attempt(json, attempt);
    }
    json.writeEndArray();
    if (c.outcome() != null) {
      json.writeStringField("outcome", c.outcome().name());
    }
    string(json, "snapshot_id", c.snapshotId());
    string(json, "payload_digest", c.payloadDigest());
    string(json, "content_digest", c.contentDigest());
    if (c.record() != null && c.record().isPresent()) {
      json.writeFieldName("record");
      ref(json, c.record().get());
    }
    if (!c.redirects().isEmpty()) {
      json.writeArrayFieldStart("redirects");
      for (URI redirect : c.redirects()) {
        json.writeString(redirect.toString());
      }
      json.writeEndArray();
    }
    string(json, "error", c.error());
    if (!c.redirectRecords().isEmpty()) {
      json.writeArrayFieldStart("redirect_records");
      for (WarcRef ref : c.redirectRecords()) {
        ref(json, ref);
      }
      json.writeEndArray();
    }
  }

  private static void attempt(JsonGenerator json, Attempt attempt) throws IOException {
    json.writeStartObject();
    if (attempt.at() != null) {
      json.writeStringField("at", attempt.at().toString());
    }
    if (attempt.status() != null && attempt.status().isPresent()) {
      json.writeNumberField("status", attempt.status().get());
    }
    string(json, "error", attempt.error());
    json.writeEndObject();
  }

  private static void ref(JsonGenerator json, WarcRef ref) throws IOException {
    json.writeStartObject();
    string(json, "file", ref.file());
    json.writeNumberField("offset", ref.offset());
    json.writeNumberField("end", ref.end());
    json.writeEndObject();
  }

  private static void string(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private static void string(JsonGenerator json, String name, Optional<String> value) throws IOException {
    if (value != null && value.isPresent()) {
      json.writeStringField(name, value.get());
    }
  }

  private static void uri(JsonGenerator json, String name, Optional<URI> value) throws IOException {
    if (value != null && value.isPresent()) {
      json.writeStringField(name, value.get().toString());
    }
  }
}
