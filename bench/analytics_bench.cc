// Analytics benchmark: times building the graph view and running PageRank
// (20 iterations) and connected components on a kg database (e.g. kggen M),
// median of N runs, and compares the CSR view with a Boost adjacency_list
// built from the same arcs (the measurement behind choosing CSR).
//
//   analytics_bench DB_DIR [--import CSV_DIR] [--runs 3]
// With --import, DB_DIR is created from CSV_DIR/nodes.csv and edges.csv first.
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "analytics/analytics.h"
#include "analytics/internal/pagerank_impl.h"
#include "analytics/internal/view_impl.h"
#include "storage/import.h"

namespace {

using namespace kg;  // NOLINT: a small benchmark program

using AdjList = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

double Millis(const std::function<void()>& fn) {
  auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void Report(const char* what, const std::vector<double>& runs) {
  std::printf("%-44s median %9.1f ms  runs:", what, Median(runs));
  for (double r : runs) std::printf(" %.1f", r);
  std::printf("\n");
}

int Fail(const Status& status) {
  std::fprintf(stderr, "analytics_bench: %s\n", status.ToString().c_str());
  return 1;
}

analytics::GraphView MustBuild(const storage::Store& store) {
  auto txn = store.BeginRead();
  Result<analytics::GraphView> view = analytics::GraphView::Build(*txn, store.ontology(), {});
  if (!view.ok()) {
    Fail(view.status());
    std::exit(1);
  }
  return std::move(view).value();
}

// The view's arcs as an adjacency_list, for the CSR comparison.
AdjList ToAdjacencyList(const analytics::GraphView& view) {
  const analytics::Csr& csr = view.impl().csr();
  AdjList g(boost::num_vertices(csr));
  for (auto e : boost::make_iterator_range(boost::edges(csr)))
    boost::add_edge(boost::source(e, csr), boost::target(e, csr), g);
  return g;
}

void CompareRepresentations(const analytics::GraphView& view, int runs) {
  std::vector<double> csr_build, adj_build, csr_pr, adj_pr;
  const analytics::Csr& csr = view.impl().csr();
  std::vector<std::pair<uint32_t, uint32_t>> arcs;
  for (auto e : boost::make_iterator_range(boost::edges(csr)))
    arcs.emplace_back(boost::source(e, csr), boost::target(e, csr));
  const uint32_t n = static_cast<uint32_t>(boost::num_vertices(csr));
  double sink = 0;
  for (int r = 0; r < runs; ++r) {
    csr_build.push_back(Millis([&] {
      analytics::PlainCsr g(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), n);
      sink += boost::num_edges(g);
    }));
    adj_build.push_back(Millis([&] {
      AdjList g(arcs.begin(), arcs.end(), n);
      sink += boost::num_edges(g);
    }));
  }
  AdjList adj = ToAdjacencyList(view);
  for (int r = 0; r < runs; ++r) {
    csr_pr.push_back(
        Millis([&] { sink += analytics::internal::PowerIteratePageRank(csr, 0.85, 20, 0)[0]; }));
    adj_pr.push_back(
        Millis([&] { sink += analytics::internal::PowerIteratePageRank(adj, 0.85, 20, 0)[0]; }));
  }
  Report("compare: CSR construction from arcs", csr_build);
  Report("compare: adjacency_list construction", adj_build);
  Report("compare: PageRank 20 it. on CSR", csr_pr);
  Report("compare: PageRank 20 it. on adjacency_list", adj_pr);
  if (sink < 0) std::printf("%f\n", sink);  // keeps the work observable
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: analytics_bench DB_DIR [--import CSV_DIR] [--runs N]\n");
    return 2;
  }
  std::string db = argv[1], csv;
  int runs = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--import") == 0) csv = argv[i + 1];
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
  }
  if (!csv.empty()) {
    Status created = storage::Store::Create(db, schema::Ontology::Builtin());
    if (!created.ok()) return Fail(created);
    auto store = storage::Store::Open(db, {});
    if (!store.ok()) return Fail(store.status());
    storage::ImportOptions options{{csv + "/nodes.csv"}, {csv + "/edges.csv"}, nullptr};
    double ms = 0;
    Result<storage::ImportSummary> summary(Status::Internal("not run"));
    ms = Millis([&] { summary = storage::ImportCsv(**store, options); });
    if (!summary.ok()) return Fail(summary.status());
    std::printf("imported %llu entities, %llu relations in %.0f ms\n",
                static_cast<unsigned long long>(summary->entities),
                static_cast<unsigned long long>(summary->relations), ms);
  }
  auto opened = storage::Store::Open(db, {});
  if (!opened.ok()) return Fail(opened.status());
  const storage::Store& store = **opened;

  std::vector<double> scan, build, pagerank, components;
  size_t nodes = 0, arcs = 0, groups = 0;
  for (int r = 0; r < runs; ++r) {
    scan.push_back(Millis([&] {
      auto txn = store.BeginRead();
      uint64_t count = 0;
      Status st = txn->ScanEdges("", [&count](const storage::EdgeTriple&) { return ++count > 0; });
      if (!st.ok()) std::exit(Fail(st));
    }));
    build.push_back(Millis([&] {
      analytics::GraphView view = MustBuild(store);
      nodes = view.num_nodes();
      arcs = view.num_arcs();
    }));
    pagerank.push_back(Millis([&] {
      analytics::GraphView view = MustBuild(store);
      if (!analytics::PageRank(view, {}).ok()) std::exit(1);
    }));
    components.push_back(Millis([&] {
      analytics::GraphView view = MustBuild(store);
      std::vector<int64_t> c = analytics::ConnectedComponents(view);
      groups = c.empty() ? 0 : static_cast<size_t>(*std::max_element(c.begin(), c.end()) + 1);
    }));
  }
  std::printf("graph: %zu nodes, %zu arcs (symmetric relations twice), %zu components\n", nodes,
              arcs, groups);
  Report("store ScanEdges alone (no view)", scan);
  Report("build view (scan store -> CSR)", build);
  Report("PageRank 20 it., incl. building the view", pagerank);
  Report("components, incl. building the view", components);
  CompareRepresentations(MustBuild(store), runs);
  return 0;
}
