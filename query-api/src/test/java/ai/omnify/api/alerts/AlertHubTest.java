package ai.omnify.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AlertHubTest {
    private static final String A = "org-a";
    private static final String B = "org-b";

    @Test
    void eachSubscriberGetsOnlyItsOrganizationsAlerts() {
        AlertHub hub = new AlertHub(100, 10);
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        hub.subscribe(A, null, (id, e) -> {
            if (e != null) {
                a.add(e.json());
            }
        });
        hub.subscribe(B, null, (id, e) -> {
            if (e != null) {
                b.add(e.json());
            }
        });
        hub.publish(A, "a1");
        hub.publish(B, "b1");
        hub.publish(A, "a2");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.size() == 2 && b.size() == 1);
        assertThat(a).containsExactly("a1", "a2");
        assertThat(b).containsExactly("b1");
        hub.closeAll();
    }

    @Test
    void aSlowSubscriberIsClosedAndNeverHoldsBackTheOthersOrThePublisher() throws Exception {
        AlertHub hub = new AlertHub(100, 5);
        CountDownLatch never = new CountDownLatch(1);
        Subscriber slow = hub.subscribe(A, null, (id, e) -> never.await()); // a client that stopped reading
        List<String> fast = new CopyOnWriteArrayList<>();
        hub.subscribe(A, null, (id, e) -> {
            if (e != null) {
                fast.add(e.json());
            }
        });
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            hub.publish(A, "e" + i);
        }
        long publishMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(slow.isClosed()).isTrue();
        assertThat(slow.closeReason()).startsWith("too slow");
        await().atMost(Duration.ofSeconds(5)).until(() -> fast.size() == 1000 || hub.subscriberCount() == 0);
        // the fast one kept up, unless it too fell 5 behind: then it was closed, never blocking the publisher
        assertThat(publishMillis).as("publishing never waited on a subscriber").isLessThan(5_000);
        assertThat(hub.subscriberCount()).isLessThanOrEqualTo(1);
        never.countDown();
        hub.closeAll();
    }

    @Test
    void aStalledSubscriberDoesNotDelayTheOthers() throws Exception {
        AlertHub hub = new AlertHub(100, 1000); // room enough: the stalled one stays subscribed throughout
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Subscriber stalled = hub.subscribe(A, null, (id, e) -> {
            if (e != null) {
                stuck.countDown();
                release.await(); // a socket write that never returns
            }
        });
        List<List<String>> others = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        for (List<String> got : others) {
            hub.subscribe(A, null, (id, e) -> {
                if (e != null) {
                    got.add(e.json());
                }
            });
        }
        hub.publish(A, "e0");
        assertThat(stuck.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 50; i++) {
            hub.publish(A, "e" + i);
            int n = i + 1;
            // each event reaches every other subscriber while the stalled one is still stuck on the first
            await().atMost(Duration.ofSeconds(5)).until(() -> others.stream().allMatch(g -> g.size() == n));
        }
        for (List<String> got : others) {
            assertThat(got).hasSize(50).startsWith("e0", "e1").endsWith("e49");
        }
        assertThat(stalled.isClosed()).isFalse();
        assertThat(stuck.getCount()).isZero();
        release.countDown();
        hub.closeAll();
    }

    @Test
    void aReconnectingClientResumesAfterItsLastEventId() {
        AlertHub hub = new AlertHub(100, 100);
        List<String> ids = new CopyOnWriteArrayList<>();
        Subscriber first = hub.subscribe(A, null, (id, e) -> {
            if (e != null) {
                ids.add(id);
            }
        });
        hub.publish(A, "a1");
        hub.publish(A, "a2");
        await().atMost(Duration.ofSeconds(5)).until(() -> ids.size() == 2);
        first.close("client gone");
        hub.publish(A, "a3");
        hub.publish(B, "b1");
        List<String> resumed = new CopyOnWriteArrayList<>();
        hub.subscribe(A, ids.get(0), (id, e) -> {
            if (e != null) {
                resumed.add(e.json());
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> resumed.size() == 2);
        assertThat(resumed).containsExactly("a2", "a3");
        // an id of an earlier server incarnation: everything buffered again (at least once)
        List<String> fromOther = new CopyOnWriteArrayList<>();
        hub.subscribe(A, "deadbeef-2", (id, e) -> {
            if (e != null) {
                fromOther.add(e.json());
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> fromOther.size() == 3);
        hub.closeAll();
    }
}
