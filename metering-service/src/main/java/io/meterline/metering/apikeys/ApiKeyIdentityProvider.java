package io.meterline.metering.apikeys;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns an API key into an identity: role {@code ingest} or {@code read}, and the customer it is scoped to. Keys are
 * looked up by hash and cached for a few seconds, so disabling or revoking one takes effect within seconds. The cache
 * is bounded and holds only keys that exist; a key of the wrong shape is refused without a lookup. When a key was last
 * used is recorded in batches, off the request path.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);

    @Inject
    ApiKeyService keys;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Inject
    ApiKeysConfig config;

    private Cache<String, ApiKey> byHash;
    private final Map<UUID, Instant> lastUsed = new ConcurrentHashMap<>();

    @PostConstruct
    void createCache() {
        byHash = Caffeine.newBuilder().maximumSize(config.cacheSize()).expireAfterWrite(config.cacheFor()).build();
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        Instant now = clock.instant();
        if (!ApiKeySecrets.wellFormed(request.key())) {
            registry.counter("meterline.apikeys.rejected", "reason", "malformed").increment();
            return Uni.createFrom().failure(new AuthenticationFailedException("Invalid API key"));
        }
        String hash = ApiKeySecrets.hash(request.key());
        ApiKey cached = byHash.getIfPresent(hash);
        Uni<ApiKey> key = cached != null ? Uni.createFrom().item(cached) : keys.findByHash(hash).invoke(found -> {
            if (found != null) {
                byHash.put(hash, found);
            }
        });
        return key.map(found -> {
            if (found == null || !found.usable()) {
                registry.counter("meterline.apikeys.rejected", "reason", found == null ? "unknown" : "disabled")
                        .increment();
                LOG.warnf("Rejected an API key starting %s: %s", ApiKeySecrets.displayPrefix(request.key()),
                        found == null ? "no such key" : "disabled or revoked");
                throw new AuthenticationFailedException("Invalid API key");
            }
            lastUsed.put(found.id(), now);
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(found.id().toString()))
                    .addRole(found.role())
                    .addAttribute(ApiKeyIdentity.KEY_ID, found.id().toString())
                    .addAttribute("meterline.authentication", "api_key");
            if (found.customer() != null) {
                identity.addAttribute(ApiKeyIdentity.CUSTOMER_SCOPE, found.customer());
            }
            return identity.build();
        });
    }

    /** Forgets a key's cached state: called when a key is disabled or revoked on this replica. */
    public void forget() {
        byHash.invalidateAll();
    }

    /** How many keys are cached now (for tests of the bound). */
    long cached() {
        byHash.cleanUp();
        return byHash.estimatedSize();
    }

    /** The scheduler, not a Vert.x timer: the write needs the session context the scheduler gives a reactive task. */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flushLastUsed() {
        if (lastUsed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, Instant> batch = new HashMap<>(lastUsed);
        batch.forEach(lastUsed::remove);
        return keys.touch(batch).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Could not record API key use: %s", failure.getMessage());
            return null;
        });
    }
}
