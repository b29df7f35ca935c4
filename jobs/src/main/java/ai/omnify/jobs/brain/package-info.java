/**
 * The BrainJob: per organization, Memory, Oracle and Curiosity from its day rows, alerts and ads' copy.
 * {@link ai.omnify.jobs.brain.BrainJob#build} wires it and {@link ai.omnify.jobs.brain.BrainComputer} is the whole
 * computation as a pure function; the parts live by component:
 * <ul>
 *   <li>{@code memory}: what happened (KPIs, notable days, the alerts' story);</li>
 *   <li>{@code oracle}: what will happen (series forecasts, creative fatigue, near-copies, risks) and how good the
 *       forecasts have been;</li>
 *   <li>{@code curiosity}: what to do (ranked actions, budget moves from response curves);</li>
 *   <li>{@code ai}: texts, from a language model or the deterministic template, and ad copy embeddings.</li>
 * </ul>
 * The records the job keeps in keyed state ({@link ai.omnify.jobs.brain.AdCopy},
 * {@link ai.omnify.jobs.brain.ForecastRow}, {@link ai.omnify.jobs.brain.AccuracyTally}) stay in this package: their
 * class names are part of the checkpoint format.
 */
package ai.omnify.jobs.brain;
