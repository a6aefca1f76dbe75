package io.meterline.metering.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The identities of one sealed ledger epoch as a blocked Bloom filter: "no" means never claimed in that epoch, so a
 * claim may skip the epoch's index; "maybe" means look. Each identity's bits lie in one 512-bit block (a cache line),
 * so asking costs one memory access whatever the number of hash functions. The places within the block are drawn
 * independently (not by double hashing, whose arithmetic progressions overlap too often in 512 bits). Pure; built
 * once, then only read.
 *
 * <p>A blocked filter needs about a sixth more bits than a classic one for the same false-positive rate; the sizing
 * below adds them. The rate measured is in docs/benchmarks.md ("A full dedup ledger").
 */
final class IdentityFilter {

    private static final int BLOCK_BITS = 512;
    private static final int BLOCK_LONGS = BLOCK_BITS / Long.SIZE;
    private static final double LN2 = Math.log(2);
    /** Each bit's place in its block is 9 bits of a mixed word: 7 places per 64-bit word, each drawn independently. */
    private static final int POSITIONS_PER_WORD = 7;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long[] bits;
    private final int blocks;
    private final int hashes;

    private IdentityFilter(long[] bits, int hashes) {
        this.bits = bits;
        this.blocks = bits.length / BLOCK_LONGS;
        this.hashes = hashes;
    }

    /** An empty filter for this many identities, answering "maybe" wrongly for about this share of others. */
    static IdentityFilter sized(long identities, double falsePositiveRate) {
        if (falsePositiveRate <= 0 || falsePositiveRate >= 1) {
            throw new IllegalArgumentException("A false-positive rate is between 0 and 1, not " + falsePositiveRate);
        }
        long n = Math.max(1, identities);
        double classicBits = -n * Math.log(falsePositiveRate) / (LN2 * LN2);
        long blocks = Math.max(1, (long) Math.ceil(classicBits * 1.15 / BLOCK_BITS));
        if (blocks * BLOCK_LONGS > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(identities + " identities are too many for one filter");
        }
        int hashes = (int) Math.max(1, Math.min(16, Math.round(classicBits / n * LN2)));
        return new IdentityFilter(new long[(int) (blocks * BLOCK_LONGS)], hashes);
    }

    /** The 64-bit hash the filter works on: computed once per identity, asked of every epoch's filter. */
    static long hash(String scope, String id) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < scope.length(); i++) {
            h = (h ^ scope.charAt(i)) * 0x100000001B3L;
        }
        h = (h ^ 0xFFFF) * 0x100000001B3L; // not a char a scope ends with: "ab"+"c" and "a"+"bc" differ
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    void add(long hash) {
        long[] pattern = pattern(hash);
        int base = block(hash) * BLOCK_LONGS;
        for (int w = 0; w < BLOCK_LONGS; w++) {
            bits[base + w] |= pattern[w];
        }
    }

    boolean mightContain(long hash) {
        return mightContain(hash, pattern(hash));
    }

    /**
     * Whether the identity may be held, given its {@link #pattern(long)} for this filter's number of hash functions:
     * a claim works the pattern out once and asks every epoch's filter with it, one cache line each.
     */
    boolean mightContain(long hash, long[] pattern) {
        int base = block(hash) * BLOCK_LONGS;
        for (int w = 0; w < BLOCK_LONGS; w++) {
            if ((bits[base + w] & pattern[w]) != pattern[w]) {
                return false;
            }
        }
        return true;
    }

    /** The identity's bits within whichever block it falls in: they depend on its hash and the number of hashes only. */
    long[] pattern(long hash) {
        long[] pattern = new long[BLOCK_LONGS];
        long bitsLeft = 0;
        for (int i = 0; i < hashes; i++) {
            if (i % POSITIONS_PER_WORD == 0) {
                bitsLeft = mix(hash + (i / POSITIONS_PER_WORD + 1) * GOLDEN);
            }
            int bit = (int) (bitsLeft & (BLOCK_BITS - 1));
            bitsLeft >>>= 9;
            pattern[bit >>> 6] |= 1L << bit;
        }
        return pattern;
    }

    /** The number of hash functions: filters with the same number share an identity's {@link #pattern(long)}. */
    int hashes() {
        return hashes;
    }

    /** Bytes in memory (and stored in {@code ledger_epoch.filter}). */
    long sizeBytes() {
        return (long) bits.length * Long.BYTES;
    }

    /** The filter as stored: the number of hash functions, then the bits. */
    byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + bits.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(hashes);
        out.asLongBuffer().put(bits);
        return out.array();
    }

    static IdentityFilter fromBytes(byte[] stored) {
        ByteBuffer in = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        int hashes = in.getInt();
        long[] bits = new long[(stored.length - Integer.BYTES) / Long.BYTES];
        if (bits.length == 0 || bits.length % BLOCK_LONGS != 0 || hashes < 1 || hashes > 16) {
            throw new IllegalArgumentException("Not a stored identity filter (" + stored.length + " bytes)");
        }
        in.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(bits);
        return new IdentityFilter(bits, hashes);
    }

    /** The block from the hash's upper bits, scaled without a division (Lemire's multiply-shift). */
    private int block(long hash) {
        return (int) (((hash >>> 32) * blocks) >>> 32);
    }

    /** MurmurHash3's 64-bit finalizer: every input bit moves every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
