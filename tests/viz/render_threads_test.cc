// Drawings made on several threads at once (as `kg serve`'s workers make
// them) come out exactly as drawings made one at a time: Graphviz 2.42 is
// not thread-safe, so viz serialises every use of it (GraphvizLock,
// viz/internal/graphviz.h). Before that, concurrent renders raced on
// cgraph's and the layout engines' globals.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "tests/viz/sample_graph.h"
#include "viz/render.h"

namespace kg::viz {
namespace {

RenderOptions Options(Format format, Layout layout) {
  RenderOptions o;
  o.format = format;
  o.layout = layout;
  o.symmetric_types = testing::SymmetricTypes();
  o.title = "NVIDIA & friends";
  return o;
}

TEST(RenderThreadsTest, ConcurrentDrawingsEqualDrawingsMadeOneAtATime) {
  const Subgraph g = testing::SampleGraph();
  const std::vector<RenderOptions> jobs = {
      Options(Format::kSvg, Layout::kDot), Options(Format::kSvg, Layout::kNeato),
      Options(Format::kSvg, Layout::kSfdp), Options(Format::kPng, Layout::kFdp)};
  std::vector<std::string> expected;
  for (const RenderOptions& o : jobs) {
    Result<Rendering> r = Render(g, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    expected.push_back(r->data);
  }
  constexpr int kThreads = 4, kRounds = 6;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const RenderOptions& o = jobs[(t + i) % jobs.size()];
        Result<Rendering> r = Render(g, o);
        got[t].push_back(r.ok() ? r->data : "error: " + r.status().ToString());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kRounds; ++i) {
      size_t job = (t + i) % jobs.size();
      EXPECT_EQ(got[t][i], expected[job]) << "thread " << t << ", round " << i << ", job " << job;
    }
  }
}

}  // namespace
}  // namespace kg::viz
