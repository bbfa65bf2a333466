package org.citewatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citewatch.store.Json;

/** report.json as docs/report.schema.json describes it: every test that reads a report checks it first. */
public final class ReportSchema {

  private ReportSchema() {}

  public static JsonNode read(Path reportJson) throws IOException {
    JsonNode report = Json.MAPPER.readTree(reportJson.toFile());
    try (InputStream schema = Files.newInputStream(Path.of("docs/report.schema.json"))) {
      JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
      assertThat(validator.validate(report)).as("report.json against docs/report.schema.json").isEmpty();
    }
    return report;
  }
}
