package ai.omnify.simulator.stream;

import ai.omnify.model.Platform;

/** A malformed line the simulator sends on purpose, and why it must be rejected. */
public record BadRow(Platform platform, BadKind kind, String line) {}
