package dev.baton.demo.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for the Segment-compatible collector: {@code clients} concurrent senders post
 * {@code /v1/batch} calls of {@code batchSize} page and track events from a pool of anonymous visitors until
 * {@code events} have been acknowledged. Reports acknowledged events per second and call latency percentiles.
 */
public final class CollectorLoad {

    public record Result(long events, double seconds, double eventsPerSecond, double p50Ms, double p99Ms,
            long failedCalls) {
    }

    private CollectorLoad() {
    }

    public static Result run(String baseUrl, String writeKey, long events, int clients, int batchSize, int visitors)
            throws Exception {
        return run(baseUrl, writeKey, events, clients, batchSize, visitors, "");
    }

    /**
     * @param prefix put before visitor and message ids, so that a warm-up round ({@code "w"}) sends other
     *               visitors and messages than the measured one
     */
    public static Result run(String baseUrl, String writeKey, long events, int clients, int batchSize, int visitors,
            String prefix) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        long calls = (events + batchSize - 1) / batchSize;
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        List<List<Long>> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<Long> mine = new ArrayList<>();
                latencies.add(mine);
                int seed = c;
                futures.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(7919L * (seed + 1));
                    for (long call; (call = next.getAndIncrement()) < calls;) {
                        String body = batch(r, batchSize, visitors, call, prefix);
                        long s = System.nanoTime();
                        try {
                            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                                            + "/v1/batch")).header("Content-Type", "application/json")
                                    .header("Authorization", auth).timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (resp.statusCode() == 200) {
                                acknowledged.addAndGet(batchSize);
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                        mine.add(System.nanoTime() - s);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Long> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        all.sort(Long::compare);
        return new Result(acknowledged.get(), seconds, acknowledged.get() / seconds, percentile(all, 0.50),
                percentile(all, 0.99), failed.get());
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    private static String batch(SplittableRandom r, int size, int visitors, long call, String prefix) {
        StringBuilder b = new StringBuilder(size * 220).append("{\"batch\":[");
        for (int i = 0; i < size; i++) {
            int visitor = r.nextInt(visitors);
            if (i > 0) {
                b.append(',');
            }
            if (r.nextInt(4) == 0) {
                b.append("{\"type\":\"page\",\"anonymousId\":\"").append(prefix).append("v-").append(visitor)
                        .append("\",\"messageId\":\"").append(prefix).append("m-").append(call).append('-').append(i)
                        .append("\",\"name\":\"Pricing\",\"context\":{\"page\":{\"url\":\"https://shop.example/p/")
                        .append(r.nextInt(50)).append("\",\"referrer\":\"https://www.google.com/\"},")
                        .append("\"campaign\":{\"source\":\"google\",\"medium\":\"cpc\",\"name\":\"bench-")
                        .append(r.nextInt(5)).append("\"}}}");
            } else {
                b.append("{\"type\":\"track\",\"anonymousId\":\"").append(prefix).append("v-").append(visitor)
                        .append("\",\"event\":\"Product Viewed\",\"messageId\":\"").append(prefix).append("m-")
                        .append(call).append('-')
                        .append(i).append("\",\"properties\":{\"sku\":\"SKU-").append(r.nextInt(1000))
                        .append("\",\"price\":").append(r.nextInt(10_000) / 100.0).append("}}");
            }
        }
        return b.append("]}").toString();
    }
}
