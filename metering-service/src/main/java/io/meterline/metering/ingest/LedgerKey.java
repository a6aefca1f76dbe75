package io.meterline.metering.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The dedup ledger's key for an identity: the first 128 bits of SHA-256 over the scope, a zero byte and the id, in
 * UTF-8. The same as the database's {@code ledger_key(scope, event_id)} (V9), computed here so that the database's
 * cores, the ingest's bottleneck, do not hash. A zero byte cannot occur in either part (PostgreSQL's text refuses it),
 * so the pair is read back unambiguously. {@link #hash} is pure; the ledger asks the bean ({@link #of}), which a test
 * replaces to make two identities share a key, as a real collision (never expected) would.
 */
@ApplicationScoped
class LedgerKey {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    });

    /** The key the ledger claims an identity under. */
    UUID of(String scope, String id) {
        return hash(scope, id);
    }

    static UUID hash(String scope, String id) {
        MessageDigest sha = SHA_256.get();
        sha.update(scope.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        ByteBuffer digest = ByteBuffer.wrap(sha.digest(id.getBytes(StandardCharsets.UTF_8)));
        return new UUID(digest.getLong(), digest.getLong());
    }
}
