package dev.baton.capture.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.baton.capture.QrImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Every printed code must scan back to its URL, whatever the token looks like. */
class QrImagesTest {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void manyRandomTokensDecodeBackToTheirUrl() throws Exception {
        Random random = new Random(20261123);
        for (int n = 0; n < 300; n++) {
            StringBuilder token = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String url = "http://localhost:8080/q/" + token;
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrImages.png(url, 600)));
            String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                    .getText();
            assertThat(decoded).as("token %s", token).isEqualTo(url);
        }
    }
}
