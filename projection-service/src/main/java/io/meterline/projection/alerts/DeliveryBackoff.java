package io.meterline.projection.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The retry schedule for webhook deliveries: roughly exponential, capped at 12 hours, and jitter-free so that it is
 * deterministic (a caller that wants jitter adds it on top). A delivery is attempted at most
 * {@link #maxAttempts()} = 14 times; after the last failure it is given up (and the endpoint's owner should be told
 * by other means).
 *
 * <table>
 * <caption>Schedule</caption>
 * <tr><th>Attempt</th><th>Delay after the previous attempt</th><th>Time since the first attempt</th></tr>
 * <tr><td>1</td><td>immediately</td><td>0:00:00</td></tr>
 * <tr><td>2</td><td>30 seconds</td><td>0:00:30</td></tr>
 * <tr><td>3</td><td>2 minutes</td><td>0:02:30</td></tr>
 * <tr><td>4</td><td>10 minutes</td><td>0:12:30</td></tr>
 * <tr><td>5</td><td>30 minutes</td><td>0:42:30</td></tr>
 * <tr><td>6</td><td>1 hour</td><td>1:42:30</td></tr>
 * <tr><td>7</td><td>2 hours</td><td>3:42:30</td></tr>
 * <tr><td>8</td><td>4 hours</td><td>7:42:30</td></tr>
 * <tr><td>9</td><td>8 hours</td><td>15:42:30</td></tr>
 * <tr><td>10</td><td>12 hours</td><td>27:42:30</td></tr>
 * <tr><td>11</td><td>12 hours</td><td>39:42:30</td></tr>
 * <tr><td>12</td><td>12 hours</td><td>51:42:30</td></tr>
 * <tr><td>13</td><td>12 hours</td><td>63:42:30</td></tr>
 * <tr><td>14</td><td>12 hours</td><td>75:42:30</td></tr>
 * </table>
 * The whole schedule spans 75 h 42 min 30 s (a little over three days), in line with the multi-day schedule the
 * Standard Webhooks specification recommends.
 */
public final class DeliveryBackoff {

    /** Delay before attempt {@code i + 2}. */
    private static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4),
            Duration.ofHours(8),
            Duration.ofHours(12),
            Duration.ofHours(12),
            Duration.ofHours(12),
            Duration.ofHours(12),
            Duration.ofHours(12));

    private DeliveryBackoff() {
    }

    /**
     * How long to wait after attempt {@code attempt − 1} failed before making attempt {@code attempt}.
     *
     * @param attempt the 1-based number of the attempt about to be scheduled; normally {@code >= 2} (attempt 1 is
     *                immediate and gives {@link Duration#ZERO})
     * @return the delay, or empty when {@code attempt > }{@link #maxAttempts()} (give up)
     * @throws IllegalArgumentException if {@code attempt < 1}
     */
    public static Optional<Duration> delayBeforeAttempt(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based, was " + attempt);
        }
        if (attempt == 1) {
            return Optional.of(Duration.ZERO);
        }
        int index = attempt - 2;
        return index < DELAYS.size() ? Optional.of(DELAYS.get(index)) : Optional.empty();
    }

    /** @return the number of attempts, the first included (14) */
    public static int maxAttempts() {
        return DELAYS.size() + 1;
    }
}
