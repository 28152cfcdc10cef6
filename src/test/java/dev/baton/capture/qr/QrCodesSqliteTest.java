package dev.baton.capture.qr;

import dev.baton.support.TestEngines;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class QrCodesSqliteTest extends QrCodesContract {

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry r) {
        TestEngines.sqlite(r);
    }
}
