// Rendering end to end: every format produced and read back (SVG with
// libxml2, DOT with agmemread, PNG/PDF by magic bytes), determinism, the
// large-graph switch, the hard cap, empty input and unwritable paths.
#include "viz/render.h"

#include <gtest/gtest.h>
#include <gvc.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "tests/viz/sample_graph.h"
#include "tests/viz/svg_reader.h"

namespace kg::viz {
namespace {

using testing::D;
using testing::LargeGraph;
using testing::MakeEntity;
using testing::MakeRelation;
using testing::ParseSvg;
using testing::SampleGraph;
using testing::SvgDocument;
using testing::SymmetricTypes;

namespace fs = std::filesystem;

RenderOptions Options(Format format) {
  RenderOptions o;
  o.format = format;
  o.symmetric_types = SymmetricTypes();
  o.title = "NVIDIA & friends";
  return o;
}

std::string RenderOrDie(const Subgraph& g, const RenderOptions& o) {
  Result<Rendering> r = Render(g, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->data : std::string();
}

bool Contains(const std::vector<std::string>& texts, std::string_view text) {
  return std::find(texts.begin(), texts.end(), text) != texts.end();
}

// A fresh empty directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kg-viz-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  std::vector<std::string> Entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  fs::path path_;
};

struct DotCounts {
  int nodes = -1;
  int edges = -1;
};

DotCounts ReadDotBack(const std::string& dot) {
  DotCounts c;
  Agraph_t* g = agmemread(dot.c_str());
  if (g == nullptr) return c;
  c.nodes = agnnodes(g);
  c.edges = agnedges(g);
  agclose(g);
  return c;
}

TEST(RenderTest, SvgIsWellFormedXmlAndNamesEveryNode) {
  Subgraph g = SampleGraph();
  SvgDocument svg = ParseSvg(RenderOrDie(g, Options(Format::kSvg)));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  for (const Entity& e : g.nodes) {
    EXPECT_TRUE(Contains(svg.TextsIn("n" + std::to_string(e.id)), e.name())) << e.name();
  }
  EXPECT_TRUE(Contains(svg.Texts(), "NVIDIA & friends"));
}

TEST(RenderTest, PngAndPdfHaveTheirMagicBytes) {
  std::string png = RenderOrDie(SampleGraph(), Options(Format::kPng));
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::string pdf = RenderOrDie(SampleGraph(), Options(Format::kPdf));
  ASSERT_GT(pdf.size(), 5u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
}

TEST(RenderTest, DotReadsBackWithTheSameNodeAndEdgeCounts) {
  Subgraph g = SampleGraph();
  RenderOptions o = Options(Format::kDot);
  o.legend = false;
  Result<Rendering> r = Render(g, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  DotCounts c = ReadDotBack(r->data);
  EXPECT_EQ(c.nodes, 10);
  EXPECT_EQ(c.edges, 12);  // 14 relations, two symmetric duplicates merged
  EXPECT_EQ(r->nodes, 10u);
  EXPECT_EQ(r->edges, 12u);

  o.legend = true;
  c = ReadDotBack(RenderOrDie(g, o));
  EXPECT_EQ(c.nodes, 11);  // plus the legend node
  EXPECT_EQ(c.edges, 12);
}

TEST(RenderTest, DotRecordsLayoutAndKeepsEdgeKeys) {
  RenderOptions o = Options(Format::kDot);
  o.layout = Layout::kNeato;
  std::string dot = RenderOrDie(SampleGraph(), o);
  EXPECT_NE(dot.find("layout=neato"), std::string::npos);
  EXPECT_NE(dot.find("key=r3"), std::string::npos);
  for (const char* layout_only : {"pos=", "bb=", "lp=", "lheight", "lwidth"}) {
    EXPECT_EQ(dot.find(layout_only), std::string::npos)
        << "DOT is written without positions: " << layout_only << "\n"
        << dot;
  }
}

TEST(RenderTest, EveryLayoutRendersEveryFormat) {
  for (Layout layout :
       {Layout::kDot, Layout::kNeato, Layout::kFdp, Layout::kSfdp, Layout::kCirco}) {
    for (Format format : {Format::kSvg, Format::kPng, Format::kPdf, Format::kDot}) {
      RenderOptions o = Options(format);
      o.layout = layout;
      Result<Rendering> r = Render(SampleGraph(), o);
      ASSERT_TRUE(r.ok()) << LayoutName(layout) << "/" << FormatName(format) << ": "
                          << r.status().ToString();
      EXPECT_EQ(r->layout, layout);
      EXPECT_GT(r->data.size(), 100u);
    }
  }
}

TEST(RenderTest, SameInputGivesByteIdenticalDotAndSvg) {
  Subgraph g = SampleGraph();
  Subgraph shuffled = g;
  std::mt19937 rng(7);
  std::shuffle(shuffled.nodes.begin(), shuffled.nodes.end(), rng);
  std::shuffle(shuffled.relations.begin(), shuffled.relations.end(), rng);
  for (Layout layout : {Layout::kDot, Layout::kNeato, Layout::kSfdp}) {
    for (Format format : {Format::kSvg, Format::kDot}) {
      RenderOptions o = Options(format);
      o.layout = layout;
      std::string first = RenderOrDie(g, o);
      EXPECT_EQ(first, RenderOrDie(g, o)) << LayoutName(layout) << "/" << FormatName(format);
      EXPECT_EQ(first, RenderOrDie(shuffled, o))
          << "input order must not matter: " << LayoutName(layout) << "/" << FormatName(format);
    }
  }
}

TEST(RenderTest, SvgCarriesAVersionButNoTimestamp) {
  std::string svg = RenderOrDie(SampleGraph(), Options(Format::kSvg));
  std::string head = svg.substr(0, svg.find("<svg"));
  EXPECT_NE(head.find("<!-- Generated by graphviz version"), std::string::npos);
  EXPECT_FALSE(std::regex_search(head, std::regex(R"(\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2})"))) << head;
}

TEST(RenderTest, EdgesCarryStanceColourDashAndTooltips) {
  RenderOptions o = Options(Format::kSvg);
  o.as_of = D("2025-07-16");
  SvgDocument svg = ParseSvg(RenderOrDie(SampleGraph(), o));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  const testing::SvgElement* praise = svg.Find("r3", "path");
  ASSERT_NE(praise, nullptr);
  EXPECT_EQ(praise->attributes.at("stroke"), "#009e73");
  const testing::SvgElement* criticize = svg.Find("r4", "path");
  ASSERT_NE(criticize, nullptr);
  EXPECT_EQ(criticize->attributes.at("stroke"), "#d55e00");
  const testing::SvgElement* restricts = svg.Find("r6", "path");
  ASSERT_NE(restricts, nullptr);
  EXPECT_TRUE(restricts->attributes.count("stroke-dasharray")) << "not valid on the as-of date";
  const testing::SvgElement* makes = svg.Find("r5", "path");
  ASSERT_NE(makes, nullptr);
  EXPECT_FALSE(makes->attributes.count("stroke-dasharray"));

  const testing::SvgElement* link = svg.Find("r3", "a");
  ASSERT_NE(link, nullptr);
  const std::string& tip = link->attributes.at("xlink:title");
  EXPECT_NE(tip.find("\u201CHuawei is a formidable company\u201D"), std::string::npos) << tip;
  EXPECT_NE(tip.find("Jensen Huang \u00B7 wallstreetcn \u00B7 2025-07-16"), std::string::npos);
  const testing::SvgElement* node = svg.Find("n1", "a");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->attributes.at("xlink:title"),
            "Company: NVIDIA\nAliases: NVIDIANVDA--, Nvidia Corp");
}

TEST(RenderTest, SymmetricTypesDrawOneEdgeWithoutArrowheads) {
  SvgDocument svg = ParseSvg(RenderOrDie(SampleGraph(), Options(Format::kSvg)));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_NE(svg.Find("r1", "path"), nullptr);
  EXPECT_EQ(svg.Find("r1", "polygon"), nullptr) << "no arrowhead on COMPETES_WITH";
  EXPECT_EQ(svg.Find("r2", "path"), nullptr) << "reverse direction merged into r1";
  EXPECT_EQ(svg.Find("r12", "path"), nullptr) << "parallel duplicate merged into r11";
  EXPECT_NE(svg.Find("r5", "polygon"), nullptr) << "MAKES keeps its arrowhead";

  RenderOptions o = Options(Format::kSvg);
  o.symmetric_types.clear();  // without the ontology's word, nothing merges
  svg = ParseSvg(RenderOrDie(SampleGraph(), o));
  EXPECT_NE(svg.Find("r2", "path"), nullptr);
  EXPECT_NE(svg.Find("r1", "polygon"), nullptr);
}

TEST(RenderTest, NodesAreFilledByKind) {
  SvgDocument svg = ParseSvg(RenderOrDie(SampleGraph(), Options(Format::kSvg)));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  const testing::SvgElement* company = svg.Find("n1", "path");  // rounded box
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->attributes.at("fill"), "#b2d5e8");
  const testing::SvgElement* person = svg.Find("n3", "ellipse");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->attributes.at("fill"), "#f0d7e5");
  const testing::SvgElement* other = svg.Find("n10", "polygon");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->attributes.at("fill"), "#ffffff");
}

