package ai.omnify.jobs.reference;

import ai.omnify.model.fx.FxTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixed reference data, for tests and benchmarks. */
public record StaticReferenceData(Map<String, OrgSettings> orgs, List<FxTable.Rate> rates) implements ReferenceData {

    @Override
    public void open() {}

    @Override
    public Optional<OrgSettings> org(String orgId) {
        return Optional.ofNullable(orgs.get(orgId));
    }

    @Override
    public FxTable fx() {
        return FxTable.of(rates);
    }
}
