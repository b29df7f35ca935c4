package ai.omnify.jobs.detection.window;

import ai.omnify.model.Topics;
import ai.omnify.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@link BackfillUpstream} read from Kafka (end offsets, consumer groups' committed offsets, through the admin API)
 * and PostgreSQL (the {@code sync_runs} table, as the pipeline role).
 */
public final class KafkaBackfillUpstream implements BackfillUpstream {
    /** A sync run that recorded no progress for this long does not count as running. */
    static final int STALE_RUN_MINUTES = 15;
    private static final long TIMEOUT_SECONDS = 5;
    private static final String RUNNING_BACKFILLS = "SELECT DISTINCT organization_id::text FROM sync_runs WHERE state"
            + " IN ('queued', 'running') AND kind = 'backfill' AND updated_at > now() - make_interval(mins => "
            + STALE_RUN_MINUTES + ")";

    private final Admin admin;
    private final DatabaseConfig db;
    private final List<String> inputs;
    private final String changelog;
    private final String metricsGroup;
    private final String selfGroup;
    private Connection connection;

    /**
     * @param metricsGroup the MetricsJob's consumer group; blank: its reading is not checked
     * @param selfGroup this job's consumer group on the changelog
     */
    public KafkaBackfillUpstream(String bootstrap, Topics topics, String metricsGroup, String selfGroup,
            DatabaseConfig db) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "omnify-detection-backfill-progress");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        this.admin = Admin.create(p);
        this.db = db;
        this.inputs = List.of(topics.adInsights(), topics.orders());
        this.changelog = topics.channelMetrics();
        this.metricsGroup = metricsGroup;
        this.selfGroup = selfGroup;
    }

    @Override
    public Set<String> backfilling() throws SQLException {
        try {
            if (connection == null || connection.isClosed()) {
                Properties p = new Properties();
                p.setProperty("user", db.user());
                p.setProperty("password", db.password());
                p.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
                p.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS));
                connection = DriverManager.getConnection(db.jdbcUrl(), p);
            }
            try (PreparedStatement ps = connection.prepareStatement(RUNNING_BACKFILLS)) {
                ps.setQueryTimeout((int) TIMEOUT_SECONDS);
                try (ResultSet rs = ps.executeQuery()) {
                    Set<String> out = new TreeSet<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        } catch (SQLException e) {
            closeConnection();
            throw e;
        }
    }

    @Override
    public Map<String, Long> inputEnds() throws Exception {
        return ends(inputs);
    }

    @Override
    public Reach metricsReached(Map<String, Long> ends) throws Exception {
        if (metricsGroup == null || metricsGroup.isBlank()) {
            return Reach.REACHED;
        }
        return BackfillUpstream.reach(ends, committed(metricsGroup));
    }

    @Override
    public Map<String, Long> changelogEnds() throws Exception {
        return ends(List.of(changelog));
    }

    @Override
    public Reach selfReached(Map<String, Long> ends) throws Exception {
        return BackfillUpstream.reach(ends, committed(selfGroup));
    }

    /** The end offsets (read-committed) of every partition of the topics; a topic that does not exist has none. */
    private Map<String, Long> ends(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        // one request for all the topics; each answers on its own, so a missing one does not hide the others
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : described.entrySet()) {
            TopicDescription d;
            try {
                d = e.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue;
                }
                throw failed;
            }
            d.partitions().forEach(p -> latest.put(new TopicPartition(e.getKey(), p.partition()), OffsetSpec.latest()));
        }
        Map<String, Long> out = new HashMap<>();
        if (latest.isEmpty()) {
            return out;
        }
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp.toString(), info.offset()));
        return out;
    }

    /** The offsets a group has committed, per {@code topic-partition}. */
    private Map<String, Long> committed(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> out = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                out.put(tp.toString(), om.offset());
            }
        });
        return out;
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing a broken connection
        }
        connection = null;
    }

    @Override
    public void close() {
        closeConnection();
        admin.close(java.time.Duration.ofSeconds(TIMEOUT_SECONDS));
    }
}