TEST(RenderTest, LegendListsOnlyWhatAppears) {
  Subgraph g;
  g.nodes = {MakeEntity(1, "Company", "A"), MakeEntity(2, "Person", "B")};
  g.relations = {MakeRelation(1, "PRAISES", 2, 1, {{"stance", Value(0.5)}})};
  SvgDocument svg = ParseSvg(RenderOrDie(g, Options(Format::kSvg)));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  std::vector<std::string> legend = svg.TextsIn("legend");
  EXPECT_TRUE(Contains(legend, "Company"));
  EXPECT_TRUE(Contains(legend, "Person"));
  EXPECT_TRUE(Contains(legend, "approves, praises"));
  EXPECT_TRUE(Contains(legend, "line width: number of quotes"));
  EXPECT_FALSE(Contains(legend, "Product"));
  EXPECT_FALSE(Contains(legend, "restricts, criticizes"));
  EXPECT_FALSE(Contains(legend, "other fact"));

  RenderOptions o = Options(Format::kSvg);
  o.legend = false;
  svg = ParseSvg(RenderOrDie(g, o));
  EXPECT_TRUE(svg.TextsIn("legend").empty());
}

TEST(RenderTest, TitleAndFootnoteNameSourcesAndDates) {
  RenderOptions o = Options(Format::kSvg);
  o.title = "Stance <map> \"2025\"";
  o.as_of = D("2025-07-16");
  SvgDocument svg = ParseSvg(RenderOrDie(SampleGraph(), o));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_TRUE(Contains(svg.Texts(), "Stance <map> \"2025\""));
  EXPECT_TRUE(Contains(svg.Texts(),
                       "Source: tencent; wallstreetcn \u00B7 2025-07-16 to 2025-07-17 \u00B7 "
                       "as of 2025-07-16"));
}

