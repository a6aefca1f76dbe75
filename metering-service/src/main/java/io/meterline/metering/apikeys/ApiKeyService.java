package io.meterline.metering.apikeys;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * API keys: made, listed, enabled or disabled, revoked; each change audited in its transaction. A change is felt by
 * this replica at once and by the others within the identity provider's cache time.
 */
@ApplicationScoped
public class ApiKeyService {

    static final String TABLE = "api_key";

    @Inject
    ChangeRecorder changes;

    @Inject
    ApiKeyIdentityProvider provider;

    @Inject
    Clock clock;

    /** Every key, oldest first: a deployment has a handful. */
    @WithSession
    public Uni<List<ApiKey>> list() {
        return ApiKeyRecord.<ApiKeyRecord> list("order by createdAt, id")
                .map(keys -> keys.stream().map(ApiKeyRecord::view).toList());
    }

    /** A new key; the answer holds its secret, the one time it is ever seen. */
    @WithTransaction
    public Uni<CreatedApiKey> create(ApiKeyRequest request, Actor actor) {
        request.validate();
        String secret = ApiKeySecrets.newKey();
        ApiKeyRecord key = new ApiKeyRecord();
        key.id = UUID.randomUUID();
        key.name = request.name().trim();
        key.role = request.role();
        key.customer = request.customer();
        key.keyHash = ApiKeySecrets.hash(secret);
        key.keyPrefix = ApiKeySecrets.displayPrefix(secret);
        key.enabled = true;
        key.createdAt = clock.instant();
        return key.<ApiKeyRecord> persistAndFlush()
                .call(saved -> changes.audited(actor, "create", TABLE, saved.id, null, saved.view()))
                .map(saved -> new CreatedApiKey(saved.view(), secret));
    }

    @WithTransaction
    public Uni<ApiKey> setEnabled(UUID id, boolean enabled, Actor actor) {
        return require(id).chain(key -> {
            if (key.revokedAt != null) {
                throw ProblemException.conflict("The key " + id + " is revoked; make a new one.");
            }
            ApiKey old = key.view();
            key.enabled = enabled;
            return key.<ApiKeyRecord> persistAndFlush()
                    .call(saved -> changes.audited(actor, "update", TABLE, id, old, saved.view()))
                    .map(ApiKeyRecord::view).invoke(provider::forget);
        });
    }

    /** For good: a revoked key is never enabled again. Revoking twice keeps the first time. */
    @WithTransaction
    public Uni<Void> revoke(UUID id, Actor actor) {
        return require(id).chain(key -> {
            ApiKey old = key.view();
            key.enabled = false;
            if (key.revokedAt == null) {
                key.revokedAt = clock.instant();
            }
            return key.<ApiKeyRecord> persistAndFlush()
                    .call(saved -> changes.audited(actor, "revoke", TABLE, id, old, saved.view()))
                    .invoke(provider::forget).replaceWithVoid();
        });
    }

    /** The key with this hash, or null: the identity provider's look-up, cached there. */
    @WithSession
    public Uni<ApiKey> findByHash(String hash) {
        return ApiKeyRecord.<ApiKeyRecord> find("keyHash", hash).firstResult()
                .map(key -> key == null ? null : key.view());
    }

    /**
     * Records when keys were last used. A bulk update: it leaves the version alone, so it never makes an admin's
     * change conflict, and it never moves a key's time backwards.
     */
    @WithTransaction
    public Uni<Void> touch(Map<UUID, Instant> lastUsed) {
        return Multi.createFrom().iterable(lastUsed.entrySet())
                .onItem().transformToUniAndConcatenate(e -> ApiKeyRecord.update(
                        "lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?1)", e.getValue(),
                        e.getKey()))
                .collect().last().replaceWithVoid();
    }

    private static Uni<ApiKeyRecord> require(UUID id) {
        return ApiKeyRecord.<ApiKeyRecord> findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No API key " + id + ".");
            }
            return found;
        });
    }
}
