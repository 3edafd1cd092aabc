// End-to-end tests of `kg render` and `kg ego`: the built kg binary run on a
// temporary database seeded through the storage API; the diagrams are read
// back (SVG with libxml2, DOT as text) and exit codes and messages checked.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/cli/cli_test_util.h"
#include "tests/viz/svg_reader.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;
using viz::testing::ParseSvg;
using viz::testing::SvgDocument;

using testing::Output;
using testing::Quote;
using testing::Slurp;

bool HasText(const SvgDocument& svg, const std::string& text) {
  std::vector<std::string> texts = svg.Texts();
  return std::find(texts.begin(), texts.end(), text) != texts.end();
}

class VizCliTest : public testing::KgDbTest {
 protected:
  void SetUp() override {
    KgDbTest::SetUp();
    Seed();
  }

  // NVIDIA competes with Huawei (both directions recorded) and AMD, partners
  // with Xiaomi; Jensen Huang leads NVIDIA and praises Huawei and Xiaomi
  // (based in China) and criticizes the US export ban (valid until 2025-07-14).
  void Seed() {
    auto store = storage::Store::Open(db_, {}).value();
    auto t = store->BeginWrite().value();
    auto entity = [&](const char* kind, const char* name, ValueList aliases = {}) {
      PropertyMap p = {{"name", Value(name)}};
      if (!aliases.empty()) p["aliases"] = Value(aliases);
      return t->CreateEntity({kind}, p).value();
    };
    nvidia_ = entity("Company", "NVIDIA", {"NVDA", "英伟达"});
    huawei_ = entity("Company", "Huawei", {"华为"});
    amd_ = entity("Company", "AMD");
    xiaomi_ = entity("Company", "Xiaomi <小米> & \"Co\"");
    huang_ = entity("Person", "Jensen Huang");
    china_ = entity("Country", "China");
    ban_ = entity("Event", "H20 export ban");
    auto rel = [&](const char* type, EntityId a, EntityId b, PropertyMap p = {}) {
      return t->CreateRelation(type, a, b, p).value();
    };
    rel("COMPETES_WITH", nvidia_, huawei_);
    rel("COMPETES_WITH", huawei_, nvidia_);
    rel("COMPETES_WITH", nvidia_, amd_);
    rel("PARTNERS_WITH", nvidia_, xiaomi_);
    rel("LEADS", huang_, nvidia_);
    rel("PRAISES", huang_, huawei_,
        {{"stance", Value(0.9)},
         {"quote", Value("Huawei is formidable")},
         {"speaker", Value("Jensen Huang")},
         {"source", Value("article-1")},
         {"date", Value(Date::Parse("2025-07-16").value())}});
    rel("PRAISES", huang_, xiaomi_, {{"stance", Value(0.7)}, {"source", Value("article-2")}});
    rel("CRITICIZES", huang_, ban_,
        {{"stance", Value(-0.6)},
         {"valid_from", Value(Date::Parse("2025-04-09").value())},
         {"valid_to", Value(Date::Parse("2025-07-14").value())}});
    rel("BASED_IN", huawei_, china_);
    rel("BASED_IN", xiaomi_, china_);
    ASSERT_TRUE(t->Commit().ok());
  }

  std::string Out(const std::string& name) const { return (dir_ / name).string(); }

  EntityId nvidia_ = 0, huawei_ = 0, amd_ = 0, xiaomi_ = 0, huang_ = 0, china_ = 0, ban_ = 0;
};

TEST_F(VizCliTest, RenderDrawsEndpointsOfReturnedRelationships) {
  std::string out = Out("competes.svg");
  Output o = Kg("render " + Quote("MATCH ()-[r:COMPETES_WITH]->() RETURN r") + " -o " + Quote(out));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("wrote " + out + " (svg, 3 nodes, 2 edges, layout dot)"), std::string::npos)
      << o.out;
  SvgDocument svg = ParseSvg(Slurp(out));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_TRUE(HasText(svg, "NVIDIA"));
  EXPECT_TRUE(HasText(svg, "Huawei"));
  EXPECT_TRUE(HasText(svg, "AMD"));
  EXPECT_EQ(svg.Find("n" + std::to_string(nvidia_), "polygon"), nullptr)
      << "a rounded Company box is a path";
}

