package dev.baton.capture.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.capture.ContactImports;
import dev.baton.capture.ImportJob;
import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportMapping.MatchKey;
import dev.baton.capture.ImportMapping.Policy;
import dev.baton.capture.ImportPreset;
import dev.baton.capture.ImportTarget;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDraft;
import dev.baton.people.IdentityKind;
import dev.baton.people.LifecycleStage;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Contact CSV imports through {@link ContactImports}, written once and run on each engine (chunks of 4 rows). */
@SpringBootTest(properties = "baton.imports.chunk-rows=4")
@ActiveProfiles("test")
abstract class ContactImportsContract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ContactImports imports;

    @Autowired
    ContactDirectory contacts;

    @Autowired
    ActivityLog log;

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    ImportJob upload(String text) {
        return upload(text.getBytes(StandardCharsets.UTF_8));
    }

    ImportJob upload(byte[] bytes) {
        return imports.upload(ImportTarget.CONTACTS, "contacts.csv", new ByteArrayInputStream(bytes), null, null, null);
    }

    /** The "imported" activities of one job, in log order. */
    List<JsonNode> importedActivities(long jobId, long afterId) {
        List<JsonNode> found = new ArrayList<>();
        for (Activity a : log.readAfter(afterId, 10_000)) {
            if (a.type().equals("imported")) {
                JsonNode props = JSON.readTree(a.props());
                if (props.get("importId").asString().equals(Ids.format(jobId))) {
                    found.add(props);
                }
            }
        }
        return found;
    }

    String errors(long jobId) {
        StringWriter w = new StringWriter();
        imports.writeErrors(jobId, w);
        return w.toString();
    }

    @Test
    void previewSuggestsMappingAndRunImportsWithProvenance() throws IOException {
        String t = tag();
        String csv = """
                E-mail,First Name,Last Name,Company,Job Title,Country,Lead Source,Notes
                ada.%1$s@example.com,Ada,Lovelace,"Analytical Engines, Ltd.",CTO,GB,Webinar,"likes
                engines"
                grace.%1$s@example.com,Grace,Hopper,Navy,Rear Admiral,US,Event,
                alan.%1$s@example.com,Alan,Turing,Bletchley,,GB,,
                """.formatted(t);
        ImportJob job = upload(csv);
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.PREVIEW);
        assertThat(job.encoding()).isEqualTo("UTF-8");
        assertThat(job.delimiter()).isEqualTo("comma");
        assertThat(job.rowCount()).isEqualTo(3);
        assertThat(job.headers()).containsExactly("E-mail", "First Name", "Last Name", "Company", "Job Title",
                "Country", "Lead Source", "Notes");
        assertThat(job.preview()).hasSize(3);
        assertThat(job.preview().get(0).get(3)).isEqualTo("Analytical Engines, Ltd.");
        assertThat(job.preview().get(0).get(7)).isEqualTo("likes\nengines");
        assertThat(job.mapping().columns()).containsEntry("E-mail", "email").containsEntry("First Name", "firstName")
                .containsEntry("Last Name", "lastName").containsEntry("Company", "company")
                .containsEntry("Job Title", "title").containsEntry("Country", "country")
                .containsEntry("Lead Source", "leadSource").doesNotContainKey("Notes");

        imports.configure(job.id(), new ImportMapping(job.mapping().columns(), MatchKey.EMAIL, Policy.UPSERT,
                "Expo 2026 " + t, "trade-show badge scan"));
        long before = log.lastId();
        AtomicInteger chunks = new AtomicInteger();
        ImportJob done = imports.run(job.id(), j -> chunks.incrementAndGet());
        assertThat(done.status()).as(done.message()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(done.rowsDone()).isEqualTo(3);
        assertThat(done.created()).isEqualTo(3);
        assertThat(done.errors()).isZero();
        assertThat(chunks).hasValue(1);

        Contact ada = contacts.findByEmail("ada." + t + "@example.com").orElseThrow();
        assertThat(ada.company()).isEqualTo("Analytical Engines, Ltd.");
        assertThat(ada.title()).isEqualTo("CTO");
        assertThat(ada.leadSource()).isEqualTo("Webinar");
        assertThat(ada.lifecycleStage()).isEqualTo(LifecycleStage.LEAD);
        assertThat(contacts.findByEmail("alan." + t + "@example.com").orElseThrow().title()).isNull();

        List<JsonNode> acts = importedActivities(job.id(), before);
        assertThat(acts).hasSize(3);
        assertThat(acts).extracting(a -> a.get("row").asLong()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(acts.get(0).get("source").asString()).isEqualTo("Expo 2026 " + t);
        assertThat(acts.get(0).get("provenance").asString()).isEqualTo("trade-show badge scan");
        assertThat(errors(job.id())).isEqualTo("row,column,value,message\r\n");
        assertThat(Files.exists(imports.errorReportPath(job.id()))).isTrue();
    }

    @Test
    void policiesAndMatchKeys() {
        String t = tag();
        Contact existing = contacts.create(new ContactDraft("old." + t + "@example.com", "Old", "Timer", null, null,
                null, null, null, null, null, LifecycleStage.MQL, null, null));
        String csv = """
                Email,First Name
                old.%1$s@example.com,Renamed
                new.%1$s@example.com,Newcomer
                """.formatted(t);
        Map<String, String> cols = Map.of("Email", "email", "First Name", "firstName");

        ImportJob createOnly = runWith(csv, cols, MatchKey.EMAIL, Policy.CREATE_ONLY);
        assertThat(createOnly.created()).isEqualTo(1);
        assertThat(createOnly.errors()).isEqualTo(1);
        assertThat(errors(createOnly.id())).contains("1,Email,old." + t + "@example.com,", "policy is create only");
        assertThat(contacts.find(existing.id()).orElseThrow().firstName()).isEqualTo("Old");

        ImportJob skip = runWith(csv + "other." + t + "@example.com,Other\n", cols, MatchKey.EMAIL,
                Policy.SKIP_EXISTING);
        assertThat(skip.skipped()).isEqualTo(2);
        assertThat(skip.created()).isEqualTo(1);
        assertThat(skip.errors()).isZero();
        assertThat(contacts.find(existing.id()).orElseThrow().firstName()).isEqualTo("Old");

        ImportJob updateOnly = runWith(csv + "ghost." + t + "@example.com,Ghost\n", cols, MatchKey.EMAIL,
                Policy.UPDATE_ONLY);
        assertThat(updateOnly.updated()).isEqualTo(2);
        assertThat(updateOnly.errors()).isEqualTo(1);
        assertThat(errors(updateOnly.id())).contains("3,Email,ghost." + t + "@example.com,",
                "policy is update only");
        assertThat(contacts.findByEmail("ghost." + t + "@example.com")).isEmpty();
        Contact renamed = contacts.find(existing.id()).orElseThrow();
        assertThat(renamed.firstName()).isEqualTo("Renamed");
        assertThat(renamed.lifecycleStage()).as("unmapped fields stay").isEqualTo(LifecycleStage.MQL);

        // match by external id (CRM record id), create and update
        String crm = """
                Record ID,First Name,Email
                crm-%1$s-1,Uno,uno.%1$s@example.com
                crm-%1$s-2,Dos,
                """.formatted(t);
        Map<String, String> crmCols = Map.of("Record ID", "externalId", "First Name", "firstName", "Email", "email");
        ImportJob first = runWith(crm, crmCols, MatchKey.EXTERNAL_ID, Policy.UPSERT);
        assertThat(first.created()).isEqualTo(2);
        long dos = contacts.resolve(IdentityKind.EXTERNAL_ID, "crm-" + t + "-2").orElseThrow();
        ImportJob second = runWith(crm.replace("Dos,", "Dos Updated,dos." + t + "@example.com"), crmCols,
                MatchKey.EXTERNAL_ID, Policy.UPSERT);
        assertThat(second.updated()).isEqualTo(2);
        assertThat(second.created()).isZero();
        assertThat(contacts.find(dos).orElseThrow().firstName()).isEqualTo("Dos Updated");
        assertThat(contacts.find(dos).orElseThrow().email()).isEqualTo("dos." + t + "@example.com");

        // a row without its match key is an error, not a silent drop
        ImportJob missingKey = runWith("Record ID,First Name\n,Nobody\n", Map.of("Record ID", "externalId",
                "First Name", "firstName"), MatchKey.EXTERNAL_ID, Policy.UPSERT);
        assertThat(missingKey.errors()).isEqualTo(1);
        assertThat(errors(missingKey.id())).contains("1,Record ID,,externalId is empty");
    }

    ImportJob runWith(String csv, Map<String, String> cols, MatchKey key, Policy policy) {
        ImportJob job = upload(csv);
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.PREVIEW);
        imports.configure(job.id(), new ImportMapping(cols, key, policy, "test", null));
        ImportJob done = imports.run(job.id(), j -> { });
        assertThat(done.status()).as(done.message()).isEqualTo(ImportJob.Status.COMPLETED);
        return done;
    }

    @Test
    void bomLatin1SemicolonAndTabFiles() {
        String t = tag();
        byte[] bom = ("\uFEFFEmail;Vorname;Nachname;Firma\nbom." + t + "@example.com;Jürgen;Groß;\"Müller; Söhne\"\n")
                .getBytes(StandardCharsets.UTF_8);
        ImportJob withBom = upload(bom);
        assertThat(withBom.status()).as(withBom.message()).isEqualTo(ImportJob.Status.PREVIEW);
        assertThat(withBom.encoding()).isEqualTo("UTF-8");
        assertThat(withBom.delimiter()).isEqualTo("semicolon");
        assertThat(withBom.headers().get(0)).isEqualTo("Email");
        assertThat(withBom.mapping().columns()).containsEntry("Email", "email").containsEntry("Vorname", "firstName")
                .containsEntry("Nachname", "lastName").containsEntry("Firma", "company");
        assertThat(imports.run(withBom.id(), j -> { }).created()).isEqualTo(1);
        Contact j = contacts.findByEmail("bom." + t + "@example.com").orElseThrow();
        assertThat(j.firstName()).isEqualTo("Jürgen");
        assertThat(j.lastName()).isEqualTo("Groß");
        assertThat(j.company()).isEqualTo("Müller; Söhne");

        byte[] latin1 = ("Email\tFirst Name\tCity\nlatin." + t + "@example.com\tFrançois\tMálaga\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ImportJob l1 = upload(latin1);
        assertThat(l1.status()).as(l1.message()).isEqualTo(ImportJob.Status.PREVIEW);
        assertThat(l1.encoding()).isEqualTo("ISO-8859-1");
        assertThat(l1.delimiter()).isEqualTo("tab");
        assertThat(l1.preview().get(0)).containsExactly("latin." + t + "@example.com", "François", "Málaga");
        assertThat(imports.run(l1.id(), x -> { }).created()).isEqualTo(1);
        Contact f = contacts.findByEmail("latin." + t + "@example.com").orElseThrow();
        assertThat(f.firstName()).isEqualTo("François");
        assertThat(f.city()).isEqualTo("Málaga");

        // an explicit encoding and delimiter win over detection
        ImportJob explicit = imports.upload(ImportTarget.CONTACTS, "x.csv", new ByteArrayInputStream(
                "Email,Name\na@b.example,x\n".getBytes(StandardCharsets.UTF_8)), "ISO-8859-1", ";", null);
        assertThat(explicit.encoding()).isEqualTo("ISO-8859-1");
        assertThat(explicit.delimiter()).isEqualTo("semicolon");
        assertThat(explicit.headers()).containsExactly("Email,Name");
    }

    @Test
    void rowLevelProblemsGoToTheErrorReportAndNeverStopTheImport() {
        String t = tag();
        String longTitle = "x".repeat(201);
        String csv = """
                Email,First Name,Title,Lifecycle Stage
                good1.%1$s@example.com,Good,,lead
                not-an-email,Bad,,
                ragged.%1$s@example.com,Too,Many,Fields,Here
                short.%1$s@example.com
                long.%1$s@example.com,Long,%2$s,mql
                stage.%1$s@example.com,Stage,,wizard
                good2.%1$s@example.com,Good,,Marketing Qualified Lead
                """.formatted(t, longTitle);
        ImportJob job = upload(csv);
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.PREVIEW);
        ImportJob done = imports.run(job.id(), j -> { });
        assertThat(done.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(done.rowsDone()).isEqualTo(7);
        // long and stage rows are imported without the bad value; bad email and ragged rows are not
        assertThat(done.created()).isEqualTo(4);
        assertThat(done.errors()).isEqualTo(5);
        String report = errors(job.id());
        assertThat(report.lines().toList()).containsExactly(
                "row,column,value,message",
                "2,Email,not-an-email,not a valid email address",
                "3,,5,\"the row has 5 fields, the header has 4; row not imported\"",
                "4,,1,\"the row has 1 fields, the header has 4; row not imported\"",
                "5,Title," + longTitle + ",title is longer than 200 characters",
                "6,Lifecycle Stage,wizard,\"unknown lifecycle stage (use one of [SUBSCRIBER, LEAD, MQL, SQL,"
                        + " OPPORTUNITY, CUSTOMER, EVANGELIST, DISQUALIFIED])\"");
        assertThat(contacts.findByEmail("long." + t + "@example.com").orElseThrow().title()).isNull();
        assertThat(contacts.findByEmail("good2." + t + "@example.com").orElseThrow().lifecycleStage())
                .isEqualTo(LifecycleStage.MQL);
        assertThat(contacts.findByEmail("ragged." + t + "@example.com")).isEmpty();
    }

    @Test
    void fileLevelProblemsRejectTheJobBeforeAnythingIsWritten() {
        long contactsBefore = contacts.total();
        long logBefore = log.lastId();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("the file is empty", new byte[0]);
        files.put("duplicate column header 'email' (columns 1 and 3)",
                "Email,Name,email\na@example.com,A,b@example.com\n".getBytes(StandardCharsets.UTF_8));
        files.put("unbalanced quote", ("Email,Name\nq1@example.com,\"Quote\nq2@example.com,Two\n"
                + "q3@example.com,Three\n").getBytes(StandardCharsets.UTF_8));
        files.put("not a text file", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                'I', 'H', 'D', 'R', 0, 0, 1, 0});
        files.put("looks like data, not a header",
                "x1@example.com,One\nx2@example.com,Two\n".getBytes(StandardCharsets.UTF_8));
        files.put("header row but no data rows", "Email,Name\n".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ImportJob job = upload(f.getValue());
            assertThat(job.status()).as(f.getKey()).isEqualTo(ImportJob.Status.REJECTED);
            assertThat(job.message()).as(f.getKey()).contains(f.getKey());
            assertThatThrownBy(() -> imports.run(job.id(), j -> { })).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("rejected");
            assertThatThrownBy(() -> imports.start(job.id())).isInstanceOf(ConflictException.class);
        }
        assertThat(contacts.total()).isEqualTo(contactsBefore);
        assertThat(log.lastId()).isEqualTo(logBefore);
    }

    @Test
    void reRunningTheSameFileChangesNothing() {
        String t = tag();
        StringBuilder csv = new StringBuilder("Email,First Name,Company\n");
        for (int i = 1; i <= 6; i++) {
            csv.append("same").append(i).append('.').append(t).append("@example.com,Name").append(i).append(",Co\n");
        }
        ImportJob first = upload(csv.toString());
        imports.configure(first.id(), first.mapping());
        assertThat(imports.run(first.id(), j -> { }).created()).isEqualTo(6);
        Contact one = contacts.findByEmail("same1." + t + "@example.com").orElseThrow();
        long total = contacts.total();
        long logAfterFirst = log.lastId();

        ImportJob again = upload(csv.toString());
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        ImportJob done = imports.run(again.id(), j -> { });
        assertThat(done.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(done.message()).contains("already imported", Ids.format(first.id()));
        assertThat(done.created()).isZero();
        assertThat(done.updated()).isZero();
        assertThat(done.skipped()).isEqualTo(6);
        assertThat(contacts.total()).isEqualTo(total);
        assertThat(log.lastId()).as("no activities appended").isEqualTo(logAfterFirst);

        // the same rows under another list source do run, but unchanged contacts are not rewritten
        ImportJob other = upload(csv.toString());
        imports.configure(other.id(), new ImportMapping(other.mapping().columns(), MatchKey.EMAIL, Policy.UPSERT,
                "another list", null));
        ImportJob rerun = imports.run(other.id(), j -> { });
        assertThat(rerun.created()).isZero();
        assertThat(rerun.updated()).isEqualTo(6);
        assertThat(contacts.total()).isEqualTo(total);
        assertThat(contacts.find(one.id()).orElseThrow().updatedAt()).isEqualTo(one.updatedAt());
    }

    @Test
    void aRunThatStopsMidwayResumesAfterTheLastCommittedChunk() {
        String t = tag();
        StringBuilder csv = new StringBuilder("Email,First Name\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("resume").append(i).append('.').append(t).append("@example.com,R").append(i).append('\n');
        }
        csv.insert(csv.indexOf("resume6."), "broken-email,X\n"); // row 6 is an error in the second chunk
        ImportJob job = upload(csv.toString());
        long before = log.lastId();
        long total = contacts.total();
        assertThatThrownBy(() -> imports.run(job.id(), j -> {
            throw new IllegalStateException("simulated crash after chunk 1");
        })).hasMessageContaining("simulated crash");
        ImportJob stopped = imports.find(job.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(stopped.message()).contains("resume");
        assertThat(stopped.rowsDone()).isEqualTo(4);
        assertThat(stopped.created()).isEqualTo(4);
        assertThat(contacts.total()).isEqualTo(total + 4);

        List<Long> progress = new ArrayList<>();
        ImportJob done = imports.run(job.id(), j -> progress.add(j.rowsDone()));
        assertThat(progress).containsExactly(8L, 11L);
        assertThat(done.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(done.rowsDone()).isEqualTo(11);
        assertThat(done.created()).isEqualTo(10);
        assertThat(done.errors()).isEqualTo(1);
        assertThat(contacts.total()).isEqualTo(total + 10);
        List<JsonNode> acts = importedActivities(job.id(), before);
        assertThat(acts).extracting(a -> a.get("row").asLong()).doesNotHaveDuplicates().hasSize(10);
        assertThat(errors(job.id()).lines().filter(l -> l.startsWith("6,")).count()).isEqualTo(1);
    }

    @Test
    void presetsShipForCrmExportsAndCanBeSaved() {
        assertThat(imports.presets(ImportTarget.CONTACTS)).extracting(ImportPreset::name)
                .contains("salesforce", "hubspot", "marketo");
        String t = tag();
        ImportJob hub = upload("""
                Record ID,First Name,Last Name,Email,Company Name,Country/Region,Lifecycle Stage,Original Source
                901%1$s,Hub,Spot,hub.%1$s@example.com,HubCo,DE,Marketing Qualified Lead,Organic Search
                """.formatted(t));
        ImportMapping m = imports.applyPreset(hub.id(), "HubSpot");
        assertThat(m.columns()).containsEntry("Record ID", "externalId").containsEntry("Company Name", "company")
                .containsEntry("Country/Region", "country").containsEntry("Lifecycle Stage", "lifecycleStage")
                .containsEntry("Original Source", "leadSource").containsEntry("Email", "email");
        imports.configure(hub.id(), m);
        assertThat(imports.run(hub.id(), j -> { }).created()).isEqualTo(1);
        Contact c = contacts.findByEmail("hub." + t + "@example.com").orElseThrow();
        assertThat(c.lifecycleStage()).isEqualTo(LifecycleStage.MQL);
        assertThat(contacts.resolve(IdentityKind.EXTERNAL_ID, "901" + t)).contains(c.id());

        imports.savePreset(new ImportPreset("badge scanner " + t, ImportTarget.CONTACTS,
                Map.of("Scan Mail", "email", "Scan Org", "company"), false));
        ImportJob scan = upload("Scan Mail,Scan Org\nscan." + t + "@example.com,Org\n");
        assertThat(scan.mapping().columns()).doesNotContainKey("Scan Mail");
        assertThat(imports.applyPreset(scan.id(), "badge scanner " + t).columns())
                .containsEntry("Scan Mail", "email").containsEntry("Scan Org", "company");
        assertThatThrownBy(() -> imports.savePreset(new ImportPreset("x", ImportTarget.CONTACTS,
                Map.of("A", "shoeSize"), false))).hasMessageContaining("not a contact field");
        assertThatThrownBy(() -> imports.configure(scan.id(), new ImportMapping(Map.of("Nope", "email"),
                MatchKey.EMAIL, Policy.UPSERT, null, null))).hasMessageContaining("no column 'Nope'");
    }

    static Path tempDataDir() {
        try {
            return Files.createTempDirectory("baton-imports-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
