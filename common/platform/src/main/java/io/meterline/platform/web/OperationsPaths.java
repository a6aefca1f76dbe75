package io.meterline.platform.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemTypes;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Keeps {@code /q/*} for the cluster. Behind an ingress the console's host routes every path to the gateway, so its
 * health, metrics and OpenAPI document would answer the internet; with
 * {@code meterline.http.hide-operations-from-proxies} a request a proxy forwarded gets 404 there.
 */
public class OperationsPaths {

    @Inject
    OperationsPathsConfig config;

    void install(@Observes Router router) {
        if (!config.hideOperationsFromProxies()) {
            return;
        }
        // Ahead of the routes Quarkus mounts under /q.
        router.route("/q/*").order(-1000).handler(ctx -> {
            if (forwarded(ctx.request().headers())) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(new JsonObject().put("type", ProblemTypes.NOT_FOUND).put("title", "Not Found")
                                .put("status", 404).put("detail", "No such resource.").encode());
            } else {
                ctx.next();
            }
        });
    }

    /** A proxy names the client it forwards for; a probe or scraper calling the pod does not. */
    static boolean forwarded(MultiMap headers) {
        return headers.contains("Forwarded") || headers.contains("X-Forwarded-For") || headers.contains("X-Real-IP");
    }
}
