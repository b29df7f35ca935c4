/**
 * The DetectionJob: the metrics changelog in, anomaly and creative-fatigue alerts out. {@link
 * ai.omnify.jobs.detection.DetectionJob#build} wires it; the parts live by component:
 * <ul>
 *   <li>{@code window}: when a day or hour of the changelog is final ({@code WindowClosePolicy}, pure) and the
 *       operator that closes windows ({@code CloseWindowsFn}); the backfill barrier, a source asking Kafka and
 *       PostgreSQL how far the organizations' backfills have come, broadcast to it;</li>
 *   <li>{@code anomaly}: one rule per alert kind on a channel window ({@code SpendSpike}, {@code TrackingBreak},
 *       {@code ConversionDrop}, {@code CpaSpike}, {@code RoasDrop}, {@code BudgetPacing}), the evidence they share
 *       ({@code ChannelEvidence}, {@code PooledEvidence}, baselines and count tests), {@code ChannelJudge} composing
 *       them and the operator around it;</li>
 *   <li>{@code fatigue}: creative fatigue as a CEP sequence and its rules;</li>
 *   <li>{@code lifecycle}: an incident's life from readings to alert records, and the alerts' wording.</li>
 * </ul>
 * The records the job keeps in keyed state ({@link ai.omnify.jobs.detection.MetricWindow},
 * {@link ai.omnify.jobs.detection.Point}, {@link ai.omnify.jobs.detection.IncidentState},
 * {@link ai.omnify.jobs.detection.DaySpend}, {@link ai.omnify.jobs.detection.CreativeFigures},
 * {@link ai.omnify.jobs.detection.FatigueMatch}) stay in this package: their class names are part of the
 * checkpoint format, and moving one would stop checkpoints from restoring.
 */
package ai.omnify.jobs.detection;
