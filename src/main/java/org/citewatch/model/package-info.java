/**
 * Values shared by every stage: sources, programs, claims, figures, snapshots, findings, alerts.
 * Records, no behaviour beyond their own invariants; depends on nothing of citewatch.
 */
package org.citewatch.model;
