package org.citewatch.store;

/**
 * Where a WARC record (or a run of records) lies: its file under {@code warc/}, the offset of its
 * first gzip member, and the offset just past its last.
 */
public record WarcRef(String file, long offset, long end) {}
