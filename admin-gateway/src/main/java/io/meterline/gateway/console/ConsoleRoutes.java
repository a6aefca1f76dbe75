package io.meterline.gateway.console;

import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * Serves the console, a single-page app built into {@code META-INF/resources}: a screen's address (a reload, a
 * shared link) gets the app's page, which then shows that screen; files get cache headers that suit them.
 */
public class ConsoleRoutes {

    void install(@Observes Router router) {
        // Before Quarkus's static files (which are last), after nothing that matters: order is the route's position.
        router.route().order(-100).handler(ctx -> {
            String path = ctx.normalizedPath();
            HttpMethod method = ctx.request().method();
            boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
            if (read && !path.startsWith("/api/") && !path.startsWith("/q/")) {
                // Replaces the static handler's one-day default: the page must be fetched again after a release.
                ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Cache-Control",
                        ConsolePaths.cacheControl(path)));
            }
            if (read && ConsolePaths.isScreen(path)) {
                ctx.reroute("/index.html");
            } else {
                ctx.next();
            }
        });
    }
}
