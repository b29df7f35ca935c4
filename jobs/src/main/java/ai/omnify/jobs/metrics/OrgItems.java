package ai.omnify.jobs.metrics;

import ai.omnify.model.metrics.MetricsUpdate;

/** Turns a channel's day totals into the item it is within its organization's day. */
final class OrgItems {
    private OrgItems() {}

    static Contribution ofChannelDay(MetricsUpdate day) {
        return new Contribution(day.orgId(), Contribution.CHANNEL, day.channelId(), day.channelId(), null,
                day.platform() == null ? null : day.platform().wire(), day.externalId(), day.name(), null, day.date(),
                null, day.spend(), day.impressions(), day.clicks(), day.conversions(), day.conversionValue(), null,
                day.attributedRevenue(), day.attributedOrders(), day.currency(), day.asOf());
    }
}
