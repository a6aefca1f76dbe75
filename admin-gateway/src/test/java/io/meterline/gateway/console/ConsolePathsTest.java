package io.meterline.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsolePathsTest {

    @ParameterizedTest
    @ValueSource(strings = { "/clients", "/clients/3f2b9c1e-8d4a-4c6b-9e1f-2a7d5c8b0e13", "/assets",
            "/settings/api-keys", "/pricing/price-plans/p-1/versions" })
    void aScreensAddressGetsTheConsole(String path) {
        assertThat(ConsolePaths.isScreen(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/api/v1/clients", "/api", "/q/health/ready", "/login", "/logout", "/index.html",
            "/assets/index-Cbl-Pci1.css", "/favicon.svg" })
    void whatTheGatewayServesItselfDoesNot(String path) {
        assertThat(ConsolePaths.isScreen(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/assets/index-BneWaHJk.js", "/assets/echarts-BQODWj_y.js" })
    void hashedFilesAreCachedForAYear(String path) {
        assertThat(ConsolePaths.cacheControl(path)).contains("immutable");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/index.html", "/clients", "/favicon.svg" })
    void thePageIsCheckedAgainEveryTime(String path) {
        assertThat(ConsolePaths.cacheControl(path)).isEqualTo("no-cache");
    }
}