// The y coordinates (SVG: larger is lower) of texts, by where they sit.
struct TextRows {
  double title = 0;      // the title's text
  double footnote = 0;   // the "Source: ..." line
  double top = 1e9;      // highest node or legend text
  double bottom = -1e9;  // lowest node or legend text
};

TextRows RowsOf(const SvgDocument& svg, const std::string& title) {
  TextRows rows;
  for (const testing::SvgElement& e : svg.elements) {
    if (e.name != "text") continue;
    double y = std::stod(e.attributes.at("y"));
    if (e.text == title) {
      rows.title = y;
    } else if (e.text.rfind("Source: ", 0) == 0) {
      rows.footnote = y;
    } else {
      rows.top = std::min(rows.top, y);
      rows.bottom = std::max(rows.bottom, y);
    }
  }
  return rows;
}

TEST(RenderTest, TitleIsOnTopAndFootnoteAtTheBottom) {
  {
    Layout layout = Layout::kDot;
    RenderOptions o = Options(Format::kSvg);
    o.layout = layout;
    SvgDocument svg = ParseSvg(RenderOrDie(SampleGraph(), o));
    ASSERT_TRUE(svg.well_formed) << svg.error;
    EXPECT_TRUE(Contains(svg.TextsIn("diagram"), "NVIDIA & friends")) << "the cluster's label";
    TextRows rows = RowsOf(svg, "NVIDIA & friends");
    EXPECT_LT(rows.title, rows.top) << LayoutName(layout) << ": title above the drawing";
    EXPECT_GT(rows.footnote, rows.bottom) << LayoutName(layout) << ": footnote below it";
  }
  // Layouts without cluster labels: title and footnote under the drawing,
  // the title first, as a figure caption.
  for (Layout layout : {Layout::kNeato, Layout::kFdp, Layout::kSfdp, Layout::kCirco}) {
    RenderOptions o = Options(Format::kSvg);
    o.layout = layout;
    SvgDocument svg = ParseSvg(RenderOrDie(SampleGraph(), o));
    ASSERT_TRUE(svg.well_formed) << svg.error;
    TextRows rows = RowsOf(svg, "NVIDIA & friends");
    EXPECT_GT(rows.title, rows.bottom) << LayoutName(layout);
    EXPECT_GT(rows.footnote, rows.title) << LayoutName(layout);
  }
  // Without a title: no cluster, the footnote still at the bottom.
  RenderOptions o = Options(Format::kSvg);
  o.title.clear();
  SvgDocument svg = ParseSvg(RenderOrDie(SampleGraph(), o));
  EXPECT_EQ(svg.Find("diagram", "text"), nullptr);
  TextRows rows = RowsOf(svg, "");
  EXPECT_GT(rows.footnote, rows.bottom);
}

