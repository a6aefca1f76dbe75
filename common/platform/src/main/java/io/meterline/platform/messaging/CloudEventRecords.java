package io.meterline.platform.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reading a CloudEvent in Kafka's binary mode (as {@code OutboxRelay} writes it): the attributes are {@code ce_*}
 * headers and the value is the payload. A record that cannot be read throws {@link IllegalArgumentException} naming
 * where it is, for the channel's dead-letter handling.
 */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Where a record is, for logs and errors: topic/partition@offset. */
    public static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    public static <T> T payload(ObjectMapper json, ConsumerRecord<?, String> record, Class<T> type) {
        if (record.value() == null) {
            throw new IllegalArgumentException(where(record) + " has no payload");
        }
        try {
            return json.readValue(record.value(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where(record) + " is not a readable " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Refuses a payload version this consumer does not know: it would be misread, not just partly read. */
    public static void requireVersion(ConsumerRecord<?, ?> record, String type, int version, int newestKnown) {
        if (version < 1 || version > newestKnown) {
            throw new IllegalArgumentException(where(record) + ": " + type + " schema version " + version
                    + " is not one this service reads (1 to " + newestKnown + ")");
        }
    }
}
