package io.meterline.gateway.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.meterline.gateway.GatewayTest;
import io.quarkus.test.junit.QuarkusTest;

/** The console is served by the gateway: its page at every screen's address, its files with the right caching. */
@QuarkusTest
@GatewayTest
class ConsoleTest {

    @Test
    void everyScreensAddressGetsTheConsolesPage() {
        String home = given().when().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff").extract().asString();
        assertThat(home).contains("<div id=\"root\">");
        // A reload of a screen, or a shared link: the same page, which then shows that screen.
        given().when().get("/clients/3f2b9c1e-8d4a-4c6b-9e1f-2a7d5c8b0e13?tab=buckets").then().statusCode(200)
                .contentType(containsString("text/html")).body(equalTo(home));
    }

    @Test
    void theBuiltScriptsAreCachedForGood() {
        String home = given().when().get("/").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(home);
        assertThat(script.find()).as("the page loads a built script").isTrue();
        given().when().get(script.group(1)).then().statusCode(200)
                .header("Cache-Control", containsString("immutable"));
    }

    @Test
    void theApiAndAMissingFileAreNotTheConsole() {
        given().when().get("/api/v1/no-such-resource").then().statusCode(401);
        given().when().get("/assets/missing.js").then().statusCode(404);
    }
}
