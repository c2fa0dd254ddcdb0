package dev.gantry.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code clients} threads sending requests back to back (each waits for its answer before sending
 * the next), until {@code total} have been sent or the time limit is reached: a closed-loop load
 * like that of a fleet of CI clients. Every request's time is recorded, successful or not.
 */
final class LoadGenerator {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final int clients;
  private final Duration timeLimit;

  LoadGenerator(int clients, Duration timeLimit) {
    this.clients = clients;
    this.timeLimit = timeLimit;
  }

  /** Sends {@code total} requests, the i-th made by {@code request}. */
  LoadResult run(int total, IntFunction<HttpRequest> request) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Latencies latencies = new Latencies();
    long deadline = System.nanoTime() + timeLimit.toNanos();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Thread thread = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < total && System.nanoTime() < deadline; i = next.getAndIncrement()) {
          HttpRequest req = request.apply(i);
          long sent = System.nanoTime();
          try {
            int status = http.send(req, BodyHandlers.discarding()).statusCode();
            latencies.add(System.nanoTime() - sent);
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
          } catch (IOException e) {
            latencies.add(System.nanoTime() - sent);
            failures.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }, "bench-client-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<Integer, Integer> counted = new TreeMap<>();
    statuses.forEach((status, n) -> counted.put(status, n.get()));
    return new LoadResult(latencies.count(), seconds, latencies, counted, failures.get());
  }
}