TEST_F(VizCliTest, RenderDrawsNodesInsidePathsAndListsWithStanceColours) {
  std::string out = Out("stance.svg");
  Output o = Kg("render " +
                Quote("MATCH p = (h:Person {name: $who})-[:PRAISES|CRITICIZES]->(x) "
                      "RETURN collect(p) AS paths") +
                " --param who='\"Jensen Huang\"' --title 'Huang & China' --as-of 2025-07-16 -o " +
                Quote(out));
  ASSERT_EQ(o.code, 0) << o.err;
  SvgDocument svg = ParseSvg(Slurp(out));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_TRUE(HasText(svg, "Huang & China"));
  EXPECT_TRUE(HasText(svg, "Xiaomi <小米> & \"Co\""));
  EXPECT_TRUE(HasText(svg, "H20 export ban"));
  EXPECT_TRUE(HasText(svg, "not valid on 2025-07-16"));
  EXPECT_TRUE(
      HasText(svg, "Source: article-1; article-2 \u00B7 2025-07-16 \u00B7 as of 2025-07-16"));
  int positive = 0, negative = 0, dashed = 0;
  for (const auto& e : svg.elements) {
    if (e.name != "path" || e.group_id.empty() || e.group_id[0] != 'r') continue;
    positive += e.attributes.at("stroke") == "#009e73";
    negative += e.attributes.at("stroke") == "#d55e00";
    dashed += e.attributes.count("stroke-dasharray") ? 1 : 0;
  }
  EXPECT_EQ(positive, 2);
  EXPECT_EQ(negative, 1);
  EXPECT_EQ(dashed, 1) << "the criticism is outside its validity on 2025-07-16";
}

TEST_F(VizCliTest, RenderMergesSymmetricTypesFromTheOntology) {
  std::string out = Out("c.dot");
  Output o = Kg("render " + Quote("MATCH (a)-[r:COMPETES_WITH]-(b) RETURN a, r, b") +
                " --no-legend -o " + Quote(out));
  ASSERT_EQ(o.code, 0) << o.err;
  std::string dot = Slurp(out);
  EXPECT_NE(dot.find("digraph kg {"), std::string::npos) << dot;
  size_t edges = 0;
  for (size_t i = dot.find(" -> "); i != std::string::npos; i = dot.find(" -> ", i + 1)) ++edges;
  EXPECT_EQ(edges, 2u) << "NVIDIA-Huawei in both directions is one edge\n" << dot;
  EXPECT_NE(dot.find("dir=none"), std::string::npos);
  EXPECT_EQ(dot.find("legend"), std::string::npos);
}

TEST_F(VizCliTest, EveryFormatIsWrittenByExtensionOrFlag) {
  ASSERT_EQ(Kg("render 'MATCH (n) RETURN n' -o " + Quote(Out("a.png"))).code, 0);
  EXPECT_EQ(Slurp(Out("a.png")).substr(0, 4), "\x89PNG");
  ASSERT_EQ(Kg("render 'MATCH (n) RETURN n' -o " + Quote(Out("a.pdf")) + " --layout neato").code,
            0);
  EXPECT_EQ(Slurp(Out("a.pdf")).substr(0, 5), "%PDF-");
  Output o = Kg("render 'MATCH (n) RETURN n' --format svg --layout circo --rankdir TB -o " +
                Quote(Out("noext")));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(ParseSvg(Slurp(Out("noext"))).well_formed);
  // The explorer's canvas drawing (the kg executable loads Graphviz lazily:
  // its renderer is registered there too).
  ASSERT_EQ(Kg("render 'MATCH (n) RETURN n' -o " + Quote(Out("a.canvas"))).code, 0);
  EXPECT_EQ(Slurp(Out("a.canvas")).rfind("{\"format\":\"kg-canvas 1\",", 0), 0u);
}

