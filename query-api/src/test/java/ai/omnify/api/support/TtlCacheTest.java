package ai.omnify.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TtlCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        loads.incrementAndGet();
        return key + "#" + loads.get();
    }

    @Test
    void keepsAValueForItsTimeToLive() {
        TtlCache<String, String> cache = new TtlCache<>(10, now::get);
        assertThat(cache.get("a", this::load, v -> Duration.ofSeconds(30))).isEqualTo("a#1");
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(cache.get("a", this::load, v -> Duration.ofSeconds(30))).isEqualTo("a#1");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get("a", this::load, v -> Duration.ofSeconds(30))).isEqualTo("a#2");
    }

    @Test
    void aZeroTimeToLiveKeepsNothing() {
        TtlCache<String, String> cache = new TtlCache<>(10, now::get);
        cache.get("a", this::load, v -> Duration.ZERO);
        cache.get("a", this::load, v -> Duration.ZERO);
        assertThat(loads).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void staysBounded() {
        TtlCache<Integer, String> cache = new TtlCache<>(100, now::get);
        for (int i = 0; i < 10_000; i++) {
            cache.get(i, k -> "v" + k, v -> Duration.ofMinutes(1));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
}
