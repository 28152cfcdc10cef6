package dev.baton.capture.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.Role;
import dev.baton.web.api.ApiTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The import API over real HTTP: multipart upload, preview, mapping, start, progress, error CSV, presets. */
@TestPropertySource(properties = {"baton.imports.chunk-rows=2", "baton.imports.max-upload-size=1MB"})
abstract class ImportsApiContract extends ApiTestSupport {

    Response upload(String token, byte[] file, String... fields) {
        String boundary = "----baton" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (int i = 0; i + 1 < fields.length; i += 2) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                        + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (file != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\""
                        + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(file);
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            // UTF-8 files only here: the support client sends string bodies
            return call("POST", "/api/v1/imports", token, body.toString(StandardCharsets.UTF_8),
                    "multipart/form-data; boundary=" + boundary);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    JsonNode awaitFinished(String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode job = get("/api/v1/imports/" + id).json();
            String status = job.get("status").asString();
            if (!status.equals("running") && !status.equals("preview")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    @Test
    void uploadMapStartAndDownloadTheErrorReport() throws InterruptedException {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String csv = """
                Email Address;Given Name;Org;Notes
                a.%1$s@example.com;Ann;"Org; One";x
                bad-email;Bob;Org;y
                c.%1$s@example.com;Cy;Org
                d.%1$s@example.com;Di;Org;z
                """.formatted(t);
        Response created = upload(admin(), csv.getBytes(StandardCharsets.UTF_8), "listSource", "Purchased list " + t,
                "provenance", "purchased list");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode job = created.json();
        String id = job.get("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/imports/" + id);
        assertThat(job.get("status").asString()).isEqualTo("preview");
        assertThat(job.get("delimiter").asString()).isEqualTo("semicolon");
        assertThat(job.get("rowCount").asLong()).isEqualTo(4);
        assertThat(job.get("preview").get(0).get(2).asString()).isEqualTo("Org; One");
        assertThat(job.get("mapping").get("columns").get("Email Address").asString()).isEqualTo("email");
        assertThat(job.get("mapping").get("columns").has("Org")).isFalse();
        assertThat(job.get("mapping").get("listSource").asString()).isEqualTo("Purchased list " + t);

        Response bad = put("/api/v1/imports/" + id + "/mapping", """
                {"columns":{"Email Address":"email","Org":"shoeSize"}}""");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.isProblem()).isTrue();
        assertThat(bad.errorFields()).containsExactly("columns");
        Response badPolicy = put("/api/v1/imports/" + id + "/mapping", "{\"policy\":\"sometimes\"}");
        assertThat(badPolicy.status()).isEqualTo(400);
        assertThat(badPolicy.errorFields()).containsExactly("policy");

        Response mapped = put("/api/v1/imports/" + id + "/mapping", """
                {"columns":{"Email Address":"email","Given Name":"firstName","Org":"company"},
                 "matchKey":"email","policy":"create_only"}""");
        assertThat(mapped.status()).as(mapped.toString()).isEqualTo(200);
        assertThat(mapped.json().get("mapping").get("policy").asString()).isEqualTo("create_only");

        Response started = post("/api/v1/imports/" + id + "/start", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode done = awaitFinished(id);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("rowsDone").asLong()).isEqualTo(4);
        assertThat(done.get("created").asLong()).isEqualTo(2);
        assertThat(done.get("errors").asLong()).isEqualTo(2);

        Response contact = get("/api/v1/contacts?q=a." + t);
        assertThat(contact.json().get("data").get(0).get("company").asString()).isEqualTo("Org; One");

        Response report = call("GET", "/api/v1/imports/" + id + "/errors", admin(), null);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/csv");
        assertThat(report.body().lines().toList()).containsExactly("row,column,value,message",
                "2,Email Address,bad-email,not a valid email address",
                "3,,3,\"the row has 3 fields, the header has 4; row not imported\"");

        Response mappingAfterStart = put("/api/v1/imports/" + id + "/mapping", "{\"policy\":\"upsert\"}");
        assertThat(mappingAfterStart.status()).isEqualTo(409);
    }

    @Test
    void rejectedFilesPresetsAndRoles() {
        Response dup = upload(admin(), "Email,email\na@example.com,b@example.com\n".getBytes(StandardCharsets.UTF_8));
        assertThat(dup.status()).isEqualTo(201);
        assertThat(dup.json().get("status").asString()).isEqualTo("rejected");
        assertThat(dup.json().get("message").asString()).contains("duplicate column header");
        Response start = post("/api/v1/imports/" + dup.json().get("id").asString() + "/start", null);
        assertThat(start.status()).isEqualTo(409);
        assertThat(start.isProblem()).isTrue();

        Response noFile = upload(admin(), null, "target", "contacts");
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.errorFields()).containsExactly("file");
        Response badTarget = upload(admin(), "Email\na@example.com\n".getBytes(StandardCharsets.UTF_8),
                "target", "planets");
        assertThat(badTarget.errorFields()).containsExactly("target");

        Response presets = get("/api/v1/import-presets");
        assertThat(presets.status()).isEqualTo(200);
        assertThat(presets.body()).contains("\"salesforce\"", "\"hubspot\"", "\"marketo\"");
        String name = "Badge scanner " + UUID.randomUUID().toString().substring(0, 6);
        Response saved = post("/api/v1/import-presets", """
                {"name":"%s","columns":{"Scan Email":"email","Scan Company":"company"}}""".formatted(name));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        Response withPreset = upload(admin(), "Scan Email,Scan Company\ns@example.com,S\n"
                .getBytes(StandardCharsets.UTF_8), "preset", name);
        assertThat(withPreset.json().get("mapping").get("columns").get("Scan Company").asString()).isEqualTo("company");
        Response badPreset = post("/api/v1/import-presets", "{\"name\":\"x\",\"columns\":{\"A\":\"nope\"}}");
        assertThat(badPreset.status()).isEqualTo(400);
        assertThat(badPreset.errorFields()).containsExactly("columns");

        for (Role role : new Role[] {Role.SALES, Role.VIEWER}) {
            assertThat(call("GET", "/api/v1/import-presets", tokens.get(role), null).status()).isEqualTo(403);
            assertThat(upload(tokens.get(role), "Email\na@example.com\n".getBytes(StandardCharsets.UTF_8)).status())
                    .isEqualTo(403);
        }
        assertThat(upload(tokens.get(Role.MARKETER), "Email\nm@example.com\n".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(201);
        assertThat(upload(ingestToken, "Email\nm@example.com\n".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(403);
        assertThat(get("/api/v1/imports/0000000000000").status()).isEqualTo(404);
    }

    @Test
    void theKindParameterImportsAccountsAndAnUnknownKindIsAProblemNamingKind() throws InterruptedException {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String csv = """
                Company name,Company Domain Name,Number of Employees
                Api Corp %1$s,http://api-%1$s.example.org/,40
                Broken %1$s,api-%1$s-two.example.org,forty
                """.formatted(t);
        Response unknown = upload(admin(), csv.getBytes(StandardCharsets.UTF_8), "kind", "planets");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(unknown.errorFields()).containsExactly("kind");
        Response wrongKey = upload(admin(), csv.getBytes(StandardCharsets.UTF_8), "kind", "accounts",
                "matchKey", "email");
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(wrongKey.errorFields()).containsExactly("matchKey");

        Response created = upload(admin(), csv.getBytes(StandardCharsets.UTF_8), "kind", "accounts",
                "preset", "hubspot companies", "listSource", "HubSpot " + t);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode job = created.json();
        assertThat(job.get("target").asString()).isEqualTo("accounts");
        assertThat(job.get("mapping").get("matchKey").asString()).isEqualTo("domain");
        assertThat(job.get("mapping").get("columns").get("Company Domain Name").asString()).isEqualTo("domain");
        String id = job.get("id").asString();
        assertThat(post("/api/v1/imports/" + id + "/start", null).status()).isEqualTo(202);
        JsonNode done = awaitFinished(id);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(done.get("errors").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/accounts?q=api-" + t).json().get("data").get(0).get("domain").asString())
                .isEqualTo("api-" + t + ".example.org");
        Response report = call("GET", "/api/v1/imports/" + id + "/errors", admin(), null);
        assertThat(report.body()).contains("2,Number of Employees,forty,employees is not a whole number");

        assertThat(get("/api/v1/import-presets?kind=cost-entries").status()).isEqualTo(200);
        assertThat(get("/api/v1/import-presets?kind=accounts").body()).contains("\"salesforce accounts\"",
                "\"hubspot companies\"").doesNotContain("\"marketo\"");
    }

    @Test
    void anUploadAboveTheConfiguredLimitGets413NamingTheLimit() {
        StringBuilder csv = new StringBuilder("Email,First Name\n");
        for (int i = 0; csv.length() < 1_200_000; i++) {
            csv.append("person").append(i).append("@example.com,Person number ").append(i).append('\n');
        }
        Response tooLarge = upload(admin(), csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
        JsonNode problem = tooLarge.json();
        assertThat(problem.get("detail").asString()).contains("1 MB").contains("BATON_IMPORTS_MAX_UPLOAD_SIZE");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("file");

        // a file under the limit passes the same checks
        String small = "Email,First Name\nunder.limit@example.com,Una\n";
        assertThat(upload(admin(), small.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
    }
}
