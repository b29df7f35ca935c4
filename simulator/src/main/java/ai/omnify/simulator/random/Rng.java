package ai.omnify.simulator.random;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic random source derived from the seed and a key (a tag and numbers), so any part of the synthetic
 * brand (one ad on one day, one order) can be computed on its own, in any order, and always comes out the same.
 * Only {@link SplittableRandom#nextLong()} and {@link SplittableRandom#nextDouble()} are used, whose algorithms are
 * specified; Gaussians come from Box-Muller here rather than from the JDK, which may change its method.
 */
public final class Rng {
    private final SplittableRandom random;

    private Rng(long state) {
        this.random = new SplittableRandom(state);
    }

    public static Rng of(long seed, String tag, long... keys) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ mix(tag.hashCode() + 0x632BE59BD9B4E019L));
        for (long k : keys) {
            h = mix(h ^ mix(k + 0x2545F4914F6CDD1DL));
        }
        return new Rng(h);
    }

    /** SplitMix64's finaliser: a good 64-bit mixing function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [from, to). */
    public double uniform(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** Uniform whole number in [from, to] (both inclusive). */
    public int between(int from, int to) {
        return from + (int) Math.floorMod(random.nextLong(), (long) to - from + 1);
    }

    /** Uniform whole number in [from, to] (both inclusive). */
    public long between(long from, long to) {
        return from + Math.floorMod(random.nextLong(), to - from + 1);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal, by Box-Muller. */
    public double gaussian() {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A multiplicative noise factor with mean 1 and log-standard-deviation {@code sigma}. */
    public double noise(double sigma) {
        return Math.exp(sigma * gaussian() - sigma * sigma / 2.0);
    }

    /** Poisson-distributed count with mean {@code lambda} (normal approximation above 30). */
    public int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = 1.0;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > limit);
        return k - 1;
    }

    /** A number of exactly {@code digits} decimal digits (no leading zero), as text. */
    public String digits(int digits) {
        StringBuilder sb = new StringBuilder(digits);
        sb.append(between(1, 9));
        for (int i = 1; i < digits; i++) {
            sb.append(between(0, 9));
        }
        return sb.toString();
    }

    public <T> T pick(List<T> items) {
        return items.get(between(0, items.size() - 1));
    }

    /** Picks an index by weight. */
    public int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = uniform() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
