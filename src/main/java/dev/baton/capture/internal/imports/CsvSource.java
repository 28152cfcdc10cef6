package dev.baton.capture.internal.imports;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.sanctionco.jmail.JMail;

/**
 * A stored upload and what one streaming pass over it found. Storing computes the fingerprint, checks for binary
 * content and whether the bytes are valid UTF-8 while copying; inspecting parses the whole file once (exact row
 * count, unbalanced quotes) and keeps only the header and the first rows.
 */
final class CsvSource {

    static final int PREVIEW_ROWS = 20;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** What storing found out about the bytes. */
    record Stored(Path path, long size, String fingerprint, boolean validUtf8, boolean hasNul) {
    }

    /** A file-level problem: the job is rejected with this message. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    record Inspection(Charset charset, char delimiter, List<String> headers, List<List<String>> preview,
            long rowCount) {
    }

    private CsvSource() {
    }

    static Stored store(InputStream in, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer pending = ByteBuffer.allocate(64 * 1024 + 8);
        CharBuffer chars = CharBuffer.allocate(64 * 1024 + 8);
        boolean valid = true;
        boolean nul = false;
        long size = 0;
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                sha.update(buf, 0, n);
                size += n;
                for (int i = 0; i < n && !nul; i++) {
                    nul = buf[i] == 0;
                }
                if (valid) {
                    pending.put(buf, 0, n);
                    pending.flip();
                    CoderResult r = utf8.decode(pending, chars, false);
                    valid = !r.isError();
                    chars.clear();
                    pending.compact();
                }
            }
        }
        if (valid) {
            pending.flip();
            valid = !utf8.decode(pending, chars, true).isError() && !utf8.flush(chars).isError();
        }
        return new Stored(target, size, HexFormat.of().formatHex(sha.digest()), valid, nul);
    }

    /** Opens the stored file as characters, past a UTF-8 byte order mark. */
    static InputStream open(Path path, Charset charset) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
        if (charset.equals(StandardCharsets.UTF_8)) {
            in.mark(3);
            byte[] head = in.readNBytes(3);
            if (!java.util.Arrays.equals(head, BOM)) {
                in.reset();
            }
        }
        return in;
    }

    static CsvReader<CsvRecord> reader(Path path, Charset charset, char delimiter) throws IOException {
        return CsvReader.builder().fieldSeparator(delimiter).allowExtraFields(true).allowMissingFields(true)
                .skipEmptyLines(true).allowUnclosedQuote(false).ofCsvRecord(open(path, charset), charset);
    }

    static Inspection inspect(Stored stored, String encoding, String delimiter) throws Rejected {
        if (stored.size() == 0) {
            throw new Rejected("the file is empty");
        }
        if (stored.hasNul()) {
            throw new Rejected("this is not a text file (it contains NUL bytes); save it as CSV in UTF-8");
        }
        Charset charset;
        try {
            charset = encoding == null || encoding.isBlank()
                    ? (stored.validUtf8() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)
                    : Charset.forName(encoding.trim());
        } catch (IllegalArgumentException e) {
            throw new Rejected("unknown encoding '" + encoding + "'");
        }
        char sep;
        try {
            sep = delimiter == null || delimiter.isEmpty() ? detectDelimiter(stored.path(), charset)
                    : parseDelimiter(delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> headers = null;
        List<List<String>> preview = new ArrayList<>();
        long rows = 0;
        try (CsvReader<CsvRecord> reader = reader(stored.path(), charset, sep)) {
            for (CsvRecord rec : reader) {
                if (headers == null) {
                    headers = rec.getFields().stream().map(String::trim).toList();
                    checkHeaders(headers);
                    continue;
                }
                rows++;
                if (preview.size() < PREVIEW_ROWS) {
                    preview.add(List.copyOf(rec.getFields()));
                }
            }
        } catch (CsvParseException e) {
            throw new Rejected("the file cannot be read as CSV after data row " + rows + ": " + reason(e)
                    + " (often an unbalanced quote: a field opened with \" that is never closed)");
        } catch (IOException | UncheckedIOException e) {
            throw new Rejected("the file cannot be read: " + e.getMessage());
        }
        if (headers == null) {
            throw new Rejected("the file is empty");
        }
        if (rows == 0) {
            throw new Rejected("the file has a header row but no data rows");
        }
        return new Inspection(charset, sep, headers, preview, rows);
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? e.getMessage() : t.getMessage();
    }

    static char parseDelimiter(String text) throws Rejected {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "\t", "tab", "\\t" -> '\t';
            default -> throw new Rejected("delimiter must be comma, semicolon or tab");
        };
    }

    static String delimiterName(char c) {
        return switch (c) {
            case ';' -> "semicolon";
            case '\t' -> "tab";
            default -> "comma";
        };
    }

    /** The candidate that occurs most often outside quotes in the header line; comma when none does. */
    static char detectDelimiter(Path path, Charset charset) throws IOException {
        Map<Character, Integer> counts = new HashMap<>();
        try (InputStream in = open(path, charset)) {
            byte[] head = in.readNBytes(64 * 1024);
            String text = new String(head, charset);
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                } else if (!quoted && (c == ',' || c == ';' || c == '\t')) {
                    counts.merge(c, 1, Integer::sum);
                }
            }
        }
        char best = ',';
        int max = 0;
        for (char c : new char[] {',', ';', '\t'}) {
            int n = counts.getOrDefault(c, 0);
            if (n > max) {
                best = c;
                max = n;
            }
        }
        return best;
    }

    private static void checkHeaders(List<String> headers) throws Rejected {
        Map<String, Integer> seen = new HashMap<>();
        int blank = 0;
        for (int i = 0; i < headers.size(); i++) {
            String h = headers.get(i);
            if (h.isEmpty()) {
                blank++;
                continue;
            }
            if (JMail.isValid(h)) {
                throw new Rejected("the first row looks like data, not a header (column " + (i + 1)
                        + " is the email address '" + h + "'); add a header row naming the columns");
            }
            Integer before = seen.put(h.toLowerCase(Locale.ROOT), i + 1);
            if (before != null) {
                throw new Rejected("duplicate column header '" + h + "' (columns " + before + " and " + (i + 1)
                        + "); rename one of them");
            }
        }
        if (blank == headers.size()) {
            throw new Rejected("the file has no header row (the first row is empty)");
        }
    }
}
