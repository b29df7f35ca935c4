package ai.omnify.jobs.metrics;

import java.io.Serializable;
import java.util.List;

/**
 * Where the items of a day whose live state is gone can be read back from (the stored rows), so a late item can be
 * merged into the day exactly.
 */
public interface DayItemStore extends Serializable {

    void open() throws Exception;

    /** The stored items of the day key ({@code org|channel|date} or {@code org|date}). */
    List<Contribution> load(String dayKey) throws Exception;

    /**
     * Whether rows of this day may have been stored before this run (a cheap check, so that keys that cannot have
     * stored rows — a new day, a new organization — are not looked up).
     */
    default boolean mayHaveStored(String dayKey) throws Exception {
        return true;
    }

    default void close() throws Exception {}
}
