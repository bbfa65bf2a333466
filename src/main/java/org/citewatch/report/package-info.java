/**
 * Reports and notifications: report.json, report.md and report.html for people, webhook and email
 * notifications, each escaped for its own format. Depends on {@code model}, {@code compare},
 * {@code config} (environment references) and {@code store} (the JSON mapping).
 */
package org.citewatch.report;
