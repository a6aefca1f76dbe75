package io.meterline.platform.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import io.meterline.platform.time.UtcInstants;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How every service writes JSON: decimals as plain strings ("125.00", never 125.0 or 1E+3), so money keeps its
 * scale through any client; unknown fields are refused, so a typo is an error and not a silent default. Instants
 * are ISO-8601 text in UTC, read and written by {@link UtcInstants} (each meter event carries several through
 * Kafka, and java.time's general formatter was a visible share of the ingest profile). A key given twice in one object
 * is refused (the last would silently win, so an event's id could be read two ways), and so are a decimal outside
 * {@link DecimalBounds} and text holding U+0000, which PostgreSQL cannot store.
 */
@Singleton
public class MeterlineJson implements ObjectMapperCustomizer {

    /** Applied last, after Quarkus has registered the JSR-310 module, so that the Instant codec below wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("meterline-instants")
                .addSerializer(Instant.class, new InstantText())
                .addDeserializer(Instant.class, new InstantReader())
                .addDeserializer(BigDecimal.class, new BoundedDecimalReader())
                .addDeserializer(String.class, new NulFreeStringReader()));
    }

    private static final class InstantText extends StdScalarSerializer<Instant> {
        InstantText() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(UtcInstants.format(value));
        }
    }

    /** Jackson's own decimal reader (numbers and strings), then the bounds. */
    private static final class BoundedDecimalReader extends NumberDeserializers.BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value = super.deserialize(p, ctxt);
            if (value != null && !DecimalBounds.fits(value)) {
                throw new RefusedValueException(p, value, BigDecimal.class, DecimalBounds.RULE);
            }
            return value;
        }
    }

    /** Jackson's own text reader, then no U+0000: PostgreSQL text cannot hold it, so it would fail the write. */
    private static final class NulFreeStringReader extends StringDeserializer {
        static final String RULE = "contains the NUL character (U+0000), which no stored text may hold";

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.indexOf(0) >= 0) {
                throw new RefusedValueException(p, value.replace("\0", "\\u0000"), String.class, RULE);
            }
            return value;
        }
    }

    /** Text the fast way; anything else (epoch numbers, odd forms) as Jackson's own reader would. */
    private static final class InstantReader extends StdScalarDeserializer<Instant> {
        InstantReader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getText().trim() : "";
            if (!text.isEmpty()) {
                try {
                    return UtcInstants.parse(text);
                } catch (DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant: %s",
                            e.getMessage());
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
