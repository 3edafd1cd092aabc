// The bundled dataset (data/seed) as an analyst uses it for a report: the
// diagrams of docs/diagrams.md (ego star, H20 story, Huang's stance,
// competitors) checked for what makes them readable, and the exports for
// other tools (GraphML, GEXF validated against their published schemas,
// vendored in tests/viz/xsd; a Cypher script loaded back into kg; --query
// subgraphs).
#include <graphviz/cgraph.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "schema/ontology.h"
#include "storage/store.h"
#include "tests/cli/cli_test_util.h"
#include "tests/viz/svg_reader.h"
#include "tests/viz/xdot_reader.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;
using testing::Output;
using testing::Quote;
using testing::Slurp;

const std::string kSource = KG_SOURCE_DIR;

// The diagrams of docs/diagrams.md (scripts/docs-images draws the same).
struct Diagram {
  std::string name;
  std::string command;  // kg arguments without -o
};

std::vector<Diagram> DocsDiagrams() {
  return {
      {"ego", "ego NVIDIA"},
      {"competitors", "ego NVIDIA --types COMPETES_WITH,PARTNERS_WITH"},
      {"h20", "render " +
                  Quote("MATCH p = (a)-[:RESTRICTS|APPROVES|REVIEWS_APPROVAL]->"
                        "(:Product {name: 'H20'}) RETURN p") +
                  " --valid-at 2025-05-01"},
      {"huang", "render " + Quote("MATCH (h:Person {name: 'Jensen Huang'})-[r:PRAISES|RESPECTS|"
                                  "WELCOMES|CRITICIZES]->(x)-[:BASED_IN]->(:Country {name: "
                                  "'China'}) RETURN h, r, x")},
  };
}

class ReportCliTest : public testing::KgDbTest {
 protected:
  void SetUp() override {
    KgDbTest::SetUp();
    Output o = Kg("import -q --nodes " + Quote(kSource + "/data/seed/entities.csv") + " --edges " +
                  Quote(kSource + "/data/seed/relations.csv"));
    ASSERT_EQ(o.code, 0) << o.err;
  }

  std::string Out(const std::string& name) { return (dir_ / name).string(); }

  // Runs xmllint against a vendored schema; "" when the file is valid.
  std::string Validate(const std::string& file, const std::string& xsd) {
    std::string log = Out("xmllint.log");
    std::string cmd = "xmllint --noout --nonet --schema " +
                      Quote(kSource + "/tests/viz/xsd/" + xsd) + " " + Quote(file) + " > " +
                      Quote(log) + " 2>&1";
    int status = std::system(cmd.c_str());
    return status == 0 ? "" : Slurp(log) + " (status " + std::to_string(status) + ")";
  }
};

// The node names ("n<id>") of a DOT drawing whose label is `label`.
std::string NodeNamed(Agraph_t* g, const std::string& label) {
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    char* l = agget(n, const_cast<char*>("label"));
    if (l != nullptr && label == l) return agnameof(n);
  }
  return "";
}

