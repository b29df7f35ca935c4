package ai.omnify.api.reports;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.http.QueryParams;
import ai.omnify.api.metrics.DateRange;
import ai.omnify.api.module.ApiModule;
import ai.omnify.api.orgs.OrgSettingsService;
import ai.omnify.server.auth.Scope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/** {@code GET /api/v1/reports/summary.pdf} and {@code /api/v1/reports/metrics.csv}: for the boss and the spreadsheet. */
public final class ReportsModule implements ApiModule {
    static final int MAX_DAYS = 400;

    private final ReportService reports;
    private final OrgSettingsService orgs;
    private final Clock clock;

    public ReportsModule(ReportService reports, OrgSettingsService orgs, Clock clock) {
        this.reports = reports;
        this.orgs = orgs;
        this.clock = clock;
    }

    @Override
    public void routes(RoutesConfig routes) {
        Access read = Access.requires(Scope.READ);
        routes.get("/api/v1/reports/summary.pdf", this::summary, read);
        routes.get("/api/v1/reports/metrics.csv", this::csv, read);
    }

    void summary(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        DateRange range = range(ctx, orgId);
        ReportData data = reports.summary(orgId, range);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        SummaryPdf.write(data, out);
        ctx.status(200).contentType("application/pdf").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"omnify-summary-" + range.from() + "-"
                        + range.to() + ".pdf\"")
                .result(out.toByteArray());
    }

    void csv(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        QueryParams p = QueryParams.of(ctx);
        var channelId = p.uuid("channelId");
        DateRange range = range(ctx, orgId);
        StringWriter out = new StringWriter(64 * 1024);
        reports.writeCsv(orgId, range, channelId, out);
        ctx.status(200).contentType("text/csv; charset=utf-8").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"omnify-metrics-" + range.from() + "-"
                        + range.to() + ".csv\"")
                .result(out.toString());
    }

    private DateRange range(Context ctx, UUID orgId) {
        QueryParams p = QueryParams.of(ctx);
        return DateRange.resolve(p.date("from"), p.date("to"),
                () -> LocalDate.now(clock.withZone(orgs.settings(orgId).timeZone())), MAX_DAYS);
    }
}
