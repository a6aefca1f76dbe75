package io.meterline.metering.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of {@link RawUsageEvent} on {@link io.meterline.contracts.Topics#USAGE_RAW}. The topic is internal
 * to metering and carries every event twice through a JVM (written by the ingest API, read by the consumer), where
 * JSON's text handling was a large share of the cost. Layout, version 1: the byte {@code 1}, then id, meter,
 * customer, asset and source as strings, the timestamp (epoch seconds, nanos), the value as a plain decimal string,
 * the dimension count and each key and value, and ingestedAt (or a 0 flag). Strings are UTF-8, each preceded by its
 * length + 1 as a varint (0 for null); numbers are varints, zig-zag for signed ones. A record starting with
 * {@code '{'} is the JSON form earlier versions wrote, which {@link #isBinary} tells apart.
 */
public final class RawUsageEventCodec {

    private static final byte VERSION_1 = 1;

    private RawUsageEventCodec() {
    }

    /** Whether the bytes are in this binary form (and not the JSON form). */
    public static boolean isBinary(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == VERSION_1;
    }

    public static byte[] encode(RawUsageEvent e) {
        Writer out = new Writer();
        out.buffer[out.size++] = VERSION_1;
        out.string(e.id());
        out.string(e.meter());
        out.string(e.customer());
        out.string(e.asset());
        out.string(e.source());
        out.instant(e.timestamp());
        out.string(e.value().toPlainString());
        Map<String, String> dims = e.dimensions() == null ? Map.of() : e.dimensions();
        out.varint(dims.size());
        for (Map.Entry<String, String> d : dims.entrySet()) {
            out.string(d.getKey());
            out.string(d.getValue());
        }
        if (e.ingestedAt() == null) {
            out.varint(0);
        } else {
            out.varint(1);
            out.instant(e.ingestedAt());
        }
        return Arrays.copyOf(out.buffer, out.size);
    }

    /** @throws IllegalArgumentException when the bytes are not a version 1 record */
    public static RawUsageEvent decode(byte[] bytes) {
        if (!isBinary(bytes)) {
            throw new IllegalArgumentException("Not a binary raw usage event (version byte " + (bytes.length == 0 ? "missing"
                    : bytes[0]) + ")");
        }
        try {
            Reader in = new Reader(bytes);
            String id = in.string();
            String meter = in.string();
            String customer = in.string();
            String asset = in.string();
            String source = in.string();
            Instant timestamp = in.instant();
            BigDecimal value = new BigDecimal(in.string());
            int count = (int) in.varint();
            Map<String, String> dims = count == 0 ? Map.of() : new TreeMap<>();
            for (int i = 0; i < count; i++) {
                dims.put(in.string(), in.string());
            }
            Instant ingestedAt = in.varint() == 0 ? null : in.instant();
            if (in.position != bytes.length) {
                throw new IllegalArgumentException((bytes.length - in.position) + " bytes left over");
            }
            return new RawUsageEvent(RawUsageEvent.SCHEMA_VERSION, id, meter, customer, asset, source, timestamp, value,
                    dims, ingestedAt);
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("A malformed binary raw usage event: " + e.getMessage(), e);
        }
    }

    private static final class Writer {
        byte[] buffer = new byte[160];
        int size;

        void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void varint(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            buffer[size++] = (byte) value;
        }

        void string(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length + 1L);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buffer, size, utf8.length);
            size += utf8.length;
        }

        void instant(Instant t) {
            long seconds = t.getEpochSecond();
            varint((seconds << 1) ^ (seconds >> 63));
            varint(t.getNano());
        }
    }

    private static final class Reader {
        final byte[] bytes;
        int position = 1;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("A varint longer than 64 bits");
        }

        String string() {
            long length = varint() - 1;
            if (length < 0) {
                return null;
            }
            if (length > bytes.length - position) {
                throw new IllegalArgumentException("A string longer than the record");
            }
            String s = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
            position += (int) length;
            return s;
        }

        Instant instant() {
            long zigzag = varint();
            return Instant.ofEpochSecond((zigzag >>> 1) ^ -(zigzag & 1), varint());
        }
    }
}