// The scope options on every command, on the bundled dataset: every
// relation was said on 2025-07-16; 433 of the 628 are at least 0.9 sure.
TEST_F(ReportCliTest, ScopeOptionsChooseTheRelationsOfEveryCommand) {
  const std::string count = Quote("MATCH ()-[r]->() RETURN count(r) AS n");
  EXPECT_EQ(Kg("query --format csv " + count).out, "n\r\n628\r\n");
  EXPECT_EQ(Kg("query --format csv --as-of 2025-05-01 " + count).out, "n\r\n0\r\n")
      << "nothing had been said on 2025-05-01";
  EXPECT_EQ(Kg("query --format csv --known-at 2025-07-16 " + count).out, "n\r\n628\r\n");
  EXPECT_EQ(Kg("query --format csv --min-confidence 0.9 " + count).out, "n\r\n433\r\n");
  EXPECT_EQ(Kg("shell --format csv", ":min-confidence 0.9\n" + std::string("MATCH ()-[r]->() ") +
                                         "RETURN count(r) AS n;\n:min-confidence off\n")
                .out,
            "n\r\n433\r\n");

  Output get = Kg("get NVIDIA --known-at 2025-07-15");
  ASSERT_EQ(get.code, 0) << get.err;
  EXPECT_EQ(get.out.find("->"), std::string::npos) << get.out;
  EXPECT_NE(Kg("get NVIDIA").out.find("->"), std::string::npos);

  Output path = Kg("path Xiaomi Huawei --as-of 2025-05-01");
  ASSERT_EQ(path.code, 0) << path.err;
  EXPECT_NE(path.out.find("no path"), std::string::npos) << path.out;

  Output degree = Kg("analyze degree --format csv --top 1 --known-at 2025-07-15");
  ASSERT_EQ(degree.code, 0) << degree.err;
  EXPECT_NE(degree.out.find(",0\r\n"), std::string::npos) << degree.out;

  Output jsonl = Kg("export --format jsonl --min-confidence 0.9");
  ASSERT_EQ(jsonl.code, 0) << jsonl.err;
  size_t relations = 0;
  for (size_t at = jsonl.out.find("\"_start\":"); at != std::string::npos;
       at = jsonl.out.find("\"_start\":", at + 1))
    ++relations;
  EXPECT_EQ(relations, 433u) << jsonl.out.substr(0, 400);

  Output ego = Kg("ego NVIDIA --known-at 2025-07-15 -o " + Quote(Out("ego.dot")));
  ASSERT_EQ(ego.code, 0) << ego.err;
  EXPECT_NE(ego.out.find("1 nodes, 0 edges"), std::string::npos) << ego.out;
  Output render = Kg("render " + Quote("MATCH p = ()-[:APPROVES]->() RETURN p") +
                     " --as-of 2025-05-01 -o " + Quote(Out("none.svg")));
  EXPECT_EQ(render.code, 1);
  EXPECT_NE(render.err.find("nothing to draw"), std::string::npos) << render.err;
  EXPECT_FALSE(fs::exists(Out("none.svg")));

  for (const std::string bad :
       {"query --min-confidence 1.5 'RETURN 1'", "get NVIDIA --known-at 2025-13-01",
        "analyze degree --as-of x", "export --format jsonl --valid-at 2025-02-30"}) {
    Output o = Kg(bad);
    EXPECT_EQ(o.code, 2) << bad;
    EXPECT_NE(o.err.find("--"), std::string::npos) << bad << ": " << o.err;
  }
}

TEST_F(ReportCliTest, EgoIsAStarOfTheCentresOwnRelations) {
  Output o = Kg("ego NVIDIA -o " + Quote(Out("ego.dot")));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("layout twopi"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("left out"), std::string::npos) << "NVIDIA has more than 24 neighbours";
  std::string dot = Slurp(Out("ego.dot"));
  Agraph_t* g = agmemread(dot.c_str());
  ASSERT_NE(g, nullptr);
  std::string centre = NodeNamed(g, "NVIDIA");
  ASSERT_FALSE(centre.empty());
  EXPECT_STREQ(agget(g, const_cast<char*>("root")), centre.c_str());
  int nodes = 0, edges = 0, merged = 0;
  std::set<std::string> seen_pairs;
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    if (std::string(agnameof(n)) != "legend") ++nodes;
    for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e)) {
      ++edges;
      std::string tail = agnameof(agtail(e)), head = agnameof(aghead(e));
      EXPECT_TRUE(tail == centre || head == centre) << tail << " -> " << head;
      std::string label = agget(e, const_cast<char*>("label"));
      merged += label.find("\u00D7") != std::string::npos;
      std::string type = label.substr(0, label.find(' '));
      EXPECT_TRUE(seen_pairs.insert(tail + head + type).second)
          << "parallel relations of one type are one edge: " << tail << head << type;
    }
  }
  agclose(g);
  EXPECT_EQ(nodes, 25) << "--max-nodes 25 by default, the centre included";
  EXPECT_GT(merged, 0) << "merged edges say how many relations they stand for";

  Output cross = Kg("ego NVIDIA --cross-edges -o " + Quote(Out("cross.dot")));
  ASSERT_EQ(cross.code, 0) << cross.err;
  g = agmemread(Slurp(Out("cross.dot")).c_str());
  ASSERT_NE(g, nullptr);
  centre = NodeNamed(g, "NVIDIA");
  int off_centre = 0;
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e)) {
      off_centre += agnameof(agtail(e)) != centre && agnameof(aghead(e)) != centre;
    }
  }
  agclose(g);
  EXPECT_GT(off_centre, 0) << "--cross-edges draws the relations among the neighbours";
}