// A report rebuilt from the same data gets the same figure: every layout is
// a function of the graph alone, however often it runs.
TEST(RenderTest, EveryLayoutDrawsTheSameGraphTheSameWayEachTime) {
  for (Layout layout :
       {Layout::kDot, Layout::kNeato, Layout::kFdp, Layout::kSfdp, Layout::kCirco}) {
    RenderOptions o = Options(Format::kSvg);
    o.layout = layout;
    std::string first = RenderOrDie(SampleGraph(), o);
    for (int i = 0; i < 4; ++i) {
      ASSERT_EQ(RenderOrDie(SampleGraph(), o), first) << LayoutName(layout) << " run " << i + 2;
    }
  }
}

// Edge labels stay inside the drawing's box, clear of the title.
TEST(RenderTest, EdgeLabelsStayInsideTheDrawing) {
  for (Layout layout : {Layout::kDot, Layout::kNeato, Layout::kFdp}) {
    RenderOptions o = Options(Format::kSvg);
    o.layout = layout;
    SvgDocument svg = ParseSvg(RenderOrDie(SampleGraph(), o));
    ASSERT_TRUE(svg.well_formed) << svg.error;
    const testing::SvgElement* background = svg.Find("graph0", "polygon");
    ASSERT_NE(background, nullptr);
    double top = 1e9, bottom = -1e9;
    std::istringstream points(background->attributes.at("points"));
    std::string pair;
    while (points >> pair) {
      double y = std::stod(pair.substr(pair.find(',') + 1));
      top = std::min(top, y);
      bottom = std::max(bottom, y);
    }
    for (const testing::SvgElement& e : svg.elements) {
      if (e.name != "text") continue;
      double y = std::stod(e.attributes.at("y"));
      EXPECT_GT(y, top) << LayoutName(layout) << ": " << e.text;
      EXPECT_LT(y, bottom) << LayoutName(layout) << ": " << e.text;
    }
  }
}

TEST(RenderTest, DefaultTitleSaysWhatIsDrawn) {
  EXPECT_EQ(DefaultTitle(SampleGraph()),
            "10 entities linked by BASED_IN, COMPETES_WITH, CRITICIZES and 9 more types");
  Subgraph g;
  g.relations = {MakeRelation(1, "PRAISES", 1, 2), MakeRelation(2, "PRAISES", 1, 3),
                 MakeRelation(3, "CRITICIZES", 1, 2)};
  EXPECT_EQ(DefaultTitle(g), "3 entities linked by CRITICIZES and PRAISES");
  g.relations.pop_back();
  EXPECT_EQ(DefaultTitle(g), "3 entities linked by PRAISES");
  g.relations.clear();
  g.nodes = {MakeEntity(1, "Person", "A"), MakeEntity(2, "Company", "B"),
             MakeEntity(3, "Company", "C")};
  EXPECT_EQ(DefaultTitle(g), "3 entities: Company and Person");
  g.nodes.resize(1);
  EXPECT_EQ(DefaultTitle(g), "1 entity: Person");
}

