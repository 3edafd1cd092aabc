// HTTP throughput of `kg serve`: N keep-alive clients (cpp-httplib) send the
// W2 1-hop query (bench/kit/README.md) with names from queries.json
// for a fixed time; prints one JSON line with requests/s and latencies.
//   kg_http_bench --port P --queries queries.json --clients 8 --seconds 10
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/json.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr char kQuery[] = "MATCH (a:Company {name: $name})-[:COMPETES_WITH]-(b) RETURN b.name";

struct Args {
  int port = 7474;
  std::string queries;
  int clients = 1;
  double seconds = 10;
};

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port")
      args->port = std::stoi(value);
    else if (flag == "--queries")
      args->queries = value;
    else if (flag == "--clients")
      args->clients = std::stoi(value);
    else if (flag == "--seconds")
      args->seconds = std::stod(value);
    else
      return false;
  }
  return !args->queries.empty() && args->clients > 0 && args->seconds > 0;
}

// The W2 start names, each as a ready request body.
std::vector<std::string> LoadBodies(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = kg::ParseJson(text.str());
  std::vector<std::string> bodies;
  if (!parsed.ok() || !parsed->is_map()) return bodies;
  auto it = parsed->as_map().find("w2_one_hop");
  if (it == parsed->as_map().end() || !it->second.is_list()) return bodies;
  for (const auto& name : it->second.as_list()) {
    std::string body = "{\"query\": ";
    kg::AppendJsonString(kQuery, &body);
    body += ", \"params\": {\"name\": ";
    kg::AppendJsonString(name.as_string(), &body);
    body += "}}";
    bodies.push_back(std::move(body));
  }
  return bodies;
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::cerr << "usage: kg_http_bench --port P --queries queries.json [--clients N] "
                 "[--seconds S]\n";
    return 2;
  }
  std::vector<std::string> bodies = LoadBodies(args.queries);
  if (bodies.empty()) {
    std::cerr << "kg_http_bench: no w2_one_hop names in " << args.queries << "\n";
    return 1;
  }
  std::atomic<long> errors{0};
  std::mutex mu;
  std::vector<double> latencies_ms;
  auto deadline = Clock::now() + std::chrono::duration<double>(args.seconds);
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < args.clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", args.port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      std::vector<double> mine;
      for (size_t i = static_cast<size_t>(c); Clock::now() < deadline; i += args.clients) {
        auto t0 = Clock::now();
        auto res = client.Post("/v1/query", bodies[i % bodies.size()], "application/json");
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!res || res->status != 200) ++errors;
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  size_t n = latencies_ms.size();
  std::printf(
      "{\"clients\": %d, \"requests\": %zu, \"errors\": %ld, \"seconds\": %.2f, "
      "\"rps\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f}\n",
      args.clients, n, errors.load(), elapsed, static_cast<double>(n) / elapsed,
      Percentile(latencies_ms, 0.5), Percentile(latencies_ms, 0.99));
  return errors.load() == 0 ? 0 : 1;
}
