package io.meterline.testing;

import java.util.function.Supplier;

/**
 * A value shared by the whole test JVM. Quarkus restarts an application under test in a fresh class loader, where
 * static fields start over; system properties do not, so the servers we start are found again there.
 */
final class JvmWide {

    private JvmWide() {
    }

    static String getOrStart(String property, Supplier<String> start) {
        synchronized (System.getProperties()) {
            String value = System.getProperty(property);
            if (value == null) {
                value = start.get();
                System.setProperty(property, value);
            }
            return value;
        }
    }
}
