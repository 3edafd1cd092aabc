// Ingest speed (docs/ingest.md, "Speed"):
//   ingest_bench NODES_CSV [DB]
// 1. builds the name index from the `name` column of a kggen nodes.csv and
//    links ~20 MB of synthetic news-like text (filler words with a name every
//    ~12 words) on one core, reporting MB/s;
// 2. with DB (a database holding the same graph), builds the index from the
//    store and analyses a 1,000-word article beside it, reporting ms.
// Build: cmake --build BUILD --target ingest_bench
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::vector<std::string> ReadNames(const char* path) {
  std::ifstream in(path);
  std::vector<std::string> names;
  std::string line;
  std::getline(in, line);  // header id:ID,:LABEL,name,...
  while (std::getline(in, line)) {
    size_t a = line.find(',');
    size_t b = line.find(',', a + 1);
    size_t c = line.find(',', b + 1);
    if (b != std::string::npos) names.push_back(line.substr(b + 1, c - b - 1));
  }
  return names;
}

std::string Article(const std::vector<std::string>& names, size_t words, std::mt19937& rng) {
  static const char* kFill[] = {
      "the",      "company", "said",   "on",      "Tuesday", "that",     "its",
      "new",      "chips",   "will",   "compete", "with",    "products", "from",
      "rivals",   "in",      "China",  "and",     "the",     "United",   "States",
      "analysts", "expect",  "strong", "demand",  "for",     "AI",       "accelerators."};
  std::string out;
  std::uniform_int_distribution<size_t> fill(0, std::size(kFill) - 1), name(0, names.size() - 1);
  for (size_t i = 0; i < words; ++i) {
    out += (i % 12 == 5) ? names[name(rng)] : kFill[fill(rng)];
    out += (i % 40 == 39) ? "\n\n" : " ";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kg;
  if (argc < 2) {
    std::fprintf(stderr, "usage: ingest_bench NODES_CSV [DB]\n");
    return 2;
  }
  std::vector<std::string> names = ReadNames(argv[1]);
  std::vector<std::pair<std::string, EntityId>> pairs;
  for (size_t i = 0; i < names.size(); ++i) pairs.emplace_back(names[i], i + 1);
  auto t0 = std::chrono::steady_clock::now();
  auto index = ingest::NameIndex::FromNames(pairs);
  std::printf("names: %zu, trie nodes: %zu, build %.3f s\n", index->name_count(),
              index->node_count(), Seconds(t0));
  std::mt19937 rng(42);
  std::string text = Article(names, 3'000'000, rng);
  t0 = std::chrono::steady_clock::now();
  size_t found = 0;
  for (int rep = 0; rep < 3; ++rep) found += index->FindMentions(text).size();
  double secs = Seconds(t0) / 3;
  std::printf("linking: %.1f MB of text, %zu mentions, %.3f s per pass = %.1f MB/s\n",
              text.size() / 1e6, found / 3, secs, text.size() / 1e6 / secs);
  if (argc < 3) return 0;
  auto store = storage::Store::Open(argv[2], {});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().message().c_str());
    return 1;
  }
  auto txn = (*store)->BeginRead();
  ingest::NameIndexCache cache;
  t0 = std::chrono::steady_clock::now();
  auto built = cache.Get(*txn);
  if (!built.ok()) return 1;
  std::printf("index from the store: %.3f s (cached afterwards)\n", Seconds(t0));
  std::string article = Article(names, 1000, rng);
  storage::SourceRecord src;
  src.id = "bench.txt";
  src.sha256 = storage::Sha256Hex(article);
  double best = 1e9;
  for (int rep = 0; rep < 5; ++rep) {
    t0 = std::chrono::steady_clock::now();
    auto idx = cache.Get(*txn);
    auto r = ingest::Analyze(*txn, **idx, (*store)->ontology(), src, article, {});
    if (!r.ok()) return 1;
    best = std::min(best, Seconds(t0));
  }
  std::printf("1,000-word article analysed in %.1f ms (best of 5, index cached)\n", best * 1e3);
  return 0;
}