TEST_F(ReportCliTest, EgoNotesTheNeighboursLeftOut) {
  Output o = Kg("ego NVIDIA --max-nodes 6 -o " + Quote(Out("few.svg")));
  ASSERT_EQ(o.code, 0) << o.err;
  viz::testing::SvgDocument svg = viz::testing::ParseSvg(Slurp(Out("few.svg")));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  bool note = false;
  for (const std::string& t : svg.Texts()) {
    note = note || t.find("more neighbours with fewer quotes not shown") != std::string::npos;
  }
  EXPECT_TRUE(note);
}

TEST_F(ReportCliTest, SourcesAreNamedByTitleAndPublisher) {
  std::string sources = kSource + "/data/sources/sources.json";
  Output o = Kg("ego NVIDIA --sources " + Quote(sources) + " -o " + Quote(Out("t.svg")));
  ASSERT_EQ(o.code, 0) << o.err;
  viz::testing::SvgDocument svg = viz::testing::ParseSvg(Slurp(Out("t.svg")));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  bool titled = false, file_named = false;
  for (const std::string& t : svg.Texts()) {
    titled = titled || (t.find("15,000-word Transcript") != std::string::npos &&
                        t.find("— Wallstreetcn") != std::string::npos);
    file_named = file_named || t.find("000_4fb6684bd204918f.txt") != std::string::npos;
  }
  EXPECT_TRUE(titled);
  EXPECT_FALSE(file_named);
  Output plain = Kg("ego NVIDIA -o " + Quote(Out("plain.svg")));
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_NE(Slurp(Out("plain.svg")).find("000_4fb6684bd204918f.txt"), std::string::npos)
      << "without records, sources keep their file names";
  Output missing = Kg("ego NVIDIA --sources /nonexistent.json -o " + Quote(Out("m.svg")));
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("--sources: cannot read '/nonexistent.json'"), std::string::npos)
      << missing.err;
  std::ofstream(Out("bad.json")) << "{\"not\": \"a list\"}";
  Output bad = Kg("ego NVIDIA --sources " + Quote(Out("bad.json")) + " -o " + Quote(Out("m.svg")));
  EXPECT_EQ(bad.code, 2);
  EXPECT_FALSE(fs::exists(Out("m.svg")));
}

TEST_F(ReportCliTest, LegendListsEveryColourUsed) {
  for (const Diagram& d : DocsDiagrams()) {
    std::string file = Out(d.name + ".svg");
    Output o = Kg(d.command + " -o " + Quote(file));
    ASSERT_EQ(o.code, 0) << d.name << ": " << o.err;
    viz::testing::SvgDocument svg = viz::testing::ParseSvg(Slurp(file));
    ASSERT_TRUE(svg.well_formed) << svg.error;
    std::set<std::string> legend, used;
    for (const viz::testing::SvgElement& e : svg.elements) {
      if (e.group_id == "legend") {
        for (const char* a : {"fill", "stroke"}) {
          if (e.attributes.contains(a)) legend.insert(e.attributes.at(a));
        }
      } else if (e.group_id.starts_with("r") && e.name == "path") {
        used.insert(e.attributes.at("stroke"));
      }
    }
    ASSERT_FALSE(used.empty()) << d.name;
    for (const std::string& colour : used) {
      EXPECT_TRUE(legend.contains(colour))
          << d.name << ": edge colour " << colour << " is not explained in the legend";
    }
  }
}

