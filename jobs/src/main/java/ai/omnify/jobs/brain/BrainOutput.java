package ai.omnify.jobs.brain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A new brain version as it leaves the operator: the state already in JSON (published on {@code omnify.brain} as
 * is), and its three parts for the plan's {@code brain_states} columns.
 */
public record BrainOutput(String orgId, long version, Instant computedAt, LocalDate asOfDate, String summary,
        String stateJson, String memoryJson, String oracleJson, String curiosityJson) {}
