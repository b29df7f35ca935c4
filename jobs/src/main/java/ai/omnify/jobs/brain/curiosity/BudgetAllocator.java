package ai.omnify.jobs.brain.curiosity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Splits a fixed daily budget across channels to maximise expected revenue under concave response curves: start
 * every channel at its lower bound, then give each increment to the channel whose next increment buys the most
 * revenue (optimal for concave curves, up to the increment's size). Bounds keep each channel within a share of its
 * current spend, so a recommendation stays inside the data the curves were fitted on.
 */
public final class BudgetAllocator {
    /** A channel's curve and current daily spend. */
    public record Channel(String id, double currentSpend, DoubleUnaryOperator revenue) {}

    /** The proposal: spend per channel (same order as the input) and daily revenue before and after. */
    public record Allocation(double[] spend, double currentRevenue, double proposedRevenue) {
        public double gain() {
            return proposedRevenue - currentRevenue;
        }
    }

    /** A budget move between two channels, per day. */
    public record Move(String from, String to, double amount) {}

    private final double maxShift;
    private final int steps;

    /** @param maxShift e.g. 0.3: each channel stays within ±30% of its current spend */
    public BudgetAllocator(double maxShift, int steps) {
        if (maxShift <= 0 || steps < 10) {
            throw new IllegalArgumentException("maxShift must be positive and steps at least 10");
        }
        this.maxShift = maxShift;
        this.steps = steps;
    }

    public Allocation allocate(List<Channel> channels) {
        int n = channels.size();
        double budget = channels.stream().mapToDouble(Channel::currentSpend).sum();
        double[] spend = new double[n];
        double[] hi = new double[n];
        double current = 0;
        double assigned = 0;
        for (int i = 0; i < n; i++) {
            Channel c = channels.get(i);
            spend[i] = Math.max(0, c.currentSpend() * (1 - maxShift));
            hi[i] = c.currentSpend() * (1 + maxShift);
            assigned += spend[i];
            current += c.revenue().applyAsDouble(c.currentSpend());
        }
        double step = budget / steps;
        double left = budget - assigned;
        while (left > 1e-9 && step > 0) {
            double inc = Math.min(step, left);
            int best = -1;
            double bestGain = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double room = hi[i] - spend[i];
                if (room <= 1e-12) {
                    continue;
                }
                double d = Math.min(inc, room);
                DoubleUnaryOperator f = channels.get(i).revenue();
                double gain = (f.applyAsDouble(spend[i] + d) - f.applyAsDouble(spend[i])) / d;
                if (gain > bestGain) {
                    bestGain = gain;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            double d = Math.min(inc, hi[best] - spend[best]);
            spend[best] += d;
            left -= d;
        }
        double proposed = 0;
        for (int i = 0; i < n; i++) {
            proposed += channels.get(i).revenue().applyAsDouble(spend[i]);
        }
        return new Allocation(spend, current, proposed);
    }

    /** The allocation as moves: the largest decrease pays the largest increase first. Moves under minAmount are dropped. */
    public static List<Move> moves(List<Channel> channels, double[] spend, double minAmount) {
        int n = channels.size();
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            delta[i] = spend[i] - channels.get(i).currentSpend();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(delta[x], delta[y]));
        List<Move> moves = new ArrayList<>();
        int lo = 0;
        int hi = n - 1;
        double[] d = delta.clone();
        while (lo < hi && d[order[lo]] < -1e-9 && d[order[hi]] > 1e-9) {
            double amount = Math.min(-d[order[lo]], d[order[hi]]);
            if (amount >= minAmount) {
                moves.add(new Move(channels.get(order[lo]).id(), channels.get(order[hi]).id(), amount));
            }
            d[order[lo]] += amount;
            d[order[hi]] -= amount;
            if (d[order[lo]] >= -1e-9) {
                lo++;
            }
            if (d[order[hi]] <= 1e-9) {
                hi--;
            }
        }
        return moves;
    }
}