TEST(RenderTest, RelationEndpointsOutsideTheNodesBecomePlaceholders) {
  Subgraph g;
  g.relations = {MakeRelation(5, "MAKES", 40, 41)};
  RenderOptions o = Options(Format::kSvg);
  Result<Rendering> r = Render(g, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->nodes, 2u);
  SvgDocument svg = ParseSvg(r->data);
  EXPECT_TRUE(Contains(svg.TextsIn("n40"), "#40"));
}

TEST(RenderTest, EmptySubgraphIsAnErrorAndWritesNothing) {
  Result<Rendering> r = Render(Subgraph{}, Options(Format::kSvg));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("nothing to draw"), std::string::npos);

  TempDir dir;
  Result<Rendering> w = RenderToFile(Subgraph{}, Options(Format::kSvg), dir.path() / "x.svg");
  EXPECT_FALSE(w.ok());
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(RenderTest, RenderToFileWritesTheBytesAndLeavesNoTemporaryFile) {
  TempDir dir;
  fs::path out = dir.path() / "graph.svg";
  { std::ofstream(out) << "old content"; }
  Result<Rendering> r = RenderToFile(SampleGraph(), Options(Format::kSvg), out);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::ifstream in(out, std::ios::binary);
  std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(written, r->data);
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"graph.svg"});
  struct stat st;
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(RenderTest, UnwritablePathIsAnIOErrorAndLeavesNothing) {
  TempDir dir;
  fs::path missing = dir.path() / "no-such-dir" / "x.svg";
  Result<Rendering> r = RenderToFile(SampleGraph(), Options(Format::kSvg), missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_NE(r.status().message().find(missing.string()), std::string::npos);

  fs::path file = dir.path() / "plain-file";
  { std::ofstream(file) << "x"; }
  r = RenderToFile(SampleGraph(), Options(Format::kSvg), file / "x.svg");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);

  fs::path directory = dir.path() / "a-directory";
  fs::create_directory(directory);
  r = RenderToFile(SampleGraph(), Options(Format::kSvg), directory);
  ASSERT_FALSE(r.ok()) << "renaming over a directory must fail";
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"a-directory", "plain-file"}));
  EXPECT_TRUE(fs::is_empty(directory));
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(WriteFileTest, ASymlinkIsFollowedAndKept) {
  TempDir dir;
  fs::create_directory(dir.path() / "real");
  fs::path target = dir.path() / "real" / "target.svg";
  { std::ofstream(target) << "old"; }
  fs::path link = dir.path() / "link.svg";
  fs::create_symlink("real/target.svg", link);  // relative to the link's directory
  ASSERT_TRUE(WriteFileAtomically(link, "new bytes").ok());
  EXPECT_TRUE(fs::is_symlink(link)) << "the link must stay a link";
  EXPECT_EQ(fs::read_symlink(link), "real/target.svg");
  EXPECT_EQ(ReadFile(target), "new bytes");
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"link.svg", "real"}));
  std::vector<std::string> real;
  for (const auto& e : fs::directory_iterator(dir.path() / "real"))
    real.push_back(e.path().filename());
  EXPECT_EQ(real, std::vector<std::string>{"target.svg"}) << "no temporary file left";

  // A dangling link: its target is created, the link stays.
  fs::path dangling = dir.path() / "dangling.svg";
  fs::create_symlink(dir.path() / "real" / "created.svg", dangling);
  ASSERT_TRUE(WriteFileAtomically(dangling, "created").ok());
  EXPECT_TRUE(fs::is_symlink(dangling));
  EXPECT_EQ(ReadFile(dir.path() / "real" / "created.svg"), "created");

  // A link to a directory is refused like the directory.
  fs::create_symlink("real", dir.path() / "dirlink");
  Status st = WriteFileAtomically(dir.path() / "dirlink", "x");
  EXPECT_EQ(st.code(), StatusCode::kIOError);
  EXPECT_NE(st.message().find("is a directory"), std::string::npos) << st.message();
  EXPECT_TRUE(fs::is_symlink(dir.path() / "dirlink"));
}

TEST(WriteFileTest, AFifoIsWrittenIntoNotReplaced) {
  TempDir dir;
  fs::path fifo = dir.path() / "pipe.svg";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = ReadFile(fifo); });  // blocks until the writer opens
  Result<Rendering> r = RenderToFile(SampleGraph(), Options(Format::kSvg), fifo);
  reader.join();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(received, r->data);
  EXPECT_TRUE(fs::is_fifo(fifo)) << "the FIFO must not be replaced by a regular file";
  EXPECT_EQ(dir.Entries(), std::vector<std::string>{"pipe.svg"});
}