TEST_F(VizCliTest, EmptyResultIsAnErrorAndWritesNoFile) {
  std::string out = Out("empty.svg");
  Output o =
      Kg("render " + Quote("MATCH (n:Company {name: 'Nobody'}) RETURN n") + " -o " + Quote(out));
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.err.find("nothing to draw"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(out));
  Output props = Kg("render " + Quote("MATCH (n:Company) RETURN n.name") + " -o " + Quote(out));
  EXPECT_EQ(props.code, 1);
  EXPECT_NE(props.err.find("not only their properties"), std::string::npos) << props.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(VizCliTest, UnwritableOutputIsAnIOErrorAndLeavesNothing) {
  std::string out = Out("missing-dir/x.svg");
  Output o = Kg("render 'MATCH (n) RETURN n' -o " + Quote(out));
  EXPECT_EQ(o.code, 3);
  EXPECT_NE(o.err.find("cannot write '" + out + "'"), std::string::npos) << o.err;
  fs::create_directory(dir_ / "taken");
  Output d = Kg("render 'MATCH (n) RETURN n' -o " + Quote(Out("taken")) + " --format svg");
  EXPECT_EQ(d.code, 3) << d.err;
  EXPECT_TRUE(fs::is_empty(dir_ / "taken"));
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().filename().string().find(".kg-tmp-"), std::string::npos);
  }
}

TEST_F(VizCliTest, OutputToStdoutKeepsTheDrawingClean) {
  // -o /dev/stdout into a pipe: the pipe gets exactly the SVG and the
  // "wrote" line goes to stderr.
  fs::path piped = dir_ / "piped.svg", err = dir_ / "piped.err";
  std::string cmd = std::string(KG_BINARY_DIR "/cli/kg") + " --db " + Quote(db_) +
                    " render 'MATCH (n:Company) RETURN n' -o /dev/stdout --format svg 2> " +
                    Quote(err.string()) + " < /dev/null | cat > " + Quote(piped.string());
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::string svg = Slurp(piped);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u) << svg.substr(0, 200);
  EXPECT_TRUE(ParseSvg(svg).well_formed);
  EXPECT_NE(Slurp(err).find("wrote /dev/stdout (svg, 4 nodes"), std::string::npos) << Slurp(err);
}

TEST_F(VizCliTest, RenderRefusesWriteQueries) {
  std::string out = Out("x.svg");
  Output o = Kg("render " + Quote("CREATE (n:Company {name: 'X'}) RETURN n") + " -o " + Quote(out));
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.err.find("render runs queries read-only; use kg query to change data"),
            std::string::npos)
      << o.err;
  EXPECT_FALSE(fs::exists(out));
  Output merge = Kg("render " + Quote("MATCH (n:Company {name: 'AMD'}) SET n.x = 1 RETURN n") +
                    " -o " + Quote(out));
  EXPECT_EQ(merge.code, 1);
  EXPECT_NE(merge.err.find("read-only"), std::string::npos) << merge.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(VizCliTest, RenderWithoutTitleNamesWhatIsDrawn) {
  std::string out = Out("untitled.svg");
  Output o = Kg("render " + Quote("MATCH ()-[r:COMPETES_WITH]->() RETURN r") + " -o " + Quote(out));
  ASSERT_EQ(o.code, 0) << o.err;
  SvgDocument svg = ParseSvg(Slurp(out));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_TRUE(HasText(svg, "3 entities linked by COMPETES_WITH"));
}

