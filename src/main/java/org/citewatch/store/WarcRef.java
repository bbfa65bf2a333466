package org.citewatch.store;

/** Where a WARC record starts: its file under {@code warc/} and the offset of its gzip member. */
public record WarcRef(String file, long offset) {}
