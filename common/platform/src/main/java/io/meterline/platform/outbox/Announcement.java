package io.meterline.platform.outbox;

/**
 * What to announce on Kafka about a change, through the outbox: the topic, the record key (compacted topics keep the
 * latest per key), the CloudEvents type (a constant of {@code common/contracts}) and subject, and the payload, a
 * versioned record of {@code common/contracts}.
 */
public record Announcement(String topic, String key, String type, String subject, Object payload) {
}