TEST_F(VizCliTest, BadOptionsAreUsageErrors) {
  Output ext = Kg("render 'MATCH (n) RETURN n' -o " + Quote(Out("a.jpeg")));
  EXPECT_EQ(ext.code, 2);
  EXPECT_NE(ext.err.find("--format"), std::string::npos) << ext.err;
  EXPECT_EQ(Kg("render 'MATCH (n) RETURN n' --layout osage -o " + Quote(Out("a.svg"))).code, 2);
  EXPECT_EQ(Kg("render 'MATCH (n) RETURN n' --as-of 2025-13-01 -o " + Quote(Out("a.svg"))).code, 2);
  EXPECT_EQ(Kg("render 'MATCH (n) RETURN n'").code, 2) << "-o is required";
  Output syntax = Kg("render 'MATCH (n RETURN n' -o " + Quote(Out("a.svg")));
  EXPECT_EQ(syntax.code, 1);
  EXPECT_FALSE(fs::exists(Out("a.svg")));
}

TEST_F(VizCliTest, SizeByScalesNodesByAComputedScore) {
  std::string out = Out("ranked.dot");
  Output o = Kg("render " + Quote("MATCH ()-[r:COMPETES_WITH]->() RETURN r") +
                " --size-by pagerank -o " + Quote(out));
  ASSERT_EQ(o.code, 0) << o.err;
  ASSERT_TRUE(fs::exists(out));
  std::string dot = Slurp(out);
  EXPECT_NE(dot.find("pagerank: "), std::string::npos) << "tooltips quote the score";
  EXPECT_NE(dot.find("size: pagerank"), std::string::npos) << "the legend names it";

  Output ego = Kg("ego nvda --size-by degree -o " + Quote(Out("ego.svg")));
  ASSERT_EQ(ego.code, 0) << ego.err;
  SvgDocument svg = ParseSvg(Slurp(Out("ego.svg")));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_TRUE(HasText(svg, "size: degree"));
}

TEST_F(VizCliTest, SizeByRefusesUnknownAlgorithms) {
  for (const char* algo : {"closeness", "communities"}) {
    Output o = Kg("render 'MATCH (n) RETURN n' --size-by " + std::string(algo) + " -o " +
                  Quote(Out("a.svg")));
    EXPECT_EQ(o.code, 2) << algo;
    EXPECT_NE(o.err.find("--size-by"), std::string::npos) << o.err;
    EXPECT_FALSE(fs::exists(Out("a.svg")));
  }
  EXPECT_EQ(Kg("ego nvda --size-by bogus -o " + Quote(Out("b.svg"))).code, 2);
  EXPECT_FALSE(fs::exists(Out("b.svg")));
}

TEST_F(VizCliTest, EgoDrawsTheNeighbourhoodFoundByAlias) {
  std::string out = Out("ego.svg");
  Output o = Kg("ego nvda --types COMPETES_WITH,PARTNERS_WITH -o " + Quote(out));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("(svg, 4 nodes, 3 edges, layout twopi)"), std::string::npos) << o.out;
  SvgDocument svg = ParseSvg(Slurp(out));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_TRUE(HasText(svg, "nvda: neighbourhood (COMPETES_WITH,PARTNERS_WITH)"));
  EXPECT_TRUE(HasText(svg, "AMD"));
  EXPECT_FALSE(HasText(svg, "Jensen Huang")) << "LEADS is not among --types";

  Output deep = Kg("ego Huawei --depth 2 --no-legend -o " + Quote(Out("deep.dot")));
  ASSERT_EQ(deep.code, 0) << deep.err;
  EXPECT_NE(deep.out.find("7 nodes"), std::string::npos) << deep.out;
}

TEST_F(VizCliTest, EgoTypesMatchInAnyCase) {
  std::string out = Out("ego-case.svg");
  Output o = Kg("ego nvda --types competes_with,Partners_With -o " + Quote(out));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("(svg, 4 nodes, 3 edges, layout twopi)"), std::string::npos) << o.out;
  SvgDocument svg = ParseSvg(Slurp(out));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_TRUE(HasText(svg, "nvda: neighbourhood (COMPETES_WITH,PARTNERS_WITH)"));
  EXPECT_TRUE(HasText(svg, "Xiaomi <小米> & \"Co\""));
}