TEST_F(ReportCliTest, DocsDiagramLabelsDoNotSitOnOtherEdges) {
  for (const Diagram& d : DocsDiagrams()) {
    std::string file = Out(d.name + ".xdot");
    Output o = Kg(d.command + " -o " + Quote(file));
    ASSERT_EQ(o.code, 0) << d.name << ": " << o.err;
    EXPECT_EQ(o.out.find("edge labels found no spot"), std::string::npos)
        << d.name << ": every label keeps a place: " << o.out;
    std::vector<viz::testing::EdgeGeometry> edges = viz::testing::ReadXdotEdges(Slurp(file));
    ASSERT_FALSE(edges.empty()) << d.name;
    size_t labels = 0;
    for (const auto& e : edges) {
      labels += e.labels.size();
      EXPECT_GT(e.spline.size(), 1u) << d.name << " " << e.key;
    }
    // One label per edge (an edge of several types has a line per type).
    EXPECT_GE(labels, edges.size()) << d.name;
    std::vector<std::string> problems = viz::testing::LabelsOnOtherEdges(edges);
    EXPECT_TRUE(problems.empty()) << d.name << ": " << problems.size() << " overlaps, first: "
                                  << (problems.empty() ? "" : problems.front());
  }
}

TEST_F(ReportCliTest, GraphmlAndGexfValidateAgainstThePublishedSchemas) {
  const std::string h20 = "MATCH p = (a)-[:RESTRICTS|APPROVES]->(:Product {name: 'H20'}) RETURN p";
  for (std::string query : {std::string(), h20}) {
    std::string q = query.empty() ? "" : " --query " + Quote(query);
    ASSERT_EQ(Kg("export --format graphml -o " + Quote(Out("g.graphml")) + q).code, 0);
    EXPECT_EQ(Validate(Out("g.graphml"), "graphml/graphml.xsd"), "") << q;
    ASSERT_EQ(Kg("export --format gexf -o " + Quote(Out("g.gexf")) + q).code, 0);
    EXPECT_EQ(Validate(Out("g.gexf"), "gexf-1.3/gexf.xsd"), "") << q;
  }
  // The check can fail: a GraphML edge without its target is refused.
  std::ofstream(Out("bad.graphml"))
      << "<?xml version=\"1.0\"?><graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
         "<graph edgedefault=\"directed\"><edge source=\"a\"/></graph></graphml>";
  EXPECT_NE(Validate(Out("bad.graphml"), "graphml/graphml.xsd"), "");
}

TEST_F(ReportCliTest, GraphmlShowsNamesListsAndUndirectedSymmetricTypes) {
  ASSERT_EQ(Kg("export --format graphml -o " + Quote(Out("g.graphml"))).code, 0);
  std::string xml = Slurp(Out("g.graphml"));
  EXPECT_NE(xml.find("<key id=\"d0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<data key=\"d0\">NVIDIA</data>"), std::string::npos);
  EXPECT_NE(xml.find(">NVIDIANVDA--;NVDA;NVIDIA Corporation;\u82F1\u4F1F\u8FBE</data>"),
            std::string::npos)
      << "lists as ';'-delimited strings";
  size_t competes = xml.find(">COMPETES_WITH</data>");
  ASSERT_NE(competes, std::string::npos);
  size_t edge = xml.rfind("<edge ", competes);
  EXPECT_NE(xml.substr(edge, competes - edge).find("directed=\"false\""), std::string::npos);
  size_t leads = xml.find(">LEADS</data>");
  edge = xml.rfind("<edge ", leads);
  EXPECT_EQ(xml.substr(edge, leads - edge).find("directed="), std::string::npos);
}

TEST_F(ReportCliTest, GexfCarriesTheValidityIntervalAsTime) {
  ASSERT_EQ(Kg("export --format gexf -o " + Quote(Out("g.gexf"))).code, 0);
  std::string xml = Slurp(Out("g.gexf"));
  EXPECT_NE(xml.find("mode=\"dynamic\" timeformat=\"date\""), std::string::npos);
  EXPECT_NE(xml.find("label=\"NVIDIA\""), std::string::npos);
  EXPECT_NE(xml.find("label=\"RESTRICTS\" kind=\"RESTRICTS\" start=\"2025-04-"), std::string::npos)
      << "the H20 restriction starts in April 2025";
  EXPECT_NE(xml.find("type=\"undirected\""), std::string::npos);
}

