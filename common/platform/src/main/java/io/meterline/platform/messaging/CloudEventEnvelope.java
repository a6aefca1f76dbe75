package io.meterline.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.meterline.platform.time.UtcInstants;

/**
 * The one CloudEvents envelope every Meterline service publishes with, in Kafka's binary mode: the attributes are
 * {@code ce_*} headers, the value is the JSON payload. Every publisher builds its headers here (the outbox relay and
 * the metered-usage relay), so each event carries the same attributes in the same form: {@code ce_time} in UTC with a
 * {@code Z}, as Jackson writes instants in payloads. {@link CloudEventRecords} reads them.
 *
 * @param id unique per event; consumers apply each id once
 * @param source the publishing service, as {@link #source(String)} gives it
 * @param type a constant of {@code common/contracts}, such as {@code io.meterline.pricing.unit-type-changed.v1}
 * @param subject what the event is about (a plan, a client); optional
 * @param time when the change happened
 */
public record CloudEventEnvelope(String id, String source, String type, String subject, Instant time) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public CloudEventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    /** The source of every event a service publishes: {@code /meterline/<service>}. */
    public static String source(String service) {
        return "/meterline/" + service;
    }

    /** The envelope as Kafka headers. */
    public Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "ce_specversion", SPEC_VERSION);
        add(headers, "ce_id", id);
        add(headers, "ce_source", source);
        add(headers, "ce_type", type);
        add(headers, "ce_time", UtcInstants.format(time));
        if (subject != null) {
            add(headers, "ce_subject", subject);
        }
        add(headers, "content-type", CONTENT_TYPE);
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