TEST(WriteFileTest, AReplacedFileKeepsItsMode) {
  TempDir dir;
  fs::path out = dir.path() / "private.svg";
  { std::ofstream(out) << "old"; }
  ASSERT_EQ(::chmod(out.c_str(), 0600), 0);
  ASSERT_TRUE(WriteFileAtomically(out, "secret diagram").ok());
  struct stat st;
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(ReadFile(out), "secret diagram");

  ASSERT_EQ(::chmod(out.c_str(), 0640), 0);
  ASSERT_TRUE(WriteFileAtomically(out, "again").ok());
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST(WriteFileTest, ADirectoryIsRefused) {
  TempDir dir;
  Status st = WriteFileAtomically(dir.path(), "x");
  EXPECT_EQ(st.code(), StatusCode::kIOError);
  EXPECT_NE(st.message().find("cannot write '" + dir.path().string() + "': it is a directory"),
            std::string::npos)
      << st.message();
  EXPECT_TRUE(dir.Entries().empty());
}

TEST(RenderTest, LargeGraphSwitchesToSfdpAndLabelsOnlyHubs) {
  Subgraph g = LargeGraph(500);
  RenderOptions o = Options(Format::kSvg);
  Result<Rendering> r = Render(g, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->large);
  EXPECT_EQ(r->layout, Layout::kSfdp);
  EXPECT_EQ(r->nodes, 500u);
  // The 19 hubs; the 481 leaves tie at the cut of 40 and all stay unnamed.
  EXPECT_EQ(r->labelled_nodes, 19u);
  SvgDocument svg = ParseSvg(r->data);
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_TRUE(Contains(svg.TextsIn("n1"), "node-1")) << "the biggest hub keeps its name";
  EXPECT_TRUE(svg.TextsIn("n400").empty()) << "a leaf loses its label";
  const testing::SvgElement* leaf = svg.Find("n400", "a");
  ASSERT_NE(leaf, nullptr);
  EXPECT_EQ(leaf->attributes.at("xlink:title"), "Company: node-400") << "but keeps its tooltip";
  EXPECT_TRUE(svg.TextsIn("r1").empty()) << "edges lose their type labels";
  EXPECT_TRUE(Contains(svg.TextsIn("legend"), "names shown for the 19 best-connected nodes"));
}

TEST(RenderTest, ExplicitLayoutIsHonouredForALargeGraph) {
  RenderOptions o = Options(Format::kDot);
  o.layout = Layout::kNeato;
  Result<Rendering> r = Render(LargeGraph(kLargeGraphNodes + 1), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->layout, Layout::kNeato);
  EXPECT_TRUE(r->large);

  r = Render(LargeGraph(kLargeGraphNodes), Options(Format::kDot));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->large);
  EXPECT_TRUE(r->dense);
  EXPECT_EQ(r->layout, Layout::kNeato);
  EXPECT_EQ(r->labelled_nodes, kLargeGraphNodes);
}

// `n` Company nodes, every pair linked until `edges` edges exist.
Subgraph Mesh(size_t n, size_t edges) {
  Subgraph g;
  for (EntityId id = 1; id <= n; ++id) {
    g.nodes.push_back(MakeEntity(id, "Company", "company " + std::to_string(id)));
  }
  RelationId rid = 1;
  for (EntityId a = 1; a <= n && rid <= edges; ++a) {
    for (EntityId b = a + 1; b <= n && rid <= edges; ++b) {
      g.relations.push_back(MakeRelation(rid++, "SUPPLIES", a, b));
    }
  }
  return g;
}

TEST(RenderTest, DenseGraphsDefaultToNeato) {
  struct Case {
    size_t nodes, edges;
    bool dense;
  };
  for (Case c : {Case{kDenseGraphNodes, kDenseGraphEdges, false},
                 Case{kDenseGraphNodes + 1, 10, true}, Case{12, kDenseGraphEdges + 1, true}}) {
    Result<Rendering> r = Render(Mesh(c.nodes, c.edges), Options(Format::kDot));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->edges, c.edges);
    EXPECT_EQ(r->dense, c.dense) << c.nodes << " nodes, " << c.edges << " edges";
    EXPECT_EQ(r->layout, c.dense ? Layout::kNeato : Layout::kDot);
  }
  RenderOptions o = Options(Format::kDot);
  o.layout = Layout::kDot;
  EXPECT_EQ(Render(Mesh(12, 66), o).value().layout, Layout::kDot) << "--layout wins";
}