TEST_F(VizCliTest, EgoCapKeepsTheBestConnectedAndSaysSo) {
  Output o = Kg("ego 'Jensen Huang' --max-nodes 3 -o " + Quote(Out("cap.dot")));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("3 nodes"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("left out 2 neighbours"), std::string::npos) << o.out;
  std::string dot = Slurp(Out("cap.dot"));
  // One quote each to Jensen Huang (no confidences): the lowest ids, NVIDIA
  // and Huawei, beat Xiaomi and the ban.
  EXPECT_NE(dot.find("label=NVIDIA"), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=Huawei"), std::string::npos) << dot;
  EXPECT_EQ(dot.find("export ban"), std::string::npos) << dot;
}

TEST_F(VizCliTest, EgoRejectsUnknownNamesAndTypes) {
  Output name = Kg("ego Nobody -o " + Quote(Out("x.svg")));
  EXPECT_EQ(name.code, 1);
  EXPECT_NE(name.err.find("no entity is named or aliased 'Nobody'"), std::string::npos) << name.err;
  Output type = Kg("ego NVIDIA --types competes_with,COMPETES -o " + Quote(Out("x.svg")));
  EXPECT_EQ(type.code, 2);
  EXPECT_NE(type.err.find("unknown relation type 'COMPETES'"), std::string::npos) << type.err;
  EXPECT_EQ(Kg("ego NVIDIA --depth -1 -o " + Quote(Out("x.svg"))).code, 2);
  EXPECT_FALSE(fs::exists(Out("x.svg")));
}

// A machine whose Graphviz libraries cannot be loaded (here: the library
// file hidden behind an empty one, in a mount namespace of its own) still
// answers queries, and a drawing fails with a clear error that names the
// library and writes no file. Only the statically linked kg loads Graphviz
// on first use; one linked against it would not start at all, so the case
// exists only in builds of that kg (KG_STATIC_DEPS: the plain build, not the
// sanitizer build, where a skipped case would fail the run).
#if KG_LAZY_GRAPHVIZ
TEST_F(VizCliTest, WithoutGraphvizQueriesWorkAndDrawingsSayWhy) {
  const std::string out = Out("hidden.svg");
  const std::string kg = std::string(KG_BINARY_DIR "/cli/kg") + " --db " + Quote(db_);
  const std::string script = "mount --bind /dev/null " + Quote(KG_GVC_FILE) + " || exit 99; " + kg +
                             " query " + Quote("MATCH (n {name: 'NVIDIA'}) RETURN n.name") +
                             " && echo query-ok; " + kg + " render " + Quote("MATCH (n) RETURN n") +
                             " -o " + Quote(out) + "; echo render=$?";
  const fs::path log = dir_ / "nogv.log";
  int status = std::system(
      ("unshare --mount sh -c " + Quote(script) + " > " + Quote(log.string()) + " 2>&1").c_str());
  const std::string text = Slurp(log);
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 99 || text.find("unshare:") == 0)
    GTEST_SKIP() << "cannot hide a library in a mount namespace here (needs root with "
                    "CAP_SYS_ADMIN): "
                 << text;
  EXPECT_NE(text.find("NVIDIA"), std::string::npos) << text;
  EXPECT_NE(text.find("query-ok"), std::string::npos) << text;
  EXPECT_NE(text.find("cannot load Graphviz"), std::string::npos) << text;
  EXPECT_NE(text.find("libgvc"), std::string::npos) << text;
  EXPECT_EQ(text.find("render=0"), std::string::npos) << text;
  EXPECT_NE(text.find("render="), std::string::npos) << text;
  EXPECT_FALSE(fs::exists(out));
}
#endif  // KG_LAZY_GRAPHVIZ

}  // namespace
}  // namespace kg::cli
