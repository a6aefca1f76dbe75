package io.meterline.metering.apikeys;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.meterline.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The events an API key may send per second, per replica: a token bucket per key, as many events as
 * {@code meterline.api-keys.ingest-events-per-second} allows with bursts up to {@code ingest-burst}. A batch over the
 * limit is refused whole with 429 and the Retry-After that lets it through; nothing of it is kept. OIDC callers
 * (people, the services' own clients) are not limited.
 */
@ApplicationScoped
public class IngestRateLimiter {

    @Inject
    ApiKeysConfig config;

    @Inject
    MeterRegistry registry;

    private Cache<String, TokenBucket> buckets;

    @PostConstruct
    void createBuckets() {
        // Keys idle for a minute start again with a full bucket, which is where an idle key's bucket would be anyway.
        buckets = Caffeine.newBuilder().maximumSize(config.cacheSize()).expireAfterAccess(Duration.ofMinutes(1))
                .build();
    }

    /** Counts {@code events} against the key, or throws 429 when they are over its limit. */
    public void admit(String keyId, int events) {
        long perSecond = config.ingestEventsPerSecond();
        if (keyId == null || perSecond <= 0 || events == 0) {
            return;
        }
        long now = System.nanoTime();
        TokenBucket bucket = buckets.get(keyId, id -> new TokenBucket(Math.max(config.ingestBurst(), 1), perSecond, now));
        Duration wait = bucket.take(events, now);
        if (!wait.isZero()) {
            registry.counter("meterline.ingest.rate.limited").increment();
            throw ProblemException.tooManyRequests("This API key may send " + perSecond + " events per second (bursts "
                    + "of " + config.ingestBurst() + "); this batch of " + events + " is over it. Send it again after "
                    + "the Retry-After, or ask an admin for a higher limit (meterline.api-keys.ingest-events-per-second).",
                    wait);
        }
    }
}