// The page size of an SVG, in points, from its root width/height.
std::pair<double, double> PageOf(const SvgDocument& svg) {
  for (const testing::SvgElement& e : svg.elements) {
    if (e.name == "svg")
      return {std::stod(e.attributes.at("width")), std::stod(e.attributes.at("height"))};
  }
  return {0, 0};
}

TEST(RenderTest, DrawingsFitAReportPageUnlessLarge) {
  // A dense mesh is far bigger than a page at its natural size.
  Subgraph g = Mesh(60, 200);
  std::string dot = RenderOrDie(g, Options(Format::kDot));
  EXPECT_NE(dot.find("size=\"11.00,8.50\""), std::string::npos) << dot.substr(0, 400);
  for (Layout layout : {Layout::kDot, Layout::kNeato}) {
    RenderOptions o = Options(Format::kSvg);
    o.layout = layout;
    SvgDocument svg = ParseSvg(RenderOrDie(g, o));
    ASSERT_TRUE(svg.well_formed) << svg.error;
    auto [width, height] = PageOf(svg);
    EXPECT_LE(width, kPageWidth * 72 + 1) << LayoutName(layout);
    EXPECT_LE(height, kPageHeight * 72 + 1) << LayoutName(layout);
    EXPECT_GT(std::max(width / (kPageWidth * 72), height / (kPageHeight * 72)), 0.95)
        << LayoutName(layout) << ": scaled to fill the page";
  }
  // Small drawings are not scaled up (two nodes and the legend, whose
  // relation families are described in words, stay well under a page).
  auto [width, height] = PageOf(ParseSvg(RenderOrDie(Mesh(2, 1), Options(Format::kSvg))));
  EXPECT_LT(width, kPageWidth * 72 * 0.75);
  EXPECT_LT(height, kPageHeight * 72 * 0.75);
  // Large drawings keep their natural size.
  EXPECT_EQ(RenderOrDie(LargeGraph(kLargeGraphNodes + 1), Options(Format::kDot))
                .find("size=\"11.00,8.50\""),
            std::string::npos);
}

TEST(RenderTest, MoreNodesThanTheCapAreRefusedWithAdvice) {
  Result<Rendering> r = Render(LargeGraph(kMaxNodes + 1), Options(Format::kSvg));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("2001"), std::string::npos) << m;
  EXPECT_NE(m.find("LIMIT"), std::string::npos) << m;
  EXPECT_NE(m.find("--depth 1"), std::string::npos) << m;
}

TEST(RenderOptionsTest, FormatsLayoutsAndRankDirsParse) {
  EXPECT_EQ(FormatFromPath("out/a.SVG").value(), Format::kSvg);
  EXPECT_EQ(FormatFromPath("a.png").value(), Format::kPng);
  EXPECT_EQ(FormatFromPath("a.pdf").value(), Format::kPdf);
  EXPECT_EQ(FormatFromPath("a.gv").value(), Format::kDot);
  EXPECT_EQ(FormatFromPath("dir.v2/a.dot").value(), Format::kDot);
  EXPECT_EQ(FormatFromPath("dir.svg/graph").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FormatFromPath("a.jpeg").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseFormat("PDF").value(), Format::kPdf);
  EXPECT_FALSE(ParseFormat("bmp").ok());
  EXPECT_EQ(FormatFromPath("a.xdot").value(), Format::kXdot);
  for (std::string_view name : {"dot", "neato", "fdp", "sfdp", "circo", "twopi"}) {
    EXPECT_EQ(LayoutName(ParseLayout(name).value()), name);
  }
  EXPECT_NE(ParseLayout("osage").status().message().find("use dot, neato"), std::string::npos);
  EXPECT_EQ(ParseRankDir("lr").value(), RankDir::kLeftRight);
  EXPECT_EQ(ParseRankDir("TB").value(), RankDir::kTopBottom);
  EXPECT_FALSE(ParseRankDir("BT").ok());
}

}  // namespace
}  // namespace kg::viz
