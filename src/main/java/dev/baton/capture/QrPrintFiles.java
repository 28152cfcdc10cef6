package dev.baton.capture;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.Ids;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;

/**
 * What the print vendor gets for a campaign's QR codes: the CSV (one row per code with the recipient and the URL
 * to print) and a ZIP of every code as PNG or SVG with that CSV. Shared by the REST API and the UI downloads.
 */
@Component
public class QrPrintFiles {

    public static final int PNG_SIZE = 600;

    private final QrCodes codes;
    private final ContactDirectory contacts;

    QrPrintFiles(QrCodes codes, ContactDirectory contacts) {
        this.codes = codes;
        this.contacts = contacts;
    }

    /** The URL printed in a code: {@code <base>/q/<token>}. */
    public static String url(String base, QrCode code) {
        return base + "/q/" + code.token();
    }

    /** contact_id, name, email, company, country, code_url; the campaign's single codes first. */
    public String csv(long campaignId, String base) {
        return csv(codes.list(campaignId), base);
    }

    /** Every code as {@code <contact id or 'campaign'>-<token>.<format>}, plus qr-codes.csv. */
    public byte[] zip(long campaignId, String base, boolean svg) {
        List<QrCode> all = codes.list(campaignId);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (QrCode c : all) {
                String who = c.contactId() == null ? "campaign" : Ids.format(c.contactId());
                zip.putNextEntry(new ZipEntry(who + "-" + c.token() + (svg ? ".svg" : ".png")));
                zip.write(svg ? QrImages.svg(url(base, c)).getBytes(StandardCharsets.UTF_8)
                        : QrImages.png(url(base, c), PNG_SIZE));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("qr-codes.csv"));
            zip.write(csv(all, base).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private String csv(List<QrCode> all, String base) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            csv.writeRecord("contact_id", "name", "email", "company", "country", "code_url");
            for (QrCode c : all) {
                Contact p = c.contactId() == null ? null : contacts.find(c.contactId()).orElse(null);
                csv.writeRecord(Ids.formatNullable(c.contactId()), p == null ? "" : p.displayName(),
                        p == null || p.email() == null ? "" : p.email(),
                        p == null || p.company() == null ? "" : p.company(),
                        p == null || p.country() == null ? "" : p.country(), url(base, c));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
