package ai.omnify.jobs.detection;

/** Spend of a day's complete hours so far (budget pacing on hour windows). */
public record DaySpend(long dayStart, double spend) {}
