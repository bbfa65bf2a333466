/**
 * Alerts: turns a run's findings into alerts with identities and a lifecycle (raised once, seen
 * again, acknowledged, resolved when the condition clears). Depends on {@code model} only; the store
 * records what it decides.
 */
package org.citewatch.alert;
