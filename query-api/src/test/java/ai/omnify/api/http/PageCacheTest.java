package ai.omnify.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PageCacheTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();

    private JsonPage load(String text) {
        loads.incrementAndGet();
        return new JsonPage(text.getBytes(StandardCharsets.UTF_8), 1, null);
    }

    @Test
    void answersTheSameKeyFromMemoryUntilTheTtlPasses() {
        PageCache cache = new PageCache(Duration.ofMillis(500), 100, 1 << 20, now::get);
        assertThat(cache.get("k", () -> load("a")).body()).asString(StandardCharsets.UTF_8).isEqualTo("a");
        now.addAndGet(Duration.ofMillis(499).toNanos());
        assertThat(cache.get("k", () -> load("b")).body()).asString(StandardCharsets.UTF_8).isEqualTo("a");
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.get("k", () -> load("c")).body()).asString(StandardCharsets.UTF_8).isEqualTo("c");
        assertThat(loads).hasValue(2);
    }

    @Test
    void keysAreKeptApart() {
        PageCache cache = new PageCache(Duration.ofSeconds(1), 100, 1 << 20, now::get);
        cache.get(List.of("org-a", "q"), () -> load("a"));
        assertThat(cache.get(List.of("org-b", "q"), () -> load("b")).body()).asString(StandardCharsets.UTF_8)
                .isEqualTo("b");
    }

    @Test
    void failuresAreNotCached() {
        PageCache cache = new PageCache(Duration.ofSeconds(1), 100, 1 << 20, now::get);
        assertThatThrownBy(() -> cache.get("k", () -> {
            throw ApiException.invalidParameter("no");
        })).isInstanceOf(ApiException.class);
        assertThat(cache.get("k", () -> load("ok")).body()).asString(StandardCharsets.UTF_8).isEqualTo("ok");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void concurrentMissesShareOneLoad() throws Exception {
        PageCache cache = new PageCache(Duration.ofSeconds(10));
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<JsonPage>> results = new ArrayList<>();
            results.add(pool.submit(() -> cache.get("k", () -> {
                loading.countDown();
                await(release);
                return load("once");
            })));
            assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                results.add(pool.submit(() -> cache.get("k", () -> load("again"))));
            }
            release.countDown();
            for (Future<JsonPage> f : results) {
                assertThat(f.get(5, TimeUnit.SECONDS).body()).asString(StandardCharsets.UTF_8).isEqualTo("once");
            }
            assertThat(loads).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void staysWithinItsBounds() {
        PageCache cache = new PageCache(Duration.ofMinutes(1), 10, 1000, now::get);
        for (int i = 0; i < 100; i++) {
            cache.get(i, () -> load("x".repeat(150)));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(10);
        PageCache bytesBound = new PageCache(Duration.ofMinutes(1), 1000, 1000, now::get);
        for (int i = 0; i < 100; i++) {
            bytesBound.get(i, () -> load("x".repeat(150)));
        }
        assertThat(bytesBound.size()).isLessThanOrEqualTo(7);
    }

    @Test
    void aZeroTtlCachesNothing() {
        PageCache cache = PageCache.disabled();
        cache.get("k", () -> load("a"));
        cache.get("k", () -> load("a"));
        assertThat(loads).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