TEST_F(ReportCliTest, ExportQueryExportsJustTheSubgraph) {
  const std::string query = "MATCH (h:Person {name: 'Jensen Huang'})-[r:LEADS]->(c) RETURN r";
  Output o = Kg("export --format jsonl --query " + Quote(query));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("\"name\":\"Jensen Huang\""), std::string::npos);
  EXPECT_NE(o.out.find("\"name\":\"NVIDIA\""), std::string::npos) << "endpoints come along";
  EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 4) << "2 nodes, 2 LEADS quotes";
  ASSERT_EQ(Kg("export --format csv -o " + Quote(Out("part")) + " --query " + Quote(query)).code,
            0);
  EXPECT_EQ(Slurp(Out("part/nodes.csv")).find("Huawei"), std::string::npos);

  Output writes = Kg("export --format jsonl --query " + Quote("CREATE (:Company {name: 'X'})"));
  EXPECT_EQ(writes.code, 1);
  EXPECT_NE(writes.err.find("read-only"), std::string::npos) << writes.err;
  Output nothing = Kg("export --format graphml -o " + Quote(Out("none.graphml")) + " --query " +
                      Quote("MATCH (n:Company) RETURN n.name"));
  EXPECT_EQ(nothing.code, 1);
  EXPECT_NE(nothing.err.find("nothing to export"), std::string::npos) << nothing.err;
  Output bad = Kg("export --format gexf --query " + Quote("MATCH (n RETURN n"));
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.out, "") << "no partial output";
}

// A CSV export with its node ids replaced by row positions (0, 1, ...) in
// both files: the graph alone, whatever ids its nodes were imported with.
// The ids must be unquoted (the bundled dataset's are).
std::pair<std::string, std::string> ByPosition(const std::string& nodes, const std::string& rels) {
  std::map<std::string, std::string> position;
  std::istringstream in(nodes);
  std::string line, out_nodes, out_rels;
  std::getline(in, line);
  out_nodes = line + "\n";
  while (std::getline(in, line)) {
    EXPECT_NE(line.front(), '"') << line;
    std::string id = line.substr(0, line.find(','));
    position[id] = std::to_string(position.size());
    out_nodes += position[id] + line.substr(id.size()) + "\n";
  }
  std::istringstream rin(rels);
  std::getline(rin, line);
  out_rels = line + "\n";
  while (std::getline(rin, line)) {
    size_t a = line.find(','), b = line.find(',', a + 1);
    out_rels += position[line.substr(0, a)] + "," + position[line.substr(a + 1, b - a - 1)] +
                line.substr(b) + "\n";
  }
  return {out_nodes, out_rels};
}

TEST_F(ReportCliTest, CypherScriptLoadsBackIntoTheSameGraph) {
  ASSERT_EQ(Kg("export --format cypher -o " + Quote(Out("graph.cypher"))).code, 0);
  ASSERT_EQ(Kg("export --format csv -o " + Quote(Out("before"))).code, 0);
  std::string first_db = db_;
  db_ = Out("copy");
  ASSERT_TRUE(storage::Store::Create(db_, schema::Ontology::Builtin()).ok());
  Output load = Kg("shell", Slurp(Out("graph.cypher")));
  ASSERT_EQ(load.code, 0) << load.err;
  EXPECT_EQ(load.err.find("rror"), std::string::npos) << load.err;
  ASSERT_EQ(Kg("export --format csv -o " + Quote(Out("after"))).code, 0);
  db_ = first_db;
  // The script creates nodes afresh, so they have no imported ids: the
  // graphs are compared with every node numbered by position.
  EXPECT_EQ(ByPosition(Slurp(Out("after/nodes.csv")), Slurp(Out("after/relationships.csv"))),
            ByPosition(Slurp(Out("before/nodes.csv")), Slurp(Out("before/relationships.csv"))));
  EXPECT_NE(Slurp(Out("before/nodes.csv")).find("\nnvidia,Company,"), std::string::npos);
  EXPECT_GT(Slurp(Out("after/relationships.csv")).size(), 1000u);
}

}  // namespace
}  // namespace kg::cli
