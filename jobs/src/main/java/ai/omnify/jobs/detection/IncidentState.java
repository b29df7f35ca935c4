package ai.omnify.jobs.detection;

/**
 * What the job remembers of one incident key (org, kind, target).
 *
 * @param id the open (or last) incident's id
 * @param since start of its first anomalous window, epoch millis
 * @param severity current severity (wire name)
 * @param revision revision of the last record emitted
 * @param open whether the incident is open
 * @param normalStreak consecutive normal windows while open
 * @param resolvedAt end of the window that resolved it (epoch millis), for the cooldown; 0 while open
 */
public record IncidentState(String id, long since, String severity, int revision, boolean open, int normalStreak,
        long resolvedAt) {}
