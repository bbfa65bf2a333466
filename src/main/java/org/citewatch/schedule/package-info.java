/**
 * Running: the pipeline that wires fetch, extract, evaluate, alert, store and report for one run,
 * the daemon that schedules runs, and the verification a maintainer records. The one place that
 * decides what a run writes; may depend on every stage but {@code cli} and {@code web}.
 */
package org.citewatch.schedule;
