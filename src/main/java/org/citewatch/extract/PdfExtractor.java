package org.citewatch.extract;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF text through PDFBox. Only the text is compared, so a PDF re-saved with new metadata but the
 * same words is no change.
 */
final class PdfExtractor {

  Extraction extract(byte[] body) throws UnreadableContent {
    try (PDDocument document = Loader.loadPDF(body)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      stripper.setParagraphEnd("\n\n");
      return new Extraction(TextExtractor.paragraphs(stripper.getText(document)), true, "pdf");
    } catch (IOException e) {
      throw new UnreadableContent("the PDF could not be read: " + e.getMessage());
    }
  }
}
