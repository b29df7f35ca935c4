package ai.omnify.jobs.reference;

import ai.omnify.model.fx.FxTable;
import java.io.Serializable;
import java.util.Optional;

/** Organizations and exchange rates, as the operators see them. Opened in the operator's {@code open}. */
public interface ReferenceData extends Serializable {

    void open() throws Exception;

    /** The organization's settings; empty when there is no such organization. */
    Optional<OrgSettings> org(String orgId);

    FxTable fx();

    default void close() throws Exception {}
}
