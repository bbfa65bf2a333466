/**
 * Extraction: a fetched body (HTML, PDF, text) to the blocks of text that count, with the charset
 * and content-type rules of the official pages. Depends on {@code fetch} (the exchange), {@code
 * model} and {@code text}; no I/O.
 */
package org.citewatch.extract;
